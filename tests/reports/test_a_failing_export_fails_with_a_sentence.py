"""An export whose writing breaks ends as a failed job, through the same task and failure state as
a PDF: its status page answers 200 with a sentence and the reason, never a 500, and whoever asked
may try it again."""

import pytest
from django.http import QueryDict

from assessments.portfolio import portfolio_query_parse
from reports.exports import EXPORT_FAILED
from reports.models import Report
from reports.services import portfolio_export_request
from reports.tasks import render_report
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db


def _broken(**kwargs):
    raise RuntimeError("the disk is full")


def test_a_failing_export_shows_a_failed_state_with_a_sentence(
    client, monkeypatch, questionnaire, procurement_user
):
    assessment_of(questionnaire, procurement_user)
    query = portfolio_query_parse(QueryDict(""), user=procurement_user)
    report = portfolio_export_request(
        actor=procurement_user, query=query, file_format="xlsx", base_url="http://testserver"
    )
    monkeypatch.setattr("reports.exports.portfolio_export_file", _broken)
    render_report.apply(args=[str(report.pk)])  # the task itself, run here as a worker would
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == "Unexpected error: RuntimeError"
    client.force_login(procurement_user)
    page = client.get(f"/reports/{report.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert EXPORT_FAILED.format(whose="Your", amount="1 assessment") in html
    assert "Unexpected error: RuntimeError" in html
    assert "Try again" in html
    download = client.get(f"/reports/{report.pk}/download/")
    assert (download.status_code, download.content) == (409, b"The export is failed.")
