"""Everything the vendor writes is a claim attributed to the invited contact, with the same
validation and optimistic locking as the internal form; an internal change of the chosen option
takes the attribution back, the buyer's notes beside the vendor's answer do not."""

import pytest

from assessments.answers.services import STALE_VERSION, UNKNOWN_OPTION, answer_save
from assessments.models import Answer, AuditEvent
from tests.assessments.invitations.conftest import INVITED, answer_url, question_of

pytestmark = pytest.mark.django_db


def test_a_saved_answer_is_a_claim_of_the_contact_even_when_verified_is_asked(
    vendor, assessment, questionnaire
):
    question = question_of(questionnaire, INVITED)
    option = question.options.all()[0].key
    response = vendor.put(
        answer_url(assessment, question.key),
        {"option": option, "text": "As designed.", "evidence_level": "verified"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert answer.evidence_level == "claim"
    assert answer.answered_by_contact == vendor.invitation.contact
    assert answer.updated_by is None
    assert (answer.option.key, answer.vendor_explanation, answer.version) == (
        option,
        "As designed.",
        1,
    )
    assert answer.explanation == ""  # the buyer's notes are not the vendor's to write
    event = AuditEvent.objects.get(assessment=assessment, action="answer.saved")
    assert event.actor is None
    assert event.actor_label == "vendor: Jo Vendor <jo@vendor.example>"


def test_the_vendor_path_validates_and_locks_like_the_internal_one(
    vendor, assessment, questionnaire, procurement_user
):
    question = question_of(questionnaire, INVITED)
    first, second = (o.key for o in question.options.all()[:2])
    bad = vendor.put(
        answer_url(assessment, question.key),
        {"option": "no-such-option"},
        content_type="application/json",
    )
    assert (bad.status_code, bad.json()) == (400, {"option": [UNKNOWN_OPTION]})
    assert (
        vendor.put(
            answer_url(assessment, question.key), b"[1, 2]", content_type="application/json"
        ).status_code
        == 400
    )
    created = vendor.put(
        answer_url(assessment, question.key), {"option": first}, content_type="application/json"
    )
    assert created.status_code == 201
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=second,
        expected_version=1,
    )
    stale = vendor.put(
        answer_url(assessment, question.key),
        {"option": first, "version": 1},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["detail"] == STALE_VERSION
    assert stale.json()["current"]["option"] == second
    replay = vendor.put(
        answer_url(assessment, question.key),
        {"option": second, "version": 2},
        content_type="application/json",
    )
    assert replay.status_code == 200


def test_an_internal_change_of_the_option_takes_the_attribution_back(
    vendor, assessment, questionnaire, procurement_user
):
    question = question_of(questionnaire, INVITED)
    option, other = (o.key for o in question.options.all()[:2])
    vendor.put(
        answer_url(assessment, question.key),
        {"option": option, "text": "Vendor says."},
        content_type="application/json",
    )
    answer = Answer.objects.get(assessment=assessment, question=question)

    def internal_save(option_key: str, notes: str) -> None:
        answer_save(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            question_key=question.key,
            option_key=option_key,
            explanation=notes,
            evidence_level="documented",
            expected_version=answer.version,
        )
        answer.refresh_from_db()

    internal_save(option, "")
    assert answer.answered_by_contact is not None  # a level change alone leaves the author
    internal_save(option, "Checked on a call.")
    # Our notes beside it: the option is still what the vendor claimed.
    assert answer.answered_by_contact == vendor.invitation.contact
    internal_save(other, "Checked on a call.")
    assert answer.answered_by_contact is None
    assert answer.updated_by == procurement_user
    assert answer.vendor_explanation == "Vendor says."  # what they wrote stays on record


def test_nothing_is_written_once_the_assessment_was_submitted(vendor, assessment, questionnaire):
    question = question_of(questionnaire, INVITED)
    assessment.status = "submitted"
    assessment.save(update_fields=["status"])
    response = vendor.put(
        answer_url(assessment, question.key),
        {"option": question.options.all()[0].key},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert not Answer.objects.filter(assessment=assessment).exists()
    page = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert "Read-only" in page
