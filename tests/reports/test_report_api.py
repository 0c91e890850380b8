"""The report API: a request is accepted (202) as one job per distinct content, its status can be
followed, and the finished PDF is served only as the verified artifact, to readers only."""

import datetime
import hashlib
import uuid

import pytest
from django.utils import timezone
from django.utils.text import slugify

from assessments.answers.services import answer_save
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services import comment_add
from reports.api import CORRUPTED, MISSING
from reports.context import report_context
from reports.models import Report
from reports.rendering import report_render
from reports.services import report_request
from reports.storage import report_storage
from tests.reports.conftest import (
    RATIONALE,
    decide_with_conditions,
    pdf_contains,
    pdf_reader,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def _request_url(assessment) -> str:
    return f"/api/v1/assessments/{assessment.pk}/reports/"


@pytest.fixture
def done_report(assessment, procurement_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    return report_render(report_id=report.pk)


def _browser(client, user):
    client.force_login(user)
    return client


def test_requesting_a_report_is_accepted_and_queued(api, assessment, viewer_user):
    response = api(viewer_user).post(_request_url(assessment))

    assert response.status_code == 202
    assert response.data["status"] == "queued"
    assert response.data["kind"] == "assessment"
    assert response.data["subjects"] == [str(assessment.pk)]
    report = Report.objects.get()
    assert str(report.pk) == response.data["id"]
    assert report.requested_by == viewer_user


def test_requesting_a_report_is_refused_to_outsiders_and_anonymous(api, assessment, outsider_user):
    assert api(outsider_user).post(_request_url(assessment)).status_code == 403
    assert api(None).post(_request_url(assessment)).status_code == 401
    assert not Report.objects.exists()


def test_requesting_a_report_of_an_unknown_assessment_answers_404(api, viewer_user):
    response = api(viewer_user).post(f"/api/v1/assessments/{uuid.uuid4()}/reports/")

    assert response.status_code == 404
    assert not Report.objects.exists()


def test_asking_again_for_an_unchanged_assessment_returns_the_same_report(
    api, assessment, procurement_user, viewer_user
):
    first = api(procurement_user).post(_request_url(assessment))
    again = api(viewer_user).post(_request_url(assessment))

    assert again.status_code == 202
    assert again.data["id"] == first.data["id"]
    assert Report.objects.count() == 1


def test_a_new_comment_makes_a_new_report(api, assessment, procurement_user):
    client = api(procurement_user)
    first = client.post(_request_url(assessment)).data["id"]

    comment_add(actor=procurement_user, assessment_pk=assessment.pk, body="One more thing.")
    second = client.post(_request_url(assessment)).data["id"]

    assert second != first
    assert client.post(_request_url(assessment)).data["id"] == second
    assert Report.objects.count() == 2


def test_a_saved_answer_makes_a_new_report(api, assessment, procurement_user):
    client = api(procurement_user)
    first = client.post(_request_url(assessment)).data["id"]

    question = questionnaire_structure(assessment.questionnaire).questions[0]
    answer_save(
        actor=procurement_user,
        assessment_pk=assessment.pk,
        question_key=question.key,
        option_key=question.options[0].key,
    )
    second = client.post(_request_url(assessment)).data["id"]

    assert second != first
    assert Report.objects.count() == 2


def test_renaming_the_vendor_makes_a_new_report(api, assessment, procurement_user):
    client = api(procurement_user)
    first = client.post(_request_url(assessment)).data["id"]

    vendor = assessment.offering.vendor
    vendor.name = "Renamed Vendor GmbH"
    vendor.save(update_fields=["name"])
    second = client.post(_request_url(assessment)).data["id"]

    assert second != first
    assert Report.objects.count() == 2


def test_a_queued_report_shows_its_state_and_no_download(
    api, assessment, procurement_user, outsider_user
):
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    url = f"/api/v1/reports/{report.pk}/"

    response = api(procurement_user).get(url)

    assert response.status_code == 200
    assert {
        k: response.data[k]
        for k in ("status", "progress", "attempts", "error", "sha256", "download_url")
    } == {
        "status": "queued",
        "progress": 0,
        "attempts": 0,
        "error": "",
        "sha256": "",
        "download_url": None,
    }
    assert api(outsider_user).get(url).status_code == 403
    assert api(None).get(url).status_code == 401


def test_a_report_that_does_not_exist_answers_404(api, viewer_user):
    missing = uuid.uuid4()

    assert api(viewer_user).get(f"/api/v1/reports/{missing}/").status_code == 404
    assert api(viewer_user).get(f"/api/v1/reports/{missing}/download/").status_code == 404


def test_downloading_before_the_report_is_done_answers_409(api, assessment, procurement_user):
    report, _ = report_request(actor=procurement_user, assessment=assessment)

    response = api(procurement_user).get(f"/api/v1/reports/{report.pk}/download/")

    assert response.status_code == 409
    assert response.content.decode() == "The report is queued."


def test_a_finished_report_links_its_pdf_and_its_checksum(api, done_report, viewer_user):
    response = api(viewer_user).get(f"/api/v1/reports/{done_report.pk}/")

    assert response.data["status"] == "done"
    assert response.data["progress"] == 100
    assert response.data["attempts"] == 1
    assert response.data["error"] == ""
    assert response.data["download_url"] == f"/api/v1/reports/{done_report.pk}/download/"
    download = api(viewer_user).get(response.data["download_url"])
    assert download.status_code == 200
    assert response.data["sha256"] == hashlib.sha256(download.content).hexdigest()
    assert response.data["size"] == len(download.content)


def test_the_api_serves_the_pdf_as_an_attachment_to_readers_only(
    api, done_report, viewer_user, outsider_user
):
    url = f"/api/v1/reports/{done_report.pk}/download/"

    response = api(viewer_user).get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    offering = done_report.assessment.offering
    day = f"{timezone.localdate(done_report.finished_at):%Y-%m-%d}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{slugify(offering.vendor.name)}-{slugify(offering.name)}-{day}.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF-")
    assert api(outsider_user).get(url).status_code == 403
    assert api(None).get(url).status_code == 401


def test_the_browser_serves_the_same_pdf_as_an_attachment_to_readers_only(
    client, done_report, viewer_user, outsider_user
):
    url = f"/reports/{done_report.pk}/download/"

    anonymous = client.get(url)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/?next=")

    response = _browser(client, viewer_user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert hashlib.sha256(response.content).hexdigest() == done_report.sha256

    assert _browser(client, outsider_user).get(url).status_code == 403


def test_a_tampered_pdf_is_refused_instead_of_served(api, client, done_report, viewer_user):
    path = report_storage().path(done_report.artifact_name)
    with open(path, "r+b") as handle:
        handle.seek(200)
        handle.write(b"tampered")

    response = api(viewer_user).get(f"/api/v1/reports/{done_report.pk}/download/")
    browser = _browser(client, viewer_user).get(f"/reports/{done_report.pk}/download/")

    for refused in (response, browser):
        assert refused.status_code == 409
        assert refused.content.decode() == CORRUPTED
        assert refused["Content-Type"].startswith("text/plain")


def test_a_lost_pdf_is_explained_and_made_again_when_requested(
    api, client, done_report, viewer_user, assessment
):
    """A database restored without its files: the download says what to do, and asking for the
    unchanged report again re-renders it under the same id instead of returning the lost one."""
    lost_name = done_report.artifact_name
    report_storage().delete(lost_name)
    refused = api(viewer_user).get(f"/api/v1/reports/{done_report.pk}/download/")
    assert (refused.status_code, refused.content.decode()) == (409, MISSING)

    again = api(viewer_user).post(_request_url(assessment))
    assert again.status_code == 202, again.data
    assert (again.data["id"], again.data["status"]) == (str(done_report.pk), "queued")
    report = report_render(report_id=done_report.pk)
    assert report.status == Report.Status.DONE
    assert report_storage().exists(report.artifact_name)
    served = _browser(client, viewer_user).get(f"/reports/{done_report.pk}/download/")
    assert served.status_code == 200
    assert hashlib.sha256(b"".join(served)).hexdigest() == report.sha256
    assert Report.objects.filter(assessment=assessment).count() == 1


def test_a_present_pdf_is_not_rendered_again(api, done_report, viewer_user, assessment):
    again = api(viewer_user).post(_request_url(assessment))
    assert again.data["status"] == "done"
    done_report.refresh_from_db()
    assert done_report.attempts == 1


def test_the_pdf_shows_the_scorecard_the_decision_and_page_numbers(
    assessment, procurement_user, architect_user
):
    decide_with_conditions(assessment, procurement=procurement_user, architect=architect_user)
    context = report_context(assessment=assessment)
    report, _ = report_request(actor=procurement_user, assessment=assessment)
    report = report_render(report_id=report.pk)
    with report_storage().open(report.artifact_name, "rb") as handle:
        pdf = handle.read()

    text = pdf_text(pdf)
    vendor = assessment.offering.vendor.name
    assert vendor in text
    assert f"GRADE {context['card']['grade']}" in text.upper()
    assert context["recommendation_label"] in text
    for domain in questionnaire_structure(assessment.questionnaire).domains:
        assert pdf_contains(text, domain.title), domain.title
    assert context["findings"], "the worst answers should raise findings"
    for finding in context["findings"]:
        assert pdf_contains(text, finding["title"]), finding["title"]
    assert "Approved with conditions" in text
    assert pdf_contains(text, RATIONALE)
    assert report.scorecard_sha256 == context["scorecard_sha256"]

    reader = pdf_reader(pdf)
    pages = len(reader.pages)
    assert pages > 1
    assert f"Page 1 of {pages}" in flat_page(reader, 0)
    assert f"Page {pages} of {pages}" in flat_page(reader, pages - 1)
    assert vendor in reader.metadata.title
    assert reader.metadata.author == "Secure-by-design due diligence"
    created = reader.metadata.creation_date
    assert created is not None
    assert abs(created - timezone.now()) < datetime.timedelta(minutes=5)


def flat_page(reader, index: int) -> str:
    return " ".join((reader.pages[index].extract_text() or "").split())
