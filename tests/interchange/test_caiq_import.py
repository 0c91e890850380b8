"""A vendor's completed CAIQ v4 workbook, read through the shipped mapping: a preview first (what
each row suggests, from which row, how sure), then only what someone accepts, as the vendor's
claims with the file attached. A bad row refuses the whole file, named by sheet, row and column."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_create
from assessments.models import Answer, AuditAction, AuditEvent, Evidence
from core.errors import ConflictError, NotAllowed, ServiceError
from interchange.answers_import.services import (
    CAIQ,
    answers_import_apply,
    answers_import_discard,
    answers_import_preview,
)
from interchange.models import AnswersImport
from tests.factories import OfferingFactory
from tests.interchange.caiq import caiq_rows, caiq_workbook, row_of

pytestmark = pytest.mark.django_db

ANSWERS = {
    "DSP-19.1": ("Yes", "Data stays in the EU regions we list on our trust page."),
    "SEF-04.1": ("Yes", "We rehearse incident response every quarter."),
    "A&A-02.1": ("No", ""),
    "IPY-02.1": ("No", "Exports by ticket."),
    "BCR-11.1": ("Yes", "N+1 power and network."),
    "CCC-09.1": ("NA", "No changes pushed to customers."),
}


@pytest.fixture
def assessment(questionnaire_v3, procurement_user):
    return assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire_v3
    )


def _upload(content: bytes, name="caiq-acme.xlsx"):
    return SimpleUploadedFile(name, content)


def _preview(assessment, actor, rows=None, name="caiq-acme.xlsx"):
    content = caiq_workbook(rows or caiq_rows(ANSWERS))
    record = answers_import_preview(
        actor=actor, assessment_pk=assessment.pk, upload=_upload(content, name), source_format=CAIQ
    )
    return record, content


def _answer_drills(assessment, actor, option_key, level):
    answer_save(
        actor=actor,
        assessment_pk=assessment.pk,
        question_key="incident_readiness.response_exercises",
        option_key=option_key,
        explanation="",
        evidence_level=level,
        expected_version=None,
    )


def _items(record):
    return {i["question"]: i for i in record.preview["items"]}


def test_the_preview_suggests_options_with_their_rows_and_writes_nothing(
    assessment, procurement_user
):
    rows = caiq_rows(ANSWERS)
    record, content = _preview(assessment, procurement_user, rows)
    items = _items(record)
    region = items["data_residency.region_selection"]
    assert (region["option"], region["confidence"]) == ("fixed_known", "partial")
    assert region["sources"][0]["where"] == f"CAIQv4.0.3 sheet, row {row_of(rows, 'DSP-19.1')}"
    assert "Data stays in the EU" in region["explanation"]
    assert f"row {row_of(rows, 'DSP-19.1')} (DSP-19.1: Yes)" in region["explanation"]
    drills = items["incident_readiness.response_exercises"]
    assert (drills["option"], drills["confidence"]) == ("regular_drills", "exact")
    assert (
        items["transparency.independent_assessment"]["option"],
        items["transparency.independent_assessment"]["confidence"],
    ) == ("none", "exact")
    # A Yes about the vendor's redundant equipment says nothing about our failure mode.
    failure = items["integration.failure_mode"]
    assert (failure["option"], failure["confidence"]) == (None, "text")
    assert not failure["ticked"] and region["ticked"]
    # NA with no rule for it: the notes still come in, as an explanation.
    assert items["update_channel.recovery"]["confidence"] == "text"
    assert "control_plane.tenant_isolation" not in items  # left blank in the file
    assert record.sha256 == hashlib.sha256(content).hexdigest()
    assert Answer.objects.filter(assessment=assessment).count() == 0
    assert Evidence.objects.count() == 0


def test_accepted_answers_are_claims_with_the_file_attached(assessment, procurement_user):
    record, content = _preview(assessment, procurement_user)
    answers_import_apply(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        import_id=record.pk,
        accepted=["data_residency.region_selection", "incident_readiness.response_exercises"],
    )
    answers = {
        a.question.key: a
        for a in Answer.objects.filter(assessment=assessment).select_related("question", "option")
    }
    assert set(answers) == {
        "data_residency.region_selection",
        "incident_readiness.response_exercises",
    }
    region = answers["data_residency.region_selection"]
    assert region.option.key == "fixed_known"
    assert region.evidence_level == "claim"
    assert "DSP-19.1: Yes" in region.explanation
    evidence = list(Evidence.objects.filter(answer__assessment=assessment))
    assert len(evidence) == 2
    assert {e.sha256 for e in evidence} == {hashlib.sha256(content).hexdigest()}
    assert len({e.file.name for e in evidence}) == 1  # stored once, shared
    assert evidence[0].file.read() == content
    event = AuditEvent.objects.get(assessment=assessment, action=AuditAction.ANSWERS_IMPORTED)
    assert event.new["sha256"] == record.sha256
    assert event.new["questions"] == [
        "data_residency.region_selection",
        "incident_readiness.response_exercises",
    ]
    record.refresh_from_db()
    assert record.status == "applied" and bytes(record.content) == b""


def test_a_whole_domain_can_be_accepted(assessment, procurement_user):
    record, _ = _preview(assessment, procurement_user)
    answers_import_apply(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        import_id=record.pk,
        accepted=[],
        domains=["data_residency"],
    )
    keys = set(Answer.objects.filter(assessment=assessment).values_list("question__key", flat=True))
    expected = {i["question"] for i in record.preview["items"] if i["domain"] == "data_residency"}
    assert keys == expected and len(keys) >= 2


def test_a_bad_answer_refuses_the_file_naming_sheet_row_and_column(assessment, procurement_user):
    rows = caiq_rows({**ANSWERS, "DSP-05.1": ("Maybe", "")})
    with pytest.raises(ServiceError) as refused:
        _preview(assessment, procurement_user, rows)
    assert refused.value.field_errors["file"] == [
        f"CAIQv4.0.3 sheet, row {row_of(rows, 'DSP-05.1')}, column C (CSP CAIQ Answer): "
        "answer “Maybe” is not Yes, No or NA."
    ]
    assert AnswersImport.objects.count() == 0


def test_a_file_that_is_not_a_workbook_is_refused(assessment, procurement_user):
    with pytest.raises(ServiceError) as refused:
        answers_import_preview(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            upload=_upload(b"Question ID,Answer\nA&A-01.1,Yes\n", "caiq.xlsx"),
            source_format=CAIQ,
        )
    assert "is not an Excel workbook" in refused.value.field_errors["file"][0]


def test_a_workbook_without_a_caiq_sheet_names_its_sheets(assessment, procurement_user):
    content = caiq_workbook(caiq_rows(ANSWERS), sheet="Answers")
    with pytest.raises(ServiceError) as refused:
        answers_import_preview(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            upload=_upload(content),
            source_format=CAIQ,
        )
    assert "no CAIQ sheet (its sheets: Introduction, CCMv4.0.3, Answers)" in refused.value.message


def test_nothing_is_imported_when_an_answer_changed_after_the_preview(assessment, procurement_user):
    record, _ = _preview(assessment, procurement_user)
    _answer_drills(assessment, procurement_user, "none", "claim")
    with pytest.raises(ConflictError) as refused:
        answers_import_apply(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            import_id=record.pk,
            accepted=["data_residency.region_selection", "incident_readiness.response_exercises"],
        )
    assert "Nothing was imported: 1 of these answers changed" in refused.value.message
    assert not Answer.objects.filter(
        assessment=assessment, question__key="data_residency.region_selection"
    ).exists()
    assert Evidence.objects.count() == 0
    assert not AuditEvent.objects.filter(action=AuditAction.ANSWERS_IMPORTED).exists()
    record.refresh_from_db()
    assert record.status == "previewed"


def test_an_answered_question_is_not_ticked_and_the_same_option_keeps_its_level(
    assessment, procurement_user, architect_user
):
    _answer_drills(assessment, procurement_user, "regular_drills", "documented")
    record, _ = _preview(assessment, procurement_user)
    drills = _items(record)["incident_readiness.response_exercises"]
    assert drills["same"] and not drills["ticked"]
    answers_import_apply(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        import_id=record.pk,
        accepted=["incident_readiness.response_exercises"],
    )
    answer = Answer.objects.get(
        assessment=assessment, question__key="incident_readiness.response_exercises"
    )
    assert answer.evidence_level == "documented"
    assert "SEF-04.1: Yes" in answer.explanation


def test_a_preview_is_imported_once(assessment, procurement_user):
    record, _ = _preview(assessment, procurement_user)
    answers_import_discard(actor=procurement_user, assessment_pk=assessment.pk, import_id=record.pk)
    with pytest.raises(ConflictError):
        answers_import_apply(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            import_id=record.pk,
            accepted=["data_residency.region_selection"],
        )
    assert Answer.objects.filter(assessment=assessment).count() == 0


def test_questions_outside_the_preview_are_refused(assessment, procurement_user):
    record, _ = _preview(assessment, procurement_user)
    with pytest.raises(ServiceError) as refused:
        answers_import_apply(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            import_id=record.pk,
            accepted=["product.deployment"],
        )
    assert "not in the preview" in refused.value.message
    with pytest.raises(ServiceError):
        answers_import_apply(
            actor=procurement_user, assessment_pk=assessment.pk, import_id=record.pk, accepted=[]
        )


def test_only_those_who_answer_may_import(assessment, viewer_user, architect_user):
    content = caiq_workbook(caiq_rows(ANSWERS))
    for actor in (viewer_user, architect_user):
        with pytest.raises(NotAllowed):
            answers_import_preview(
                actor=actor,
                assessment_pk=assessment.pk,
                upload=_upload(content),
                source_format=CAIQ,
            )


def test_a_csv_of_the_caiq_sheet_is_read_too(assessment, procurement_user):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Question ID",
            "Question",
            "CSP CAIQ Answer",
            "SSRM Control Ownership",
            "CSP Implementation Description",
        ]
    )
    writer.writerow(["DSP-19.1", "Placeholder", "yes", "CSP-owned", "Frankfurt and Dublin."])
    record = answers_import_preview(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        upload=_upload(out.getvalue().encode("utf-8-sig"), "caiq.csv"),
        source_format=CAIQ,
    )
    region = _items(record)["data_residency.region_selection"]
    assert region["option"] == "fixed_known"
    assert region["sources"][0]["where"] == "The CSV file, row 2"


def test_the_history_names_the_import_and_its_file(client, assessment, procurement_user):
    record, _ = _preview(assessment, procurement_user)
    answers_import_apply(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        import_id=record.pk,
        accepted=["data_residency.region_selection", "incident_readiness.response_exercises"],
    )
    client.force_login(procurement_user)
    page = client.get(f"/assessments/{assessment.pk}/history/").content.decode()
    assert "imported 2 answers from" in page and "caiq-acme.xlsx" in page
    assert record.sha256 in page


def test_a_preview_left_for_a_week_is_discarded_with_its_copy_of_the_file(
    assessment, procurement_user
):
    import datetime

    from django.utils import timezone

    old, _ = _preview(assessment, procurement_user)
    AnswersImport.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=8)
    )
    fresh, _ = _preview(assessment, procurement_user)
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert (old.status, bytes(old.content)) == ("discarded", b"")
    assert fresh.status == "previewed" and bytes(fresh.content)
