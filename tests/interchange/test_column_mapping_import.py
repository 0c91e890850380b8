"""A home-made questionnaire format, described once as a column mapping and saved by name: its
links are checked line by line; its answers match our options exactly or come in as text."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from assessments.lifecycle.services import assessment_create
from assessments.questionnaire.structure import questionnaire_structure
from core.errors import NotAllowed, ServiceError
from interchange.answers_import.column_mappings import column_mapping_save
from interchange.answers_import.services import (
    MAPPING_PREFIX,
    answers_import_preview,
    import_formats,
)
from interchange.models import ColumnMapping
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "name": "Acme security questionnaire",
    "sheet": "Security",
    "id_column": "Ref",
    "answer_column": "Response",
    "notes_column": "Comments",
    "links": (
        "SEC-1 = basics.admin_mfa\nSEC-2 = basics.sbom\n# a comment line\n\n"
        "SEC-3 -> basics.patching"
    ),
}


@pytest.fixture
def assessment(questionnaire_v3, procurement_user):
    return assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )


def _save(assessment, actor, **changes):
    structure = questionnaire_structure(assessment.questionnaire)
    return column_mapping_save(
        actor=actor, structure=structure, mapping=None, fields={**FIELDS, **changes}
    )


def test_a_saved_mapping_is_offered_as_a_format(assessment, procurement_user):
    mapping = _save(assessment, procurement_user)
    assert mapping.links[2] == {"source": "SEC-3", "question": "basics.patching"}
    assert (
        f"{MAPPING_PREFIX}{mapping.pk}",
        "Column mapping: Acme security questionnaire",
    ) in import_formats(assessment=assessment)


def test_each_bad_link_line_is_named(assessment, procurement_user):
    with pytest.raises(ServiceError) as refused:
        _save(
            assessment,
            procurement_user,
            links="SEC-1 = basics.nothing\njust words\nSEC-1 = basics.sbom\nSEC-1 = basics.sbom",
        )
    assert refused.value.field_errors["links"] == [
        "Line 1: “basics.nothing” is not a question of this questionnaire.",
        "Line 2: write the file's question id, “=”, then our question's key "
        "(SEC-12 = basics.admin_mfa).",
        "Line 4: SEC-1 is already linked to basics.sbom above.",
    ]
    assert ColumnMapping.objects.count() == 0


def test_names_are_unique_whatever_their_case(assessment, procurement_user):
    _save(assessment, procurement_user)
    with pytest.raises(ServiceError) as refused:
        _save(assessment, procurement_user, name="ACME security questionnaire")
    assert refused.value.field_errors == {
        "name": ["A column mapping with this name already exists."]
    }


def test_a_viewer_cannot_define_one(assessment, viewer_user):
    with pytest.raises(NotAllowed):
        _save(assessment, viewer_user)


def test_answers_naming_an_option_match_exactly_and_others_come_in_as_text(
    assessment, procurement_user
):
    mapping = _save(assessment, procurement_user)
    structure = questionnaire_structure(assessment.questionnaire)
    mfa = structure.question("basics.admin_mfa")
    book = Workbook()
    sheet = book.active
    sheet.title = "Security"
    sheet.append(["Acme questionnaire, filled by Acme"])
    sheet.append(["Ref", "Question", "Response", "Comments"])
    sheet.append(["SEC-1", "MFA?", mfa.options[1].label.upper(), "On for every admin."])
    sheet.append(["SEC-2", "SBOM?", "We publish CycloneDX", ""])
    sheet.append(["SEC-9", "Not linked", "Yes", ""])
    out = io.BytesIO()
    book.save(out)
    record = answers_import_preview(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        upload=SimpleUploadedFile("acme.xlsx", out.getvalue()),
        source_format=f"{MAPPING_PREFIX}{mapping.pk}",
    )
    items = {i["question"]: i for i in record.preview["items"]}
    assert set(items) == {"basics.admin_mfa", "basics.sbom"}
    assert (items["basics.admin_mfa"]["option"], items["basics.admin_mfa"]["confidence"]) == (
        mfa.options[1].key,
        "exact",
    )
    assert items["basics.admin_mfa"]["sources"][0]["where"] == "Security sheet, row 3"
    assert (items["basics.sbom"]["option"], items["basics.sbom"]["confidence"]) == (None, "text")
    assert "We publish CycloneDX" in items["basics.sbom"]["explanation"]


def test_a_missing_sheet_or_column_is_named(assessment, procurement_user):
    mapping = _save(assessment, procurement_user)
    book = Workbook()
    book.active.title = "Other"
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(ServiceError) as refused:
        answers_import_preview(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            upload=SimpleUploadedFile("acme.xlsx", out.getvalue()),
            source_format=f"{MAPPING_PREFIX}{mapping.pk}",
        )
    assert (
        refused.value.message
        == "This file has no sheet named “Security”, which the column mapping reads."
    )


def test_a_control_character_in_a_header_is_refused_by_name(assessment, procurement_user):
    with pytest.raises(ServiceError) as refused:
        _save(assessment, procurement_user, answer_column="Resp\u202eonse")
    assert list(refused.value.field_errors) == ["answer_column"]
    assert ColumnMapping.objects.count() == 0
