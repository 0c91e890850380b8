"""Who may retry a failed report, and how often: whoever requested it, or an admin; at most
REPORTS_RETRIES_PER_HOUR times in any hour, counted from the recorded retries (ReportRetry), so
the count frees itself an hour after each retry. A retry puts the job back on the queue, so it
needs room in the retrier's queue quota too."""

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowed, TooManyRequests
from reports.limits import NOT_YOURS, QUEUE_FULL, RETRIES_USED
from reports.models import Report, ReportRetry
from reports.rendering import report_fail
from reports.services import report_request, report_retry
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db

PER_HOUR = 3
USED_UP = RETRIES_USED.format(retries=f"{PER_HOUR} times", wait="{wait}")


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.REPORTS_RETRIES_PER_HOUR = PER_HOUR
    settings.REPORTS_QUEUED_PER_USER = 5


@pytest.fixture
def failed(questionnaire, procurement_user):
    """A report procurement requested, whose render failed."""
    report, _ = report_request(
        actor=procurement_user, assessment=assessment_of(questionnaire, procurement_user)
    )
    report_fail(report_id=report.pk, reason="The renderer was stopped.")
    return report


def _retry_and_fail(report, actor) -> None:
    report_retry(actor=actor, report=report)
    report_fail(report_id=report.pk, reason="The renderer was stopped again.")


def _status(report) -> str:
    report.refresh_from_db()
    return report.status


def test_whoever_requested_it_may_retry_and_nobody_else_but_an_admin(
    failed, procurement_user, architect_user, viewer_user, admin_user
):
    for other in (architect_user, viewer_user):
        with pytest.raises(NotAllowed) as refused:
            report_retry(actor=other, report=failed)
        assert refused.value.message == NOT_YOURS
    assert _status(failed) == Report.Status.FAILED
    assert not ReportRetry.objects.exists()

    _retry_and_fail(failed, admin_user)
    report_retry(actor=procurement_user, report=failed)

    assert _status(failed) == Report.Status.QUEUED
    assert list(ReportRetry.objects.values_list("actor__username", flat=True)) == [
        admin_user.username,
        procurement_user.username,
    ]


def test_the_api_refuses_anyone_else_with_403(api, failed, viewer_user, outsider_user):
    url = f"/api/v1/reports/{failed.pk}/retry/"

    response = api(viewer_user).post(url)

    assert response.status_code == 403
    assert response.json() == {"detail": NOT_YOURS}
    assert api(outsider_user).post(url).status_code == 403
    assert api(None).post(url).status_code == 401
    assert _status(failed) == Report.Status.FAILED


def test_the_browser_tells_anyone_else_on_the_status_page(
    client, failed, viewer_user, outsider_user
):
    url = f"/reports/{failed.pk}/retry/"
    client.force_login(outsider_user)
    assert client.post(url).status_code == 403
    client.force_login(viewer_user)

    response = client.post(url, follow=True)

    assert response.redirect_chain == [(f"/reports/{failed.pk}/", 302)]
    assert NOT_YOURS in html.unescape(response.content.decode())
    assert _status(failed) == Report.Status.FAILED


def test_a_report_is_retried_at_most_n_times_an_hour(failed, procurement_user, admin_user):
    for _ in range(PER_HOUR):
        _retry_and_fail(failed, procurement_user)

    for actor in (procurement_user, admin_user):  # the limit is the report's, whoever asks
        with pytest.raises(TooManyRequests) as refused:
            report_retry(actor=actor, report=failed)
        assert refused.value.message == USED_UP.format(wait="60 minutes")
    assert _status(failed) == Report.Status.FAILED
    assert ReportRetry.objects.count() == PER_HOUR


def test_the_refusal_says_when_the_oldest_retry_leaves_the_hour(failed, procurement_user):
    for _ in range(PER_HOUR):
        _retry_and_fail(failed, procurement_user)
    oldest = ReportRetry.objects.order_by("created_at").first()
    ReportRetry.objects.filter(pk=oldest.pk).update(
        created_at=timezone.now() - timedelta(minutes=50, seconds=30)
    )

    with pytest.raises(TooManyRequests) as refused:
        report_retry(actor=procurement_user, report=failed)

    assert refused.value.message == USED_UP.format(wait="10 minutes")


def test_the_count_frees_itself_an_hour_after_each_retry(failed, procurement_user):
    for _ in range(PER_HOUR):
        _retry_and_fail(failed, procurement_user)
    an_hour_ago = timezone.now() - timedelta(hours=1, seconds=1)
    ReportRetry.objects.filter(pk=ReportRetry.objects.earliest("created_at").pk).update(
        created_at=an_hour_ago
    )

    _retry_and_fail(failed, procurement_user)  # one retry left the window: one more allowed
    with pytest.raises(TooManyRequests):
        report_retry(actor=procurement_user, report=failed)

    ReportRetry.objects.update(created_at=an_hour_ago)
    report_retry(actor=procurement_user, report=failed)
    assert _status(failed) == Report.Status.QUEUED


def test_the_api_answers_429_once_the_retries_are_used_up(api, failed, procurement_user):
    for _ in range(PER_HOUR):
        _retry_and_fail(failed, procurement_user)

    response = api(procurement_user).post(f"/api/v1/reports/{failed.pk}/retry/")

    assert response.status_code == 429
    assert response.json() == {"detail": USED_UP.format(wait="60 minutes")}


def test_each_report_has_its_own_count(failed, questionnaire, procurement_user):
    for _ in range(PER_HOUR):
        _retry_and_fail(failed, procurement_user)
    other, _ = report_request(
        actor=procurement_user, assessment=assessment_of(questionnaire, procurement_user)
    )
    report_fail(report_id=other.pk, reason="The renderer was stopped.")

    report_retry(actor=procurement_user, report=other)


def test_a_retry_needs_room_in_the_queue_quota(settings, failed, questionnaire, procurement_user):
    settings.REPORTS_QUEUED_PER_USER = 1
    report_request(
        actor=procurement_user, assessment=assessment_of(questionnaire, procurement_user)
    )

    with pytest.raises(TooManyRequests) as refused:
        report_retry(actor=procurement_user, report=failed)

    assert refused.value.message == QUEUE_FULL.format(waiting="1 report")
    assert _status(failed) == Report.Status.FAILED
    assert not ReportRetry.objects.exists()  # a refused retry is not counted
