"""PUT /api/v1/assessments/{id}/answers/{question_key}/ — autosave with optimistic locking."""

import pytest

from assessments.answers import services as msg
from assessments.models import Answer, AuditEvent
from tests.assessments.conftest import answer_url, first_question

pytestmark = pytest.mark.django_db


def _best(question):
    return max((o for o in question.options.all() if not o.is_unknown), key=lambda o: o.score)


def test_first_save_creates_the_answer_with_version_1(api, assessment, procurement_user):
    question = first_question(assessment.questionnaire)
    response = api(procurement_user).put(
        answer_url(assessment, question.key),
        {"option": _best(question).key, "text": "Native plug-in.", "evidence_level": "documented"},
        format="json",
    )
    assert response.status_code == 201, response.data
    assert response.data["version"] == 1
    assert response.data["option"] == _best(question).key
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.explanation, answer.evidence_level, answer.updated_by) == (
        "Native plug-in.",
        "documented",
        procurement_user,
    )
    event = AuditEvent.objects.get(action="answer.saved", question_key=question.key)
    assert event.old is None and event.new["option"] == _best(question).key


def test_a_save_carrying_the_current_version_increments_it(api, assessment, procurement_user):
    question = first_question(assessment.questionnaire)
    client = api(procurement_user)
    client.put(answer_url(assessment, question.key), {"option": _best(question).key}, format="json")
    response = client.put(
        answer_url(assessment, question.key),
        {"option": _best(question).key, "text": "More detail", "version": 1},
        format="json",
    )
    assert response.status_code == 200
    assert response.data["version"] == 2
    audit = AuditEvent.objects.filter(question_key=question.key).order_by("id")
    assert [e.new["version"] for e in audit] == [1, 2]
    assert audit.last().old["explanation"] == ""


def test_a_stale_version_is_refused_with_409_and_the_current_answer(
    api, assessment, procurement_user, admin_user
):
    question = first_question(assessment.questionnaire)
    url = answer_url(assessment, question.key)
    api(procurement_user).put(url, {"option": _best(question).key, "text": "mine"}, format="json")
    api(admin_user).put(url, {"option": "unknown", "text": "theirs", "version": 1}, format="json")
    response = api(procurement_user).put(
        url, {"option": _best(question).key, "text": "mine v2", "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert response.data["detail"] == msg.STALE_VERSION
    assert response.data["current"]["text"] == "theirs"
    assert response.data["current"]["version"] == 2
    assert response.data["current"]["updated_by"] == admin_user.username
    assert Answer.objects.get(assessment=assessment, question=question).explanation == "theirs"


def test_saving_over_an_existing_answer_without_a_version_is_a_conflict(
    api, assessment, procurement_user
):
    question = first_question(assessment.questionnaire)
    url = answer_url(assessment, question.key)
    client = api(procurement_user)
    client.put(url, {"option": _best(question).key}, format="json")
    response = client.put(url, {"option": "unknown"}, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == msg.VERSION_REQUIRED
    assert response.data["current"]["option"] == _best(question).key


def test_a_retried_save_that_already_went_through_is_not_a_false_conflict(
    api, assessment, procurement_user
):
    question = first_question(assessment.questionnaire)
    url = answer_url(assessment, question.key)
    client = api(procurement_user)
    client.put(url, {"option": _best(question).key}, format="json")
    body = {"option": "unknown", "text": "retry me", "version": 1}
    assert client.put(url, body, format="json").status_code == 200
    again = client.put(url, body, format="json")  # the first response was "lost"
    assert again.status_code == 200
    assert again.data["version"] == 2
    assert AuditEvent.objects.filter(question_key=question.key).count() == 2


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"option": "no_such_option"}, "option", msg.UNKNOWN_OPTION),
        ({"option": None, "na": True}, "na", msg.NA_NOT_ALLOWED),
        ({"option": "unknown", "text": "x" * 10_001}, "text", msg.EXPLANATION_TOO_LONG),
        (
            {"option": "unknown", "evidence_level": "rumour"},
            "evidence_level",
            msg.UNKNOWN_EVIDENCE_LEVEL,
        ),
        (
            {"option": "unknown", "evidence_level": "verified"},
            "evidence_level",
            msg.EVIDENCE_LEVEL_RESERVED,
        ),
        ({"option": "unknown", "na": True}, "option", msg.OPTION_AND_NA),
    ],
)
def test_bad_input_gets_400_naming_the_field(
    api, assessment, procurement_user, body, field, message
):
    question = first_question(assessment.questionnaire)
    assert not question.allows_na
    response = api(procurement_user).put(answer_url(assessment, question.key), body, format="json")
    assert response.status_code == 400
    assert response.data[field] == [message]
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_an_option_of_another_question_is_refused(api, assessment, procurement_user):
    questions = list(assessment.questionnaire.questions.order_by("position")[:2])
    foreign = next(
        o.key
        for o in questions[1].options.all()
        if o.key not in {x.key for x in questions[0].options.all()}
    )
    response = api(procurement_user).put(
        answer_url(assessment, questions[0].key), {"option": foreign}, format="json"
    )
    assert response.status_code == 400
    assert response.data["option"] == [msg.UNKNOWN_OPTION]


def test_an_unknown_question_key_is_refused(api, assessment, procurement_user):
    response = api(procurement_user).put(
        answer_url(assessment, "nope.nothing"), {"option": "x"}, format="json"
    )
    assert response.status_code == 400
    assert response.data["question_key"] == [msg.UNKNOWN_QUESTION]


def test_an_architect_may_mark_an_answer_verified(
    api, assessment, architect_user, procurement_user
):
    question = first_question(assessment.questionnaire)
    url = answer_url(assessment, question.key)
    api(procurement_user).put(url, {"option": "unknown"}, format="json")
    # Architects cannot write answers in a draft; the review issue gives them their own endpoint.
    response = api(architect_user).put(
        url, {"option": "unknown", "evidence_level": "verified", "version": 1}, format="json"
    )
    assert response.status_code == 403


def test_non_numeric_version_is_a_field_error(api, assessment, procurement_user):
    question = first_question(assessment.questionnaire)
    response = api(procurement_user).put(
        answer_url(assessment, question.key), {"option": "unknown", "version": "abc"}, format="json"
    )
    assert response.status_code == 400
    assert "version" in response.data
