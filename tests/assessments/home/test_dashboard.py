import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.lifecycle.services import assessment_create
from assessments.models import Assessment
from tests.assessments.helpers import answer_all
from tests.factories import OfferingFactory, UserFactory

pytestmark = pytest.mark.django_db


def _start(user, questionnaire, **extra):
    return assessment_create(
        actor=user, offering=OfferingFactory(), questionnaire=questionnaire, **extra
    )


def test_dashboard_lists_my_assessments_with_progress_grade_and_status_counts(
    client, questionnaire, procurement_user
):
    mine = _start(procurement_user, questionnaire)
    answer_all(mine, procurement_user)
    _start(UserFactory(role="procurement"), questionnaire)  # someone else's
    Assessment.objects.filter(pk=mine.pk).update(status="submitted")
    client.force_login(procurement_user)
    response = client.get("/")
    html = response.content.decode()
    assert mine.offering.name in html
    rows = response.context["assessments"]
    assert [a.pk for a in rows] == [mine.pk]
    summary = rows[0].summary
    assert summary.answered == summary.applicable  # hidden follow-ups are not counted
    assert summary.grade == "B"
    counts = {label: n for label, n, _ in response.context["status_counts"]}
    # The counts are of the same assessments as the list: someone else's draft is in neither.
    assert counts["Draft"] == 0 and counts["Submitted"] == 1
    assert sum(counts.values()) == len(rows)


def test_dashboard_queries_do_not_grow_with_the_number_of_assessments(
    client, questionnaire, procurement_user
):
    client.force_login(procurement_user)
    _start(procurement_user, questionnaire)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for _ in range(5):
        answer_all(_start(procurement_user, questionnaire), procurement_user, pick="worst")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert len(many) == len(few)


def test_anonymous_visitors_are_sent_to_login_and_outsiders_see_nothing(
    client, outsider_user, questionnaire, procurement_user
):
    assert client.get("/").status_code == 302
    _start(procurement_user, questionnaire)
    client.force_login(outsider_user)
    response = client.get("/")
    assert list(response.context["assessments"]) == []
    assert all(count == 0 for _, count, _ in response.context["status_counts"])
    assert response.context["panel_groups"] == []


def test_a_reassessment_started_by_the_architect_lands_on_the_requesters_dashboard(
    client, questionnaire, procurement_user, architect_user
):
    from assessments.lifecycle.reassessment import assessment_reassess
    from assessments.lifecycle.services import assessment_submit
    from assessments.review.services import review_start
    from tests.assessments.helpers import decide

    first = _start(procurement_user, questionnaire)
    answer_all(first, procurement_user)
    assessment_submit(actor=procurement_user, assessment_pk=first.pk)
    review_start(actor=architect_user, assessment_pk=first.pk)
    decide(
        actor=architect_user,
        assessment_pk=first.pk,
        decision="rejected",
        rationale="Not ready for us yet.",
    )
    revision = assessment_reassess(actor=architect_user, assessment_pk=first.pk)
    assert revision.requester == procurement_user
    client.force_login(procurement_user)
    response = client.get("/")
    listed = [a.pk for a in response.context["assessments"]]
    assert revision.pk in listed and first.pk in listed
    counts = {label: n for label, n, _ in response.context["status_counts"]}
    assert (counts["Draft"], counts["Rejected"]) == (1, 1)
    assert sum(counts.values()) == len(listed)
