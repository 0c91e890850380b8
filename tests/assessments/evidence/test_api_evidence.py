"""Evidence uploads and links: sniffed, hashed, stored outside the web root, served with care."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.evidence.services import BAD_URL, FILE_OR_URL
from assessments.evidence.types import CONTENT_MISMATCH
from assessments.models import Evidence
from tests.assessments.conftest import first_question
from tests.support import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(client, assessment, **data):
    return client.post(f"/api/v1/assessments/{assessment.pk}/evidence/", data, format="multipart")


def test_a_pdf_is_stored_under_a_generated_name_with_its_sha256(
    api, assessment, procurement_user, settings
):
    key = first_question(assessment.questionnaire).key
    upload = SimpleUploadedFile("../../etc/SOC 2 report.pdf", files.PDF, "text/html")
    response = _post(
        api(procurement_user), assessment, question_key=key, file=upload, note="Type II, 2026"
    )
    assert response.status_code == 201, response.data
    evidence = Evidence.objects.get()
    assert evidence.sha256 == hashlib.sha256(files.PDF).hexdigest() == response.data["sha256"]
    assert evidence.content_type == "application/pdf"  # sniffed, not the client's claim
    assert evidence.original_name == "SOC 2 report.pdf"
    assert ".." not in evidence.file.name and "SOC" not in evidence.file.name
    stored = settings.MEDIA_ROOT / evidence.file.name
    assert evidence.file.name.startswith(f"evidence/{assessment.pk}/")
    assert stored.read_bytes() == files.PDF
    assert response.data["download_url"] == (
        f"/assessments/{assessment.pk}/evidence/{evidence.pk}/"
    )
    assert response.data["answer_version"] == 1


def test_html_disguised_as_pdf_is_refused_and_nothing_is_stored(
    api, assessment, procurement_user, settings
):
    key = first_question(assessment.questionnaire).key
    upload = SimpleUploadedFile("report.pdf", files.HTML, "application/pdf")
    response = _post(api(procurement_user), assessment, question_key=key, file=upload)
    assert response.status_code == 400
    assert response.data["file"] == [CONTENT_MISMATCH.format(ext="pdf")]
    assert not Evidence.objects.exists()
    assert not (settings.MEDIA_ROOT / "evidence").exists() or not any(
        (settings.MEDIA_ROOT / "evidence").rglob("*.*")
    )


def test_a_link_is_accepted_and_javascript_urls_are_refused(api, assessment, procurement_user):
    key = first_question(assessment.questionnaire).key
    client = api(procurement_user)
    ok = _post(client, assessment, question_key=key, url="https://trust.vendor.example/soc2")
    assert ok.status_code == 201 and ok.data["download_url"] is None
    bad = _post(client, assessment, question_key=key, url="javascript:alert(1)")
    assert bad.status_code == 400 and bad.data["url"] == [BAD_URL]
    neither = _post(client, assessment, question_key=key)
    assert neither.data["file"] == [FILE_OR_URL]
    assert Evidence.objects.count() == 1


def test_download_is_an_attachment_for_allowed_users_only(
    api, client, assessment, procurement_user, viewer_user, outsider_user
):
    key = first_question(assessment.questionnaire).key
    _post(
        api(procurement_user),
        assessment,
        question_key=key,
        file=SimpleUploadedFile("a.pdf", files.PDF),
    )
    evidence = Evidence.objects.get()
    url = f"/assessments/{assessment.pk}/evidence/{evidence.pk}/"
    client.force_login(viewer_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="a.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == files.PDF
    client.force_login(outsider_user)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_viewers_cannot_upload(api, assessment, viewer_user):
    key = first_question(assessment.questionnaire).key
    response = _post(
        api(viewer_user), assessment, question_key=key, file=SimpleUploadedFile("a.pdf", files.PDF)
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()
