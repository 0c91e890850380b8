"""The questionnaire as a workbook for a vendor who answers offline, and the same file read back:
blank out, filled in, imported, every answered row an exact match."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assessments.lifecycle.services import assessment_create
from assessments.questionnaire.structure import questionnaire_structure
from core.errors import ServiceError
from interchange.answers_import.services import (
    OFFLINE,
    answers_import_apply,
    answers_import_preview,
)
from interchange.offline import assessment_offline_questionnaire
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(questionnaire_v3, procurement_user):
    return assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )


def _filled(content: bytes, structure, *, every=1, answer=None) -> tuple[bytes, dict]:
    """The workbook with every `every`th question answered by its first option (or N/A where
    the question allows it and its index is odd), explained in the vendor's words."""
    book = load_workbook(io.BytesIO(content))
    sheet = book["Questionnaire"]
    chosen = {}
    for row in range(2, sheet.max_row + 1):
        key = sheet.cell(row, 1).value
        question = structure.question(key)
        if (row - 2) % every:
            continue
        label = answer or (
            "Not applicable" if question.allows_na and row % 2 else question.options[0].label
        )
        sheet.cell(row, 5).value = label
        sheet.cell(row, 6).value = f"Vendor's note on {key}"
        chosen[key] = label
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), chosen


def _preview(assessment, actor, content, name="filled.xlsx"):
    return answers_import_preview(
        actor=actor,
        assessment_pk=assessment.pk,
        upload=SimpleUploadedFile(name, content),
        source_format=OFFLINE,
    )


def test_the_blank_workbook_lists_every_question_with_its_options(assessment):
    structure = questionnaire_structure(assessment.questionnaire)
    book = load_workbook(io.BytesIO(assessment_offline_questionnaire(assessment=assessment)))
    assert book.sheetnames == ["Read me", "Questionnaire", "Choices"]
    sheet = book["Questionnaire"]
    keys = [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)]
    assert keys == [q.key for q in structure.questions]
    assert [c.value for c in sheet[1]] == [
        "Question ID",
        "Domain",
        "Question",
        "Guidance",
        "Answer",
        "Explanation",
    ]
    validations = sheet.data_validations.dataValidation
    assert len(validations) == len(keys)
    first = structure.questions[0]
    choices = [c.value for c in book["Choices"][1] if c.value]
    assert choices == [o.label for o in first.options] + (
        ["Not applicable"] if first.allows_na else []
    )
    assert book["Choices"].sheet_state == "hidden"
    assert "v3" in book["Read me"]["B3"].value


def test_the_filled_workbook_comes_back_as_exact_matches_for_every_answered_row(
    assessment, procurement_user
):
    structure = questionnaire_structure(assessment.questionnaire)
    content, chosen = _filled(
        assessment_offline_questionnaire(assessment=assessment), structure, every=2
    )
    record = _preview(assessment, procurement_user, content)
    items = {i["question"]: i for i in record.preview["items"]}
    assert set(items) == set(chosen)
    assert {i["confidence"] for i in items.values()} == {"exact"}
    for key, label in chosen.items():
        assert items[key]["label"] == label
        assert items[key]["ticked"]
    answers_import_apply(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        import_id=record.pk,
        accepted=list(chosen),
    )
    stored = {a.question.key: a for a in assessment.answers.select_related("question", "option")}
    assert set(stored) == set(chosen)
    for key, label in chosen.items():
        answer = stored[key]
        assert ("Not applicable" if answer.is_na else answer.option.label) == label
        assert answer.explanation.startswith(f"Vendor's note on {key}")
        assert answer.evidence_level == "claim"


def test_an_answer_not_in_the_list_is_named_by_row_and_column(assessment, procurement_user):
    structure = questionnaire_structure(assessment.questionnaire)
    content, _ = _filled(
        assessment_offline_questionnaire(assessment=assessment), structure, every=40, answer="Maybe"
    )
    with pytest.raises(ServiceError) as refused:
        _preview(assessment, procurement_user, content)
    assert refused.value.field_errors["file"][0] == (
        "Questionnaire sheet, row 2, column E (Answer): “Maybe” is not one of this question's "
        "answers; choose one from the list in the cell."
    )


def test_a_file_made_for_another_version_is_refused(
    questionnaire_v3, questionnaire_v2, procurement_user
):
    older = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v2
    )
    newer = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )
    content = assessment_offline_questionnaire(assessment=older)
    with pytest.raises(ServiceError) as refused:
        _preview(newer, procurement_user, content)
    assert "was made for" in refused.value.message and "v2" in refused.value.message
