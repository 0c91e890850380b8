"""The History tab: the whole timeline, or one answer's history with ?question=."""

import pytest

from tests.assessments.conftest import first_question
from tests.assessments.helpers import answer_all
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def test_history_of_one_answer_shows_only_that_answer(
    client, assessment, procurement_user, viewer_user
):
    keys = answer_all(assessment, procurement_user)
    key, other = first_question(assessment.questionnaire).key, keys[-1]
    client.force_login(viewer_user)
    everything = client.get(f"/assessments/{assessment.pk}/history/")
    assert f"?question={other}" in everything.content.decode()
    one = client.get(f"/assessments/{assessment.pk}/history/?question={key}")
    events = [event for event, _ in one.context["events"]]
    assert events and {e.question_key for e in events} == {key}
    assert f"?question={other}" not in one.content.decode()
    text = first_question(assessment.questionnaire).text
    assert f"Showing the history of the answer to “{text}”" in without_isolates(
        one.content.decode()
    )
