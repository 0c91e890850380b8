"""The list's export end to end against a real Celery worker process on the configured broker: the
page's button (POST, with its filters and sort) queues a job, the worker writes the workbook, and
the download is an Excel file with exactly the filtered rows in the page's order. Someone without
a role cannot download it."""

import io

import openpyxl
import pytest

from assessments.portfolio.export import COLUMNS
from reports.models import Report
from tests.assessments.portfolio.conftest import make_many
from tests.support.worker import WorkerProcess, wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_list_export_is_made_by_a_worker_and_downloads_as_a_workbook_of_the_filtered_rows(
    tmp_path, media, client, questionnaire, procurement_user, viewer_user, outsider_user
):
    wanted = make_many(questionnaire, procurement_user, 4, status="submitted")
    make_many(questionnaire, procurement_user, 3, status="draft")
    worker = WorkerProcess(
        tmp_path / "worker.log", queues="default,reports", env={"APP_MEDIA_ROOT": str(media)}
    ).start()
    try:
        client.force_login(viewer_user)
        response = client.post("/assessments/export/xlsx/?status=submitted&sort=-vendor")
        assert response.status_code == 302, response.content
        report_id = response["Location"].strip("/").split("/")[-1]
        assert wait_for(
            lambda: Report.objects.filter(pk=report_id, status__in=["done", "failed"]).exists(),
            timeout=90,
        ), worker.log()
    finally:
        worker.stop()
    report = Report.objects.get(pk=report_id)
    assert report.status == "done", report.error
    assert (report.kind, report.progress, report.attempts) == ("portfolio_xlsx", 100, 1)
    assert (
        "Your export of 4 assessments is ready."
        in client.get(response["Location"]).content.decode()
    )

    download = client.get(f"/reports/{report_id}/download/")
    assert download.status_code == 200
    assert download["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = list(openpyxl.load_workbook(io.BytesIO(download.content)).active.values)
    assert rows[0] == COLUMNS
    by_name = sorted((a.offering.vendor.name for a in wanted), reverse=True)
    assert [row[0] for row in rows[1:]] == by_name
    assert {row[4] for row in rows[1:]} == {"Submitted"}
    assert all(row[-1].startswith("http://testserver/assessments/") for row in rows[1:])

    client.force_login(outsider_user)
    assert client.get(f"/reports/{report_id}/download/").status_code == 403
