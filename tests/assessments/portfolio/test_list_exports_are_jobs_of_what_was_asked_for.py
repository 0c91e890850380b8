"""Exporting the list is always a report job, never a file written in the request: the button
(POST) fixes the assessments that match the page's filters, in the page's order, as the job's
subjects, and keeps the filters to link back with; what changes afterwards does not change the
file. GET only offers the button, and with nothing to export there is no job."""

import io

import openpyxl
import pytest

from assessments.portfolio.export import COLUMNS
from reports.models import Report
from reports.rendering import report_render
from reports.services import NOTHING_TO_EXPORT
from tests.assessments.portfolio.conftest import export

pytestmark = pytest.mark.django_db


def test_the_button_queues_a_job_of_the_matching_assessments_in_the_pages_order(
    client, viewer_user, make
):
    zed = make(vendor="Zed", status="submitted")
    acme = make(vendor="Acme", status="submitted")
    make(vendor="Other", status="draft")
    client.force_login(viewer_user)
    response = client.post("/assessments/export/xlsx/?status=submitted&sort=vendor")
    report = Report.objects.get()
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.kind, report.status) == (Report.Kind.PORTFOLIO_XLSX, Report.Status.QUEUED)
    assert report.subject_ids == [str(acme.pk), str(zed.pk)]
    assert report.parameters["query"] == "status=submitted&sort=vendor"
    assert report.parameters["rows"] == 2
    assert report.requested_by == viewer_user
    assert report.artifact_name == ""  # nothing was written in the request


def test_the_file_has_the_rows_asked_for_even_if_more_match_by_the_time_it_is_written(
    client, viewer_user, make
):
    make(vendor="Acme", status="submitted")
    client.force_login(viewer_user)
    client.post("/assessments/export/xlsx/?status=submitted")
    make(vendor="Late", status="submitted")  # after the button, before the worker
    report = Report.objects.get()
    report_render(report_id=report.pk)
    download = client.get(f"/reports/{report.pk}/download/")
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert tuple(rows[0]) == COLUMNS
    assert [r[0] for r in rows[1:]] == ["Acme"]


def test_the_status_page_links_back_to_the_list_with_its_filters(client, viewer_user, make):
    make(vendor="Acme", status="submitted")
    client.force_login(viewer_user)
    status = client.post("/assessments/export/csv/?status=submitted", follow=True)
    html = status.content.decode()
    assert "Your export of 1 assessment is being prepared…" in html
    assert 'href="/assessments/?status=submitted"' in html


def test_get_only_offers_the_button_and_queues_nothing(client, viewer_user, make):
    make(vendor="Acme", status="submitted")
    make(vendor="Zed", status="submitted")
    client.force_login(viewer_user)
    page = client.get("/assessments/export/xlsx/", {"status": "submitted"})
    html = page.content.decode()
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    assert "2 assessments match these filters." in html
    assert 'action="/assessments/export/xlsx/?status=submitted"' in html
    assert not Report.objects.exists()


def test_with_nothing_to_export_there_is_no_job_and_the_list_says_why(client, viewer_user, make):
    make(vendor="Acme", status="draft")
    client.force_login(viewer_user)
    response = client.post("/assessments/export/csv/?status=approved", follow=True)
    assert response.redirect_chain[-1][0] == "/assessments/?status=approved"
    assert NOTHING_TO_EXPORT in response.content.decode()
    assert not Report.objects.exists()


def test_the_exported_file_downloads_under_the_lists_name(client, viewer_user, make):
    make(vendor="Acme")
    client.force_login(viewer_user)
    response = export(client, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="assessments-')
