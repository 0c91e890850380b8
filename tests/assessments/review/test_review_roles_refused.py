"""Review work belongs to architects: procurement and viewers are refused (403) and nothing in
the database moves — at the API and, for direct callers, in the services themselves."""

import pytest

from assessments.answers.services import EVIDENCE_LEVEL_RESERVED, answer_save
from assessments.lifecycle.services import assessment_submit
from assessments.models import Answer, Assessment, AuditEvent, Comment, Condition
from assessments.review import services as review
from assessments.review.services import REVIEWERS_ONLY, review_start
from core.errors import NotAllowed
from tests.assessments.conftest import answer_url, first_question
from tests.assessments.helpers import answer_all

pytestmark = pytest.mark.django_db

ROLE_REFUSED = "Your role does not allow this change."
CRITICAL = ("key_isolation.key_location", "frontend_memory")


@pytest.fixture
def submitted(assessment, procurement_user):
    answer_all(assessment, procurement_user)
    question, option = CRITICAL  # a finding, so that accepting it would otherwise work
    review_answer = Answer.objects.get(assessment=assessment, question__key=question)
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=question,
        option_key=option,
        evidence_level="documented",
        expected_version=review_answer.version,
    )
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    return assessment


def _state(assessment):
    return (
        Assessment.objects.filter(pk=assessment.pk).values().get(),
        list(Answer.objects.filter(assessment=assessment).order_by("pk").values()),
        Comment.objects.count(),
        Condition.objects.count(),
        AuditEvent.objects.count(),
    )


def _review_calls(assessment):
    key = CRITICAL[0]
    base = f"/api/v1/assessments/{assessment.pk}"
    return [
        (f"{base}/answers/{key}/evidence-level/", {"evidence_level": "verified"}),
        (f"{base}/answers/{key}/override/", {"score": 90, "justification": "It is fine really."}),
        (f"{base}/findings/{key}/accept/", {"justification": "We can live with it."}),
        (f"{base}/conditions/", {"text": "Move keys into an HSM.", "owner": "Vendor"}),
        (f"{base}/request-changes/", {"question_keys": [key], "message": "Really?"}),
        (f"{base}/decision/", {"decision": "approved", "rationale": "Looks fine to me."}),
    ]


@pytest.mark.parametrize("role", ["procurement_user", "viewer_user"])
def test_only_architects_start_a_review(request, api, submitted, outsider_user, role):
    url = f"/api/v1/assessments/{submitted.pk}/review/start/"
    before = _state(submitted)
    assert api(None).post(url).status_code == 401
    assert api(outsider_user).post(url).status_code == 403
    response = api(request.getfixturevalue(role)).post(url)
    assert (response.status_code, response.data["detail"]) == (403, ROLE_REFUSED)
    assert _state(submitted) == before


@pytest.mark.parametrize("role", ["procurement_user", "viewer_user"])
def test_only_architects_do_review_work(
    request, api, submitted, architect_user, outsider_user, role
):
    review_start(actor=architect_user, assessment_pk=submitted.pk)
    user = request.getfixturevalue(role)
    before = _state(submitted)
    for url, body in _review_calls(submitted):
        assert api(None).post(url, body, format="json").status_code == 401
        assert api(outsider_user).post(url, body, format="json").status_code == 403
        response = api(user).post(url, body, format="json")
        assert (response.status_code, response.data["detail"]) == (403, ROLE_REFUSED), url
    assert _state(submitted) == before


def _service_calls(assessment):
    key = CRITICAL[0]
    pk = assessment.pk
    return [
        lambda actor: review.answer_evidence_level_set(
            actor=actor, assessment_pk=pk, question_key=key, evidence_level="verified"
        ),
        lambda actor: review.answer_override(
            actor=actor,
            assessment_pk=pk,
            question_key=key,
            score=90,
            justification="It is fine really.",
        ),
        lambda actor: review.finding_accept(
            actor=actor, assessment_pk=pk, question_key=key, justification="We can live with it."
        ),
        lambda actor: review.condition_add(
            actor=actor, assessment_pk=pk, text="Move keys into an HSM.", owner="Vendor"
        ),
        lambda actor: review.assessment_request_changes(
            actor=actor, assessment_pk=pk, question_keys=[key], message="Really?"
        ),
        lambda actor: review.assessment_decide(
            actor=actor, assessment_pk=pk, decision="approved", rationale="Looks fine to me."
        ),
    ]


@pytest.mark.parametrize("role", ["procurement_user", "viewer_user"])
def test_the_services_refuse_non_architects_themselves(request, submitted, architect_user, role):
    """The API's role check is a first line; the rule lives in the services, so a management
    command or a future view cannot skip it."""
    user = request.getfixturevalue(role)
    with pytest.raises(NotAllowed, match=REVIEWERS_ONLY):
        review.review_start(actor=user, assessment_pk=submitted.pk)
    review_start(actor=architect_user, assessment_pk=submitted.pk)
    before = _state(submitted)
    for call in _service_calls(submitted):
        with pytest.raises(NotAllowed, match=REVIEWERS_ONLY):
            call(user)
    assert _state(submitted) == before


@pytest.mark.parametrize("level", ["attested", "verified"])
def test_procurement_cannot_raise_an_answer_to_a_reviewer_level(
    api, assessment, procurement_user, outsider_user, level
):
    key = first_question(assessment.questionnaire).key
    url = answer_url(assessment, key)
    body = {"option": "native", "text": "Audited.", "evidence_level": level}
    assert api(None).put(url, body, format="json").status_code == 401
    assert api(outsider_user).put(url, body, format="json").status_code == 403
    pat = api(procurement_user)
    created = pat.put(url, body, format="json")
    assert created.status_code == 400
    assert created.data == {"evidence_level": [EVIDENCE_LEVEL_RESERVED]}
    assert not Answer.objects.filter(assessment=assessment).exists()

    assert pat.put(url, {**body, "evidence_level": "documented"}, format="json").status_code == 201
    raised = pat.put(url, {**body, "evidence_level": level, "version": 1}, format="json")
    assert raised.status_code == 400
    assert raised.data == {"evidence_level": [EVIDENCE_LEVEL_RESERVED]}
    answer = Answer.objects.get(assessment=assessment)
    assert (answer.evidence_level, answer.version) == ("documented", 1)
