"""An export job's status page says in a sentence what is happening to it — being prepared, ready,
or failed — with how many rows it has, offers the file by its type once it is ready, and links
back to where it was asked for. A PDF report's page is as it was."""

import pytest
from django.http import QueryDict

from assessments.portfolio import portfolio_query_parse
from reports.exports import EXPORT_FAILED
from reports.models import Report
from reports.rendering import report_fail, report_render
from reports.services import answers_export_request, portfolio_export_request, report_request
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db


def _portfolio_export(actor, params):
    query = portfolio_query_parse(QueryDict(params), user=actor)
    return portfolio_export_request(
        actor=actor, query=query, file_format="xlsx", base_url="http://testserver"
    )


def _page(client, report) -> str:
    response = client.get(f"/reports/{report.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_queued_answers_export_is_being_prepared_with_its_number_of_answers(
    client, questionnaire, procurement_user, viewer_user
):
    subject = assessment_of(questionnaire, procurement_user)
    report, _ = answers_export_request(
        actor=viewer_user, assessment=subject, file_format="csv", rows=1240
    )
    client.force_login(viewer_user)
    html = _page(client, report)
    heading = html.split("<h1>")[1].split("</h1>")[0]
    assert heading.startswith("Answers of ") and heading.endswith(" as CSV")
    assert subject.offering.name in heading
    assert "Your export of 1,240 answers is being prepared…" in html
    assert f'href="/assessments/{subject.pk}/"' in html
    client.force_login(procurement_user)
    assert "This export of 1,240 answers is being prepared…" in _page(client, report)


def test_a_finished_list_export_is_ready_and_offers_its_file(
    client, questionnaire, procurement_user, viewer_user
):
    for _ in range(3):
        assessment_of(questionnaire, procurement_user)
    report = _portfolio_export(viewer_user, "status=draft")
    report_render(report_id=report.pk)
    client.force_login(viewer_user)
    html = _page(client, report)
    assert "<h1>Assessments list as Excel</h1>" in html
    assert "Your export of 3 assessments is ready." in html
    assert "Download Excel" in html
    assert "Scorecard sha256" not in html  # a PDF's digest, not an export's
    assert 'href="/assessments/?status=draft"' in html


def test_a_failed_export_says_so_in_a_sentence(client, questionnaire, procurement_user):
    subject = assessment_of(questionnaire, procurement_user)
    report, _ = answers_export_request(
        actor=procurement_user, assessment=subject, file_format="xlsx", rows=400
    )
    report_fail(report_id=report.pk, reason="The export took too long and was stopped.")
    client.force_login(procurement_user)
    html = _page(client, report)
    assert EXPORT_FAILED.format(whose="Your", amount="400 answers") in html
    assert "The export took too long and was stopped." in html
    assert "Try again" in html


def test_a_pdf_reports_page_is_unchanged(client, questionnaire, procurement_user):
    report, _ = report_request(
        actor=procurement_user, assessment=assessment_of(questionnaire, procurement_user)
    )
    client.force_login(procurement_user)
    html = _page(client, report)
    assert "<h1>Assessment report</h1>" in html
    assert "The PDF is produced in the background" in html
    assert "Download PDF" in html and "Scorecard sha256" in html
    assert "data-job-when" not in html
    assert Report.objects.get().parameters == {}
