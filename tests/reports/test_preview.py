"""The report in the browser: the preview is the PDF's own template and context, the status page
follows the job, and the assessment page offers the board report."""

import re

import pytest
from django.utils.html import escape

from reports.models import Report
from reports.pdf import RenderError
from reports.rendering import report_html, report_render
from reports.services import report_request
from tests.reports.conftest import hostile_assessment

pytestmark = pytest.mark.django_db

HOSTILE = '"><img src=x onerror=alert(1)><link rel="attachment" href="file:///etc/passwd">'


def _headings(html: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", html, re.DOTALL)


def _signed_in(client, user):
    client.force_login(user)
    return client


def test_the_preview_is_the_pdf_template_with_the_web_stylesheet(
    client, assessment, procurement_user, viewer_user
):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    pdf_html, _ = report_html(report, for_pdf=True)

    response = _signed_in(client, viewer_user).get(f"/reports/preview/{assessment.pk}/")

    assert response.status_code == 200
    page = response.content.decode()
    assert _headings(page) == _headings(pdf_html)
    assert {"Scores by domain", "About this report"} <= set(_headings(page))
    assert "What matters most" in page and "Conditions of approval" in page
    assert '<link rel="stylesheet" href="/static/reports/report.css">' in page
    assert "asset:" not in page
    assert '<link rel="stylesheet" href="asset:report.css">' in pdf_html
    assert 'class="report preview"' in page


def test_the_preview_escapes_hostile_text(
    client, assessment, procurement_user, architect_user, settings
):
    hostile_assessment(
        assessment, text=HOSTILE, procurement=procurement_user, architect=architect_user
    )

    page = _signed_in(client, architect_user).get(f"/reports/preview/{assessment.pk}/")

    body = page.content.decode()
    assert escape(f"Comment: {HOSTILE}") in body
    assert escape(f"Condition: {HOSTILE}") in body
    assert escape(f"Explained: {HOSTILE}") in body
    assert HOSTILE not in body
    assert settings.SECRET_KEY not in body


def test_the_preview_is_refused_to_outsiders_and_anonymous(client, assessment, outsider_user):
    url = f"/reports/preview/{assessment.pk}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")
    assert _signed_in(client, outsider_user).get(url).status_code == 403


def test_the_status_page_shows_the_progress_of_a_running_report(
    client, assessment, procurement_user, viewer_user, monkeypatch
):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    browser = _signed_in(client, viewer_user)
    seen = {}

    def look_while_rendering(html, **kwargs):
        seen["page"] = browser.get(f"/reports/{report.pk}/").content.decode()
        raise RenderError("The PDF could not be rendered: stopped by the test.")

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", look_while_rendering)
    report_render(report_id=report.pk)

    page = seen["page"]
    assert 'data-status="running"' in page
    assert '<progress max="100" value="35"' in page
    assert "35%" in page
    assert "<form" in page and "data-job-retry hidden" in page


def test_the_status_page_shows_a_failure_and_offers_to_try_again(
    client, assessment, procurement_user, viewer_user, monkeypatch
):
    reason = "The PDF took longer than 120 seconds to render and was stopped."

    def refuse(html, **kwargs):
        raise RenderError(reason)

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", refuse)
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report_render(report_id=report.pk)

    requester = _signed_in(client, procurement_user).get(f"/reports/{report.pk}/").content.decode()

    assert reason in requester
    assert f'action="/reports/{report.pk}/retry/" data-job-retry>' in requester
    assert "Try again" in requester
    assert "data-job-done hidden" in requester
    # Someone else sees the failure too, but not a button that would only refuse them.
    other = _signed_in(client, viewer_user).get(f"/reports/{report.pk}/").content.decode()
    assert reason in other
    assert "/retry/" not in other and "Try again" not in other
    assert "Only the person who asked for this" in other


def test_the_status_page_of_a_finished_report_offers_the_download(
    client, assessment, procurement_user, viewer_user
):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report = report_render(report_id=report.pk)

    page = _signed_in(client, viewer_user).get(f"/reports/{report.pk}/").content.decode()

    assert f'href="/reports/{report.pk}/download/"' in page
    assert "data-job-done hidden" not in page
    assert "data-job-retry hidden" in page
    assert report.sha256 in page
    assert report.scorecard_sha256 and report.scorecard_sha256 in page
    assert '<progress max="100" value="100"' in page


def test_the_status_page_is_refused_to_outsiders_and_anonymous(
    client, assessment, procurement_user, outsider_user
):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    url = f"/reports/{report.pk}/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")
    assert _signed_in(client, outsider_user).get(url).status_code == 403


def test_trying_a_failed_report_again_from_the_browser_queues_it(
    client, assessment, procurement_user, outsider_user, monkeypatch
):
    def refuse(html, **kwargs):
        raise RenderError("The PDF could not be rendered: injected for the test.")

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", refuse)
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report_render(report_id=report.pk)
    url = f"/reports/{report.pk}/retry/"

    assert client.post(url).status_code == 302  # to the login page
    assert _signed_in(client, outsider_user).post(url).status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED

    response = _signed_in(client, procurement_user).post(url)  # who requested it

    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    report.refresh_from_db()
    assert (report.status, report.attempts, report.error) == (Report.Status.QUEUED, 0, "")


def test_the_assessment_page_offers_the_board_report(client, assessment, viewer_user):
    page = _signed_in(client, viewer_user).get(f"/assessments/{assessment.pk}/").content.decode()

    assert f'action="/reports/request/{assessment.pk}/"' in page
    assert "Board report (PDF)</button>" in page
    assert f'href="/reports/preview/{assessment.pk}/"' in page


def test_the_board_report_button_requests_one_report_per_content(
    client, assessment, viewer_user, outsider_user
):
    url = f"/reports/request/{assessment.pk}/"
    assert client.post(url).status_code == 302  # to the login page
    assert _signed_in(client, outsider_user).post(url).status_code == 403
    assert not Report.objects.exists()

    browser = _signed_in(client, viewer_user)
    first = browser.post(url)
    again = browser.post(url, follow=True)

    report = Report.objects.get()
    assert first["Location"] == f"/reports/{report.pk}/"
    assert again.redirect_chain == [(f"/reports/{report.pk}/", 302)]
    assert "Nothing changed since this report was requested" in again.content.decode()
    assert browser.get(url).status_code == 405
