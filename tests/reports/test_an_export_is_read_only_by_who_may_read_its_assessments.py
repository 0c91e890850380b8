"""An export job's file is read only by whoever may read every assessment it is about, through the
reports' access getter: an outsider and an anonymous visitor get nothing, on the pages and in the
API, and someone who may not read one of its assessments gets a 404 as if it did not exist. The
worker checks again before writing: an export whose requester has since lost access to its
assessments is not made."""

import pytest
from django.http import QueryDict

from assessments.models import Assessment
from assessments.portfolio import portfolio_query_parse
from reports.exports import NO_LONGER_VISIBLE
from reports.models import Report
from reports.rendering import report_render
from reports.services import answers_export_request, portfolio_export_request
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_export(questionnaire, procurement_user):
    """A finished export of the list, two assessments, asked for by procurement."""
    for _ in range(2):
        assessment_of(questionnaire, procurement_user)
    query = portfolio_query_parse(QueryDict(""), user=procurement_user)
    report = portfolio_export_request(
        actor=procurement_user, query=query, file_format="xlsx", base_url="http://testserver"
    )
    return report_render(report_id=report.pk)


def test_the_requester_and_other_readers_download_it(client, done_export, viewer_user):
    client.force_login(viewer_user)
    response = client.get(f"/reports/{done_export.pk}/download/")
    assert response.status_code == 200
    assert response.content.startswith(b"PK")  # an xlsx is a zip


def test_an_outsider_cannot_download_anothers_export(client, api, done_export, outsider_user):
    urls = (f"/reports/{done_export.pk}/", f"/reports/{done_export.pk}/download/")
    for url in urls:
        assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(outsider_user)
    for url in urls:
        assert client.get(url).status_code == 403
    for url in (
        f"/api/v1/reports/{done_export.pk}/",
        f"/api/v1/reports/{done_export.pk}/download/",
    ):
        assert api(outsider_user).get(url).status_code == 403
        assert api(None).get(url).status_code == 401


def test_who_may_not_read_one_of_its_assessments_finds_no_export(
    client, monkeypatch, done_export, viewer_user
):
    hidden = done_export.subject_ids[1]
    monkeypatch.setattr(
        "reports.selectors.assessments_visible_to",
        lambda user: Assessment.objects.exclude(pk=hidden),
    )
    client.force_login(viewer_user)
    assert client.get(f"/reports/{done_export.pk}/").status_code == 404
    assert client.get(f"/reports/{done_export.pk}/download/").status_code == 404


def test_the_worker_makes_nothing_for_a_requester_who_lost_access(
    questionnaire, procurement_user, viewer_user
):
    subject = assessment_of(questionnaire, procurement_user)
    report, _ = answers_export_request(
        actor=viewer_user, assessment=subject, file_format="csv", rows=400
    )
    viewer_user.groups.clear()  # no role any more: reads nothing
    assert report_render(report_id=report.pk) is None
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert report.error == NO_LONGER_VISIBLE.format(missing="1")
    assert report.artifact_name == ""
