"""POST /api/v1/assessments/{id}/answers/batch/ — several answers, all saved or none."""

import pytest
from django.db import DatabaseError

from assessments.answers import batch as answer_batch
from assessments.answers import services as msg
from assessments.models import Answer, AuditEvent
from tests.assessments.conftest import answer_url

pytestmark = pytest.mark.django_db


def batch_url(assessment) -> str:
    return f"/api/v1/assessments/{assessment.pk}/answers/batch/"


def _questions(assessment, count=3):
    return list(
        assessment.questionnaire.questions.filter(show_if__isnull=True, required=True)
        .order_by("position")
        .prefetch_related("options")[:count]
    )


def _item(question, **extra):
    best = max((o for o in question.options.all() if not o.is_unknown), key=lambda o: o.score)
    return {"question_key": question.key, "option": best.key, **extra}


def _nothing_saved(assessment):
    assert not Answer.objects.filter(assessment=assessment).exists()
    assert not AuditEvent.objects.filter(assessment=assessment, action="answer.saved").exists()


def test_a_batch_saves_every_answer_with_its_audit_row(api, assessment, procurement_user):
    questions = _questions(assessment)
    body = {"answers": [_item(q, text=f"why {i}") for i, q in enumerate(questions)]}
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 200, response.data
    assert [a["question_key"] for a in response.data] == [q.key for q in questions]
    assert all(a["version"] == 1 for a in response.data)
    saved = Answer.objects.filter(assessment=assessment).order_by("question__position")
    assert [a.explanation for a in saved] == ["why 0", "why 1", "why 2"]
    events = AuditEvent.objects.filter(assessment=assessment, action="answer.saved")
    assert sorted(e.question_key for e in events) == sorted(q.key for q in questions)


def test_one_bad_item_saves_nothing_and_names_the_item_and_field(api, assessment, procurement_user):
    first, second, third = _questions(assessment)
    body = {"answers": [_item(first), _item(second), _item(third, option="no_such_option")]}
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 400
    assert response.data["detail"] == answer_batch.BATCH_REFUSED
    assert response.data["answers"] == [{}, {}, {"option": [msg.UNKNOWN_OPTION]}]
    _nothing_saved(assessment)


def test_a_database_failure_half_way_saves_nothing(assessment, procurement_user, monkeypatch):
    """The third write fails in the database after two answers and their audit rows were
    written: the whole batch is rolled back."""
    questions = _questions(assessment)
    real_write = answer_batch.answer_write
    calls = []

    def failing_write(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise DatabaseError("connection lost")
        return real_write(*args, **kwargs)

    monkeypatch.setattr(answer_batch, "answer_write", failing_write)
    from assessments.answers.services import AnswerChange

    inputs = [
        answer_batch.AnswerInput(q.key, AnswerChange(_item(q)["option"], False, "", "claim"), None)
        for q in questions
    ]
    with pytest.raises(DatabaseError):
        answer_batch.answers_save_many(
            actor=procurement_user, assessment_pk=assessment.pk, inputs=inputs
        )
    assert len(calls) == 3
    _nothing_saved(assessment)


def test_a_stale_item_refuses_the_batch_with_the_server_copy(api, assessment, procurement_user):
    first, second = _questions(assessment, 2)
    client = api(procurement_user)
    client.put(answer_url(assessment, second.key), {"text": "server copy"}, format="json")
    client.put(answer_url(assessment, second.key), {"text": "newer", "version": 1}, format="json")
    body = {"answers": [_item(first), _item(second, text="mine", version=1)]}
    response = client.post(batch_url(assessment), body, format="json")
    assert response.status_code == 409
    assert response.data["detail"] == answer_batch.BATCH_CONFLICT
    assert response.data["answers"][0] == {}
    assert response.data["answers"][1]["detail"] == [msg.STALE_VERSION]
    assert response.data["answers"][1]["current"]["text"] == "newer"
    assert not Answer.objects.filter(assessment=assessment, question=first).exists()
    assert Answer.objects.get(assessment=assessment, question=second).explanation == "newer"


def test_the_same_question_twice_in_a_batch_is_refused(api, assessment, procurement_user):
    (question,) = _questions(assessment, 1)
    body = {"answers": [_item(question, text="a"), _item(question, text="b")]}
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 400
    assert response.data["answers"] == [{}, {"question_key": [answer_batch.DUPLICATE_IN_BATCH]}]
    _nothing_saved(assessment)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": []}, "answers"),
        ({}, "answers"),
        ([{"question_key": "x"}], "non_field_errors"),
        ({"answers": [{"option": "x"}]}, "answers"),
    ],
)
def test_a_malformed_batch_is_a_400_naming_the_field(
    api, assessment, procurement_user, body, field
):
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 400
    assert field in response.data
    _nothing_saved(assessment)


def test_a_batch_larger_than_the_limit_is_refused(api, assessment, procurement_user):
    body = {"answers": [{"question_key": f"q{i}"} for i in range(answer_batch.MAX_BATCH + 1)]}
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 400
    assert response.data == {"answers": [answer_batch.BATCH_TOO_LARGE]}


def test_a_submitted_assessment_refuses_the_whole_batch(api, assessment, procurement_user):
    assessment.status = assessment.Status.SUBMITTED
    assessment.save(update_fields=["status"])
    body = {"answers": [_item(q) for q in _questions(assessment)]}
    response = api(procurement_user).post(batch_url(assessment), body, format="json")
    assert response.status_code == 409
    _nothing_saved(assessment)
