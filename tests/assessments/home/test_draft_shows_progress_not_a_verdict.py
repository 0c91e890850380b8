"""A draft shows its progress, not a verdict: while required questions are unanswered the
dashboard says "34 of 66 answered" and at most a grade marked provisional, with no
recommendation; once complete the grade and recommendation stand; after the decision they are
the decided ones. All from the stored summary, which counts the unanswered required questions."""

import pytest

from assessments.lifecycle.services import assessment_create
from assessments.models import AssessmentSummary
from assessments.standing import assessment_standing
from assessments.summary import summaries_ensure
from tests.assessments.helpers import answer_all
from tests.assessments.home.builders import build
from tests.factories import OfferingFactory
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _row_html(client, user) -> str:
    client.force_login(user)
    return without_isolates(client.get("/").content.decode())


def test_a_draft_missing_required_answers_shows_its_progress_and_a_provisional_grade(
    client, questionnaire, procurement_user
):
    build(
        questionnaire,
        requester=procurement_user,
        summary={"answered": 34, "applicable": 66, "missing_required": 30, "grade": "D"},
    )
    html = _row_html(client, procurement_user)
    assert "34 of 66 answered" in html
    assert 'class="grade-chip grade-D provisional"' in html
    assert ">provisional</span>" in html
    assert "Not recommended" not in html and ">Recommended<" not in html


def test_a_complete_draft_has_a_grade_and_recommendation_that_stand(
    client, questionnaire, procurement_user
):
    draft = build(questionnaire, requester=procurement_user, summary={"grade": "B"})
    standing = assessment_standing(draft)
    assert (standing.grade, standing.state, standing.recommendation) == ("B", "", "Recommended")
    assert standing.progress == "66 of 66 answered"
    html = _row_html(client, procurement_user)
    assert "provisional" not in html
    assert 'class="grade-chip grade-B"' in html and "Recommended" in html


def test_a_decided_assessment_shows_the_decided_grade(client, questionnaire, procurement_user):
    build(
        questionnaire,
        status="approved_with_conditions",
        requester=procurement_user,
        decided_grade="C",
        summary={"grade": "B"},
    )
    html = _row_html(client, procurement_user)
    assert 'class="grade-chip grade-C"' in html and ">decided</span>" in html
    assert "answered" not in html.split('id="mine-h"')[1]


def test_the_summary_counts_unanswered_required_questions_until_all_are_answered(
    questionnaire, procurement_user
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    [loaded] = summaries_ensure([assessment])
    assert loaded.summary.missing_required > 0
    assert assessment_standing(loaded).provisional
    answer_all(assessment, procurement_user)
    assert AssessmentSummary.objects.get(assessment=assessment).missing_required == 0


def test_a_summary_stored_before_the_count_existed_is_refreshed_on_first_read(
    questionnaire, procurement_user
):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user)
    AssessmentSummary.objects.filter(assessment=assessment).update(missing_required=None)
    assessment.refresh_from_db()
    [loaded] = summaries_ensure([assessment])
    assert loaded.summary.missing_required == 0
    assert AssessmentSummary.objects.get(assessment=assessment).missing_required == 0
