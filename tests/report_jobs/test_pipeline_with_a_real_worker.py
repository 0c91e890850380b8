"""The whole report pipeline against a real Celery worker process on the configured broker (the
filesystem broker by default, Redis in CI): request -> done -> download -> the PDF says what the
board needs. Also: a worker killed mid-render, and a job that keeps failing."""

import io
import os
import signal

import pypdf
import pytest

from reports.models import Report
from reports.rendering import GAVE_UP, MAX_ATTEMPTS
from tests.support.worker import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _worker(tmp_path, media, **env):
    return WorkerProcess(
        tmp_path / "worker.log", queues="default,reports", env={"APP_MEDIA_ROOT": str(media), **env}
    ).start()


def _request(api, user, assessment):
    response = api(user).post(f"/api/v1/assessments/{assessment.pk}/reports/")
    assert response.status_code == 202, response.content
    return response.json()["id"]


def _finished(report_id):
    return Report.objects.filter(pk=report_id, status__in=["done", "failed"]).exists()


def test_a_requested_report_is_produced_by_a_worker_and_downloads_as_a_readable_pdf(
    tmp_path, media, api, viewer_user, decided_assessment
):
    worker = _worker(tmp_path, media)
    try:
        report_id = _request(api, viewer_user, decided_assessment)
        assert wait_for(lambda: _finished(report_id), timeout=90), worker.log()
    finally:
        worker.stop()
    report = Report.objects.get(pk=report_id)
    assert report.status == "done", report.error
    assert (report.progress, report.attempts) == (100, 1)
    download = api(viewer_user).get(f"/api/v1/reports/{report_id}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    pages = pypdf.PdfReader(io.BytesIO(download.content)).pages
    text = " ".join(page.extract_text() for page in pages)
    text = " ".join(text.split())
    assert decided_assessment.offering.vendor.name in text
    assert "Approved with conditions" in text
    for domain in decided_assessment.questionnaire.domains.all():
        assert domain.title.split(" (")[0] in text
    from assessments.scoring_adapter import assessment_score

    card = assessment_score(assessment=decided_assessment).scorecard
    assert f"Grade {card.grade}" in text or f" {card.grade} " in text
    for finding in card.findings:
        assert " ".join(finding.title.split()) in text


def test_a_worker_killed_mid_render_is_redelivered_and_the_report_is_made_once(
    tmp_path, media, api, viewer_user, decided_assessment
):
    worker = _worker(tmp_path, media, REPORTS_FAULT="slow:4")
    try:
        report_id = _request(api, viewer_user, decided_assessment)
        assert wait_for(
            lambda: Report.objects.filter(pk=report_id, status="running").exists(), timeout=60
        ), worker.log()
        for pid in worker.pool_children():  # the process running the task dies (OOM-killer)
            os.kill(pid, signal.SIGKILL)
        assert wait_for(lambda: _finished(report_id), timeout=90), worker.log()
    finally:
        worker.stop()
    report = Report.objects.get(pk=report_id)
    assert report.status == "done", report.error
    assert report.attempts == 2
    assert Report.objects.filter(kind="assessment").count() == 1
    artifacts = list((media / "reports").glob("*.pdf"))
    assert [p.name for p in artifacts] == [f"{report_id}.pdf"]


def test_a_job_that_keeps_failing_stops_after_the_attempt_cap(
    tmp_path, media, api, viewer_user, decided_assessment
):
    worker = _worker(tmp_path, media, REPORTS_FAULT="database")
    try:
        report_id = _request(api, viewer_user, decided_assessment)
        assert wait_for(lambda: _finished(report_id), timeout=90), worker.log()
    finally:
        worker.stop()
    report = Report.objects.get(pk=report_id)
    assert report.status == "failed"
    assert report.attempts == MAX_ATTEMPTS
    assert "Database unavailable" in report.error or report.error == GAVE_UP.format(
        attempts=MAX_ATTEMPTS
    )
