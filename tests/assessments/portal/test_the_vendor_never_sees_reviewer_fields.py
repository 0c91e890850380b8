"""Field level: on an assessment the reviewer has scored, overridden, commented and sent back,
the vendor's page and JSON show the answers' content and nothing of the review — no score,
finding, override, accepted risk, comment, reviewer name or evidence level but "claim"."""

import pytest
from django.test import Client

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Option
from assessments.review.services import (
    answer_evidence_level_set,
    answer_override,
    assessment_request_changes,
    comment_add,
    finding_accept,
    review_start,
)
from tests.assessments.helpers import answer_all
from tests.assessments.invitations.conftest import INVITED, answer_url, confirm

pytestmark = pytest.mark.django_db

FLAGGED, FINDING_OPTION = "key_isolation.key_location", "frontend_memory"
ALLOWED_KEYS = {"question_key", "option", "na", "text", "evidence_level", "version", "updated_at"}
SECRETS = (
    "OVERRIDE-JUSTIFICATION-7Q",
    "ACCEPTANCE-JUSTIFICATION-7Q",
    "COMMENT-BODY-7Q",
    "CLARIFICATION-7Q",
)


@pytest.fixture
def reviewed(assessment, procurement_user, architect_user):
    """Sent back for changes after a review that left every kind of reviewer judgement."""
    answer_all(assessment, procurement_user, level="documented")
    current = Answer.objects.get(assessment=assessment, question__key=FLAGGED)
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=FLAGGED,
        option_key=FINDING_OPTION,
        evidence_level="documented",
        expected_version=current.version,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    pk = assessment.pk
    verified = _other_invited_question(assessment)
    answer_evidence_level_set(
        actor=architect_user, assessment_pk=pk, question_key=verified, evidence_level="verified"
    )
    answer_override(
        actor=architect_user,
        assessment_pk=pk,
        question_key=FLAGGED,
        score=55,
        justification=SECRETS[0],
    )
    finding_accept(
        actor=architect_user, assessment_pk=pk, question_key=FLAGGED, justification=SECRETS[1]
    )
    comment_add(actor=architect_user, assessment_pk=pk, question_key=FLAGGED, body=SECRETS[2])
    assessment_request_changes(
        actor=architect_user, assessment_pk=pk, question_keys=[FLAGGED], message=SECRETS[3]
    )
    assessment.refresh_from_db()
    return assessment, verified


def _other_invited_question(assessment) -> str:
    return (
        Answer.objects.filter(
            assessment=assessment, question__domain__key=INVITED, question__show_if__isnull=True
        )
        .exclude(question__key=FLAGGED)
        .order_by("question__position")
        .values_list("question__key", flat=True)[0]
    )


@pytest.fixture
def vendor_on_reviewed(reviewed, invite):
    assessment, _ = reviewed
    _, token = invite(assessment)
    client = Client()
    confirm(client, token)
    return client


def test_the_page_shows_no_review_judgement(reviewed, vendor_on_reviewed, architect_user):
    assessment, _ = reviewed
    html = vendor_on_reviewed.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    finding = Option.objects.get(
        question__questionnaire=assessment.questionnaire, question__key=FLAGGED, key=FINDING_OPTION
    )
    for text in (
        *SECRETS,
        finding.finding_title,
        finding.finding_rationale,
        architect_user.username,
        'value="verified"',
        'value="documented"',
        "55.0",
    ):
        assert text not in html, text


def test_answer_json_holds_only_the_answer_and_always_says_claim(reviewed, vendor_on_reviewed):
    assessment, verified = reviewed
    stored = Answer.objects.get(assessment=assessment, question__key=verified)
    stale = vendor_on_reviewed.put(
        answer_url(assessment, verified),
        {"option": None, "na": False, "text": "changed", "version": stored.version + 5},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert set(stale.json()) == {"detail", "current"}
    assert set(stale.json()["current"]) == ALLOWED_KEYS
    assert stale.json()["current"]["evidence_level"] == "claim"  # stored: verified

    saved = vendor_on_reviewed.put(
        answer_url(assessment, FLAGGED),
        {
            "option": "hsm",
            "text": "Keys live in an HSM.",
            "version": Answer.objects.get(assessment=assessment, question__key=FLAGGED).version,
        },
        content_type="application/json",
    )
    assert saved.status_code == 200, saved.content
    assert set(saved.json()) == ALLOWED_KEYS
    assert saved.json()["evidence_level"] == "claim"


def test_review_fields_in_the_request_are_ignored(reviewed, vendor_on_reviewed):
    assessment, _ = reviewed
    stored = Answer.objects.get(assessment=assessment, question__key=FLAGGED)
    response = vendor_on_reviewed.put(
        answer_url(assessment, FLAGGED),
        {
            "option": FINDING_OPTION,
            "text": stored.explanation,
            "version": stored.version,
            "evidence_level": "verified",
            "override_score": 100,
            "finding_accepted": False,
            "override_justification": "trust me",
            "updated_by": "ada",
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    stored.refresh_from_db()
    assert stored.evidence_level == "claim"
    # The reviewer's judgement of this option stands; nothing the vendor sent touched it.
    assert (stored.override_score, stored.override_justification) == (55, SECRETS[0])
    assert stored.finding_accepted is True
    assert stored.updated_by is None
    assert stored.answered_by_contact is not None
