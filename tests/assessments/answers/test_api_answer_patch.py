"""PATCH /api/v1/assessments/{id}/answers/{key}/ — a partial save — and the reviewer-only fields
that no answer save may carry."""

import logging

import pytest

from assessments.answers import services as msg
from assessments.models import Answer, AuditEvent
from tests.assessments.conftest import answer_url, first_question

pytestmark = pytest.mark.django_db


def _best(question):
    return max((o for o in question.options.all() if not o.is_unknown), key=lambda o: o.score)


@pytest.fixture
def saved(api, assessment, procurement_user):
    question = first_question(assessment.questionnaire)
    response = api(procurement_user).put(
        answer_url(assessment, question.key),
        {"option": _best(question).key, "text": "First words.", "evidence_level": "documented"},
        format="json",
    )
    assert response.status_code == 201
    return question


def test_a_patch_changes_only_the_fields_it_sends(api, assessment, procurement_user, saved):
    url = answer_url(assessment, saved.key)
    response = api(procurement_user).patch(
        url, {"text": "Better words.", "version": 1}, format="json"
    )
    assert response.status_code == 200, response.data
    answer = Answer.objects.get(assessment=assessment, question=saved)
    assert (answer.explanation, answer.option.key, answer.evidence_level, answer.version) == (
        "Better words.",
        _best(saved).key,
        "documented",
        2,
    )


def test_a_patch_to_n_a_clears_the_option(api, assessment, procurement_user):
    question = (
        assessment.questionnaire.questions.filter(allows_na=True, show_if__isnull=True)
        .prefetch_related("options")
        .first()
    )
    url = answer_url(assessment, question.key)
    client = api(procurement_user)
    client.put(url, {"option": _best(question).key}, format="json")
    response = client.patch(url, {"na": True, "version": 1}, format="json")
    assert response.status_code == 200, response.data
    assert (response.data["option"], response.data["na"]) == (None, True)


def test_a_stale_patch_is_a_409_with_the_server_copy(
    api, assessment, procurement_user, admin_user, saved
):
    url = answer_url(assessment, saved.key)
    api(admin_user).patch(url, {"text": "theirs", "version": 1}, format="json")
    response = api(procurement_user).patch(url, {"text": "mine", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.data["current"]["text"] == "theirs"


def test_a_patch_with_bad_values_is_a_400_naming_the_field(
    api, assessment, procurement_user, saved
):
    url = answer_url(assessment, saved.key)
    response = api(procurement_user).patch(url, {"option": "nope", "version": 1}, format="json")
    assert response.status_code == 400
    assert response.data == {"option": [msg.UNKNOWN_OPTION]}
    assert Answer.objects.get(assessment=assessment, question=saved).version == 1


REVIEWER_BODIES = [
    {"override_score": 100},
    {"override_score": 100, "override_justification": "I say so."},
    {"finding_accepted": True, "acceptance_justification": "Fine by me."},
    {"evidence_valid_until": "2099-01-01"},
]


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize("extra", REVIEWER_BODIES)
def test_procurement_sending_reviewer_fields_changes_nothing_and_is_logged(
    api, assessment, procurement_user, saved, method, extra, caplog
):
    url = answer_url(assessment, saved.key)
    body = {"option": _best(saved).key, "text": "Changed?", "version": 1, **extra}
    with caplog.at_level(logging.WARNING, logger="security"):
        response = getattr(api(procurement_user), method)(url, body, format="json")
    assert response.status_code == 403
    assert response.data["detail"] == msg.REVIEWER_FIELDS_REFUSED.format(
        fields=", ".join(sorted(extra))
    )
    answer = Answer.objects.get(assessment=assessment, question=saved)
    assert (
        answer.explanation,
        answer.version,
        answer.override_score,
        answer.finding_accepted,
        answer.evidence_valid_until,
    ) == ("First words.", 1, None, False, None)
    event = AuditEvent.objects.get(assessment=assessment, action="answer.write_refused")
    assert (event.actor, event.new) == (procurement_user, {"reviewer_fields": sorted(extra)})
    [record] = [r for r in caplog.records if r.name == "security" and hasattr(r, "fields")]
    assert record.fields == sorted(extra) and record.user_id == procurement_user.pk


def test_a_batch_carrying_reviewer_fields_is_refused_too(api, assessment, procurement_user, saved):
    body = {
        "answers": [{"question_key": saved.key, "text": "x", "version": 1, "override_score": 100}]
    }
    response = api(procurement_user).post(
        f"/api/v1/assessments/{assessment.pk}/answers/batch/", body, format="json"
    )
    assert response.status_code == 403
    assert Answer.objects.get(assessment=assessment, question=saved).explanation == "First words."
    assert AuditEvent.objects.filter(action="answer.write_refused").count() == 1


def test_an_architect_is_pointed_at_the_review_actions(
    api, assessment, procurement_user, admin_user, saved
):
    url = answer_url(assessment, saved.key)
    response = api(admin_user).patch(url, {"override_score": 100, "version": 1}, format="json")
    assert response.status_code == 400
    assert response.data == {"override_score": [msg.USE_REVIEW_ACTIONS]}
    assert Answer.objects.get(assessment=assessment, question=saved).override_score is None
    assert not AuditEvent.objects.filter(action="answer.write_refused").exists()


def test_a_user_without_a_role_is_refused_before_the_fields_and_leaves_no_trace(
    api, assessment, saved, outsider_user
):
    url = answer_url(assessment, saved.key)
    response = api(outsider_user).patch(url, {"override_score": 100}, format="json")
    assert response.status_code == 403
    assert response.data["detail"] != msg.REVIEWER_FIELDS_REFUSED.format(fields="override_score")
    assert not AuditEvent.objects.filter(action="answer.write_refused").exists()


def test_a_missing_assessment_with_reviewer_fields_is_404_and_leaves_no_trace(
    api, procurement_user
):
    url = "/api/v1/assessments/00000000-0000-0000-0000-000000000000/answers/x.y/"
    response = api(procurement_user).patch(url, {"override_score": 100}, format="json")
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="answer.write_refused").exists()
