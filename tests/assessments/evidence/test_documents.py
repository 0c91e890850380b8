"""Evidence documents: facts recorded per kind (each refusal named by field), confirmed by an
architect, audited; and an attested answer scored at the level its documents really back."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.attestation import attestation_checks
from assessments.evidence import evidence_add
from assessments.evidence.documents import (
    BRIDGE_NOT_REPORT,
    CONFIRM_WHEN,
    REQUIRED_FACT,
    document_confirm,
    document_record,
)
from assessments.lifecycle.services import assessment_submit
from assessments.models import AuditEvent, EvidenceDocument
from assessments.review.services.verdicts import answer_evidence_level_set, review_start
from assessments.scoring_adapter import assessment_score
from core.errors import ConflictError, NotAllowed, ServiceError
from tests.assessments.helpers import answer_all
from tests.support import files

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
MONTHS_AGO_14 = TODAY - datetime.timedelta(days=426)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _evidence(actor, assessment, key, name="soc2.pdf"):
    upload = SimpleUploadedFile(name, files.PDF, "application/pdf")
    return evidence_add(actor=actor, assessment=assessment, question_key=key, upload=upload)


def _soc2(offering="Acme Payments", period_end=MONTHS_AGO_14):
    return {
        "issuer": "Example LLP",
        "subject": "Acme Ltd",
        "scope_products": [offering],
        "trust_criteria": ["Security", "Availability"],
        "period_start": period_end - datetime.timedelta(days=365),
        "period_end": period_end,
        "exceptions_noted": "no",
    }


def test_procurement_records_a_soc2_report_and_it_is_audited(assessment, procurement_user):
    key = assessment.questionnaire.questions.order_by("position").first().key
    evidence = _evidence(procurement_user, assessment, key)
    document = document_record(
        actor=procurement_user, evidence=evidence, kind="soc2_type2", data=_soc2()
    )
    assert document.label == "SOC 2 Type II report by Example LLP"
    assert document.scope_products == ["Acme Payments"] and document.exceptions_noted is False
    event = AuditEvent.objects.filter(action="document.recorded").get()
    assert event.new["kind"] == "soc2_type2" and event.new["issuer"] == "Example LLP"


def test_each_kind_asks_its_own_facts_and_names_what_is_missing(assessment, procurement_user):
    key = assessment.questionnaire.questions.order_by("position").first().key
    evidence = _evidence(procurement_user, assessment, key)
    with pytest.raises(ServiceError) as refused:
        document_record(actor=procurement_user, evidence=evidence, kind="iso27001", data={})
    assert refused.value.field_errors == {
        "scope_products": [REQUIRED_FACT],
        "expires_on": [REQUIRED_FACT],
    }
    with pytest.raises(ServiceError) as backwards:
        document_record(
            actor=procurement_user,
            evidence=evidence,
            kind="iso27001",
            data={"scope_products": ["X"], "issued_on": "2026-05-01", "expires_on": "2026-04-01"},
        )
    assert "expires_on" in backwards.value.field_errors
    with pytest.raises(ServiceError) as bad_date:
        document_record(
            actor=procurement_user,
            evidence=evidence,
            kind="pentest",
            data={"issued_on": "last spring"},
        )
    assert bad_date.value.field_errors == {"issued_on": ["Enter a date as YYYY-MM-DD."]}
    assert not EvidenceDocument.objects.exists()


def test_a_bridge_letter_must_extend_a_soc2_report_of_this_assessment(assessment, procurement_user):
    key = assessment.questionnaire.questions.order_by("position").first().key
    letter = _evidence(procurement_user, assessment, key, "bridge.pdf")
    with pytest.raises(ServiceError) as refused:
        document_record(
            actor=procurement_user,
            evidence=letter,
            kind="bridge_letter",
            data={"bridges": "999", "period_end": TODAY},
        )
    assert refused.value.field_errors["bridges"] == [BRIDGE_NOT_REPORT]


@pytest.fixture
def in_review(assessment, procurement_user, architect_user):
    answer_all(assessment, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    assessment.refresh_from_db()
    return assessment


def test_a_failed_scope_check_scores_attested_as_documented_until_cleared(
    in_review, architect_user
):
    assessment = in_review
    key = assessment.answers.order_by("question__position").first().question.key
    answer_evidence_level_set(
        actor=architect_user, assessment_pk=assessment.pk, question_key=key,
        evidence_level="attested",
    )  # fmt: skip
    attested = assessment_score(assessment=assessment).scorecard.evidenced
    report = document_record(
        actor=architect_user,
        evidence=_evidence(architect_user, assessment, key),
        kind="soc2_type2",
        data=_soc2(),
    )
    flagged = assessment_score(assessment=assessment)
    answer = assessment.answers.get(question__key=key)
    checks = attestation_checks(assessment_pk=assessment.pk)[answer.pk]
    assert [f.code for f in checks[0].check.flags] == ["out_of_scope", "period_stale"]
    assert flagged.scorecard.evidenced < attested
    level = {a.question: a.evidence_level for a in flagged.answers}[key]
    assert level == "documented"
    assessment.summary.refresh_from_db()
    assert assessment.summary.evidenced == round(flagged.scorecard.evidenced, 2)

    document_record(
        actor=architect_user,
        evidence=_evidence(architect_user, assessment, key, "bridge.pdf"),
        kind="bridge_letter",
        data={"bridges": str(report.pk), "issued_on": TODAY, "period_end": TODAY},
    )
    document_confirm(
        actor=architect_user,
        document=report,
        scope_justification="Treasury runs on the audited Acme Payments platform.",
    )
    cleared = assessment_score(assessment=assessment).scorecard.evidenced
    assert cleared == attested > flagged.scorecard.evidenced
    report.refresh_from_db()
    assert report.confirmed_by == architect_user


def test_only_architects_confirm_and_only_during_the_review(
    assessment, procurement_user, architect_user
):
    key = assessment.questionnaire.questions.order_by("position").first().key
    document = document_record(
        actor=procurement_user,
        evidence=_evidence(procurement_user, assessment, key),
        kind="soc2_type2",
        data=_soc2(),
    )
    with pytest.raises(NotAllowed):
        document_confirm(actor=procurement_user, document=document)
    with pytest.raises(ConflictError) as early:
        document_confirm(actor=architect_user, document=document)
    assert str(early.value) == CONFIRM_WHEN.format(status="draft")


def test_a_change_after_confirmation_asks_for_a_new_one(in_review, architect_user):
    key = in_review.answers.order_by("question__position").first().question.key
    evidence = _evidence(architect_user, in_review, key)
    document = document_record(
        actor=architect_user, evidence=evidence, kind="soc2_type2", data=_soc2()
    )
    document_confirm(actor=architect_user, document=document)
    document_record(
        actor=architect_user, evidence=evidence, kind="soc2_type2", data=_soc2()
    )  # the same facts: still confirmed
    assert EvidenceDocument.objects.get().confirmed_at is not None
    document_record(
        actor=architect_user, evidence=evidence, kind="soc2_type2", data=_soc2("Acme Treasury")
    )
    assert EvidenceDocument.objects.get().confirmed_at is None


def test_the_kind_chosen_at_upload_is_the_one_the_document_page_asks_about(
    client, assessment, procurement_user
):
    client.force_login(procurement_user)
    form = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    assert 'id="evidence-kind"' in form and "SOC 2 Type II report" in form
    key = assessment.questionnaire.questions.order_by("position").first().key
    evidence = _evidence(procurement_user, assessment, key)
    url = f"/assessments/{assessment.pk}/evidence/{evidence.pk}/document/"
    page = client.get(url + "?kind=iso27001").content.decode()
    assert '<option value="iso27001" selected>' in page
    # A kind that is not one is ignored, not echoed.
    odd = client.get(url + "?kind=%3Cscript%3E").content.decode()
    assert '<option value="" selected>Choose…</option>' in odd
    assert "<script>" not in odd
