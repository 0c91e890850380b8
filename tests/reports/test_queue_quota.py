"""Nobody fills the report queue alone: a user with REPORTS_QUEUED_PER_USER jobs queued or
running is refused a new one (API 429, a message in the browser) until one of them finishes. A
request for an unchanged report returns the existing job and costs nothing."""

import html

import pytest

from core.errors import TooManyRequests
from reports.limits import QUEUE_FULL
from reports.models import Report
from reports.rendering import report_fail
from reports.services import comparison_request, report_request
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db

QUOTA = 2
FULL = QUEUE_FULL.format(waiting=f"{QUOTA} reports")


@pytest.fixture(autouse=True)
def _small_quota(settings):
    settings.REPORTS_QUEUED_PER_USER = QUOTA


@pytest.fixture
def draft(questionnaire, procurement_user):
    """`draft()`: a new assessment, so each report request is a new job."""
    return lambda: assessment_of(questionnaire, procurement_user)


@pytest.fixture
def full(draft, viewer_user):
    """The viewer's quota used up: QUOTA jobs queued."""
    return [report_request(actor=viewer_user, assessment=draft())[0] for _ in range(QUOTA)]


def test_a_request_past_the_quota_is_refused_saying_how_many_wait(full, draft, viewer_user):
    subject = draft()
    with pytest.raises(TooManyRequests) as refused:
        report_request(actor=viewer_user, assessment=subject)

    assert refused.value.message == FULL
    assert "2 reports waiting or being made" in FULL and "when one of them has finished" in FULL
    assert Report.objects.count() == QUOTA
    assert not subject.audit_events.filter(action="report.requested").exists()


def test_running_jobs_count_and_finished_or_failed_ones_do_not(full, draft, viewer_user):
    Report.objects.filter(pk=full[0].pk).update(status=Report.Status.RUNNING)
    with pytest.raises(TooManyRequests):
        report_request(actor=viewer_user, assessment=draft())

    Report.objects.filter(pk=full[0].pk).update(status=Report.Status.DONE)
    report_fail(report_id=full[1].pk, reason="The renderer was stopped.")

    for _ in range(QUOTA):
        _, created = report_request(actor=viewer_user, assessment=draft())
        assert created


def test_asking_again_for_an_unchanged_report_returns_its_job_even_at_the_quota(
    full, draft, viewer_user, architect_user
):
    again, created = report_request(actor=viewer_user, assessment=full[0].assessment)

    assert (again.pk, created) == (full[0].pk, False)
    # Someone else at their own quota asking for the same content gets that job too.
    for _ in range(QUOTA):
        report_request(actor=architect_user, assessment=draft())
    assert report_request(actor=architect_user, assessment=full[0].assessment) == (full[0], False)


def test_the_quota_is_each_users_own(full, draft, architect_user):
    _, created = report_request(actor=architect_user, assessment=draft())
    assert created


def test_a_comparison_counts_like_any_other_job(full, draft, viewer_user):
    with pytest.raises(TooManyRequests) as refused:
        comparison_request(actor=viewer_user, assessments=[draft(), draft()])
    assert refused.value.message == FULL


def test_the_api_answers_429_with_the_sentence_and_no_field(
    api, full, draft, viewer_user, outsider_user
):
    subject = draft()
    url = f"/api/v1/assessments/{subject.pk}/reports/"

    response = api(viewer_user).post(url)

    assert response.status_code == 429
    assert response.json() == {"detail": FULL}
    assert Report.objects.count() == QUOTA
    assert api(outsider_user).post(url).status_code == 403
    assert api(None).post(url).status_code == 401
    pair = {"assessments": [str(draft().pk), str(draft().pk)]}
    compared = api(viewer_user).post("/api/v1/comparisons/", pair, format="json")
    assert (compared.status_code, compared.json()) == (429, {"detail": FULL})


def test_the_browser_says_so_on_the_assessment_page(client, full, draft, viewer_user):
    subject = draft()
    client.force_login(viewer_user)

    response = client.post(f"/reports/request/{subject.pk}/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain == [(f"/assessments/{subject.pk}/", 302)]
    assert FULL in html.unescape(response.content.decode())
    assert Report.objects.count() == QUOTA


def test_the_comparison_picker_says_so_on_its_page(client, full, draft, viewer_user):
    client.force_login(viewer_user)

    response = client.post("/reports/compare/", {"assessments": [draft().pk, draft().pk]})

    assert response.status_code == 200
    assert FULL in html.unescape(response.content.decode())
