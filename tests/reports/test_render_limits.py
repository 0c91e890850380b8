"""A runaway render ends as a clear failure within its limits, and the process that asked for it
carries on rendering; a failed report can be retried, a finished one cannot."""

import re
from pathlib import Path

import pytest

from reports import pdf
from reports.models import Report
from reports.pdf import OUT_OF_MEMORY, TIMED_OUT, RenderError, render_pdf_isolated
from reports.rendering import report_render
from reports.services import NOT_FAILED, report_request, report_retry
from tests.reports.conftest import pdf_text

SMALL = "<!doctype html><html><body><p>Still rendering after a failure.</p></body></html>"


def _large_document(rows: int) -> str:
    """Thousands of small tables: slow to lay out and hungry for memory."""
    body = "".join(
        f"<table><tr><td>{i}</td><td>{'cell ' * 10}</td></tr></table>" for i in range(rows)
    )
    return f"<!doctype html><html><body>{body}</body></html>"


def _still_renders() -> None:
    assert "Still rendering after a failure." in pdf_text(render_pdf_isolated(SMALL))


def test_a_render_past_its_deadline_is_stopped_with_a_clear_sentence():
    timeout = 0.05

    with pytest.raises(RenderError) as failure:
        render_pdf_isolated(_large_document(5_000), timeout=timeout)

    assert str(failure.value) == TIMED_OUT.format(seconds=int(timeout))
    _still_renders()


def _address_space() -> int:
    """This process's virtual size: the forked renderer starts with all of it already mapped."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"^VmSize:\s+(\d+) kB", status, re.MULTILINE).group(1)) * 1024


def test_a_render_past_its_memory_ceiling_is_stopped_with_a_clear_sentence(monkeypatch):
    # The ceiling caps the whole address space, which the child inherits from this (large) test
    # process; ~150 MB on top of it fits an ordinary report but not a huge one.
    with monkeypatch.context() as limited:
        limited.setattr(pdf, "RENDER_MEMORY_BYTES", _address_space() + 150 * 1024 * 1024)
        _still_renders()
        with pytest.raises(RenderError) as failure:
            render_pdf_isolated(_large_document(20_000), timeout=30)

    assert str(failure.value) == OUT_OF_MEMORY
    _still_renders()


@pytest.mark.django_db
def test_a_render_error_leaves_the_report_failed_with_its_reason(
    assessment, procurement_user, monkeypatch
):
    reason = "The PDF could not be rendered: injected for the test."

    def refuse(html, **kwargs):
        raise RenderError(reason)

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", refuse)
    report, _ = report_request(actor=procurement_user, assessment=assessment)

    assert report_render(report_id=report.pk) is None

    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == reason
    assert report.attempts == 1
    assert report.artifact_name == "" and report.sha256 == ""


@pytest.mark.django_db
def test_retrying_a_failed_report_queues_it_afresh(assessment, procurement_user, monkeypatch):
    def refuse(html, **kwargs):
        raise RenderError("The PDF could not be rendered: injected for the test.")

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", refuse)
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report_render(report_id=report.pk)

    retried = report_retry(actor=procurement_user, report=report)

    assert retried.status == Report.Status.QUEUED
    assert retried.attempts == 0
    assert retried.error == "" and retried.progress == 0
    report.refresh_from_db()
    assert (report.status, report.attempts, report.error) == (Report.Status.QUEUED, 0, "")


@pytest.mark.django_db
def test_the_api_retries_a_failed_report(api, assessment, procurement_user, monkeypatch):
    def refuse(html, **kwargs):
        raise RenderError("The PDF could not be rendered: injected for the test.")

    monkeypatch.setattr("reports.rendering.render_pdf_isolated", refuse)
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report_render(report_id=report.pk)

    response = api(procurement_user).post(f"/api/v1/reports/{report.pk}/retry/")

    assert response.status_code == 202
    assert response.data["status"] == "queued"
    assert response.data["attempts"] == 0
    assert response.data["error"] == ""


@pytest.mark.django_db
def test_retrying_a_finished_report_is_refused(api, assessment, procurement_user, outsider_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report_render(report_id=report.pk)
    url = f"/api/v1/reports/{report.pk}/retry/"

    response = api(procurement_user).post(url)

    assert response.status_code == 409
    assert response.data == {"detail": NOT_FAILED}
    assert api(outsider_user).post(url).status_code == 403
    assert api(None).post(url).status_code == 401
    report.refresh_from_db()
    assert report.status == Report.Status.DONE and report.attempts == 1
