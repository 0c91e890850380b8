"""The review queue reads each assessment's stored summary: open red flags by severity (linked to
the filtered review page), review progress, tabs with counts, a chosen order, 50 rows a page, and
a fixed number of queries however many assessments wait."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Assessment, AssessmentSummary
from assessments.review.services import answer_review_mark, review_start
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def _submitted(questionnaire, user, pick):
    assessment = assessment_create(
        actor=user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(assessment, user, pick=pick, level="claim")
    assessment_submit(actor=user, assessment_pk=assessment.pk)
    return Assessment.objects.get(pk=assessment.pk)


def _bulk(questionnaire, user, count: int) -> None:
    """`count` more submitted assessments with stored summaries, made directly."""
    now = timezone.now()
    made = Assessment.objects.bulk_create(
        Assessment(
            offering=OfferingFactory(),
            questionnaire=questionnaire,
            requester=user,
            status=Assessment.Status.SUBMITTED,
            submitted_at=now - datetime.timedelta(days=1, minutes=i),
        )
        for i in range(count)
    )
    AssessmentSummary.objects.bulk_create(
        AssessmentSummary(
            assessment=a,
            grade="C",
            uncapped_grade="C",
            recommendation="high_risk",
            claimed=80,
            evidenced=50,
            gap=30,
            answered=60,
            applicable=60,
            open_critical=0,
            open_high=0,
            open_medium=1,
            open_low=0,
            accepted_findings=0,
            to_review=60,
            reviewed=0,
            to_reconfirm=0,
            missing_required=0,
        )
        for a in made
    )


def test_red_flags_are_open_findings_by_severity_linked_to_the_filtered_page(
    client, questionnaire, procurement_user, architect_user
):
    worst = _submitted(questionnaire, procurement_user, "worst")
    best = _submitted(questionnaire, procurement_user, "best")
    client.force_login(architect_user)
    html = client.get("/assessments/review/?sort=red_flags").content.decode()
    summary = worst.summary
    assert summary.open_critical and summary.open_high
    link = f'href="/assessments/{worst.pk}/review/?show=findings-high">{summary.open_high} high'
    assert link in html
    assert html.index(str(worst.pk)) < html.index(str(best.pk))  # most red flags first
    assert f"0 of {summary.to_review}" in html


def test_tabs_count_and_progress_follow_the_review(
    client, questionnaire, procurement_user, architect_user
):
    first = _submitted(questionnaire, procurement_user, "best")
    _submitted(questionnaire, procurement_user, "worst")
    review_start(actor=architect_user, assessment_pk=first.pk)
    key = first.answers.select_related("question").order_by("question__position")[0].question.key
    answer_review_mark(actor=architect_user, assessment_pk=first.pk, question_key=key)
    client.force_login(architect_user)
    html = client.get("/assessments/review/?tab=mine").content.decode()
    counts = dict(
        re.findall(r'\?tab=(\w+)&amp;sort=oldest"[^>]*>[^<]*<span class="count">(\d+)', html)
    )
    assert counts == {"waiting": "1", "in_review": "1", "mine": "1"}
    assert f"1 of {Assessment.objects.get(pk=first.pk).summary.to_review}" in html


def test_fifty_a_page_with_the_same_queries_for_few_or_many(
    client, questionnaire, procurement_user, architect_user
):
    _submitted(questionnaire, procurement_user, "best")
    client.force_login(architect_user)
    client.get("/assessments/review/")
    with CaptureQueriesContext(connection) as few:
        client.get("/assessments/review/")
    _bulk(questionnaire, procurement_user, 120)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/assessments/review/")
    assert len(many) == len(few)
    assert len(response.context["page"].object_list) == 50
    assert "Page 1 of 3" in response.content.decode()
    last = client.get("/assessments/review/?page=3")
    assert len(last.context["page"].object_list) == 21
