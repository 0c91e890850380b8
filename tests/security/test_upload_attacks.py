"""Upload attacks: oversized files, disguised types, polyglots, hostile names, archives."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.evidence.services import evidence_add
from assessments.models import Evidence
from tests.assessments.conftest import first_question
from tests.support import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(api, user, assessment, upload):
    return api(user).post(
        f"/api/v1/assessments/{assessment.pk}/evidence/",
        {"question_key": first_question(assessment.questionnaire).key, "file": upload},
        format="multipart",
    )


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_30_mb_file_is_refused_with_413_and_nothing_is_stored(
    api, assessment, procurement_user, settings
):
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024))
    response = _upload(api, procurement_user, assessment, big)
    assert response.status_code == 413
    assert "larger than 20 MB" in response.json()["file"][0]
    assert not Evidence.objects.exists()
    assert _stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", files.HTML),
        ("logo.png", files.SVG),
    ],
)
def test_disguised_markup_is_refused(api, assessment, procurement_user, settings, name, content):
    response = _upload(api, procurement_user, assessment, SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert not Evidence.objects.exists() and _stored_files(settings) == []


def test_a_pdf_html_polyglot_is_served_as_an_attachment_with_its_stored_type(
    api, client, assessment, procurement_user
):
    polyglot = b"%PDF-1.4\n<html><script>alert(document.domain)</script></html>\n%%EOF"
    assert (
        _upload(
            api, procurement_user, assessment, SimpleUploadedFile("poly.pdf", polyglot)
        ).status_code
        == 201
    )
    evidence = Evidence.objects.get()
    client.force_login(procurement_user)
    response = client.get(f"/assessments/{assessment.pk}/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/evil.pdf",
        'x.pdf"; filename="y.html.pdf',
        "line\r\nSet-Cookie: a=b.pdf",
    ],
)
def test_hostile_file_names_are_stored_under_generated_names_with_safe_headers(
    client, assessment, procurement_user, settings, name
):
    # Through the service: the multipart parser may already reject some of these names.
    evidence = evidence_add(
        actor=procurement_user,
        assessment=assessment,
        question_key=first_question(assessment.questionnaire).key,
        upload=SimpleUploadedFile(name, files.PDF),
    )
    stored = _stored_files(settings)
    assert len(stored) == 1 and stored[0].name.endswith(".pdf")
    assert stored[0].is_relative_to(settings.MEDIA_ROOT / "evidence")
    assert "evil" not in stored[0].name and "y.html" not in stored[0].name
    assert "\r" not in evidence.original_name and "\n" not in evidence.original_name
    assert "/" not in evidence.original_name
    client.force_login(procurement_user)
    disposition = client.get(f"/assessments/{assessment.pk}/evidence/{evidence.pk}/")[
        "Content-Disposition"
    ]
    assert "\r" not in disposition and "\n" not in disposition
    # One quoted parameter with nothing inside that could close it, or an RFC 5987 encoded one.
    assert re.fullmatch(r'attachment; filename="[^"\\]*"', disposition) or re.fullmatch(
        r"attachment; filename\*=utf-8''[A-Za-z0-9%._~!$&'()*+,-]*", disposition
    ), disposition


@pytest.mark.parametrize("name", ['x.pdf"; filename="y.html', "line\r\nSet-Cookie: a=b.pdf"])
def test_hostile_names_through_the_api_are_refused_or_stored_safely(
    api, assessment, procurement_user, settings, name
):
    response = _upload(api, procurement_user, assessment, SimpleUploadedFile(name, files.PDF))
    assert response.status_code in (201, 400)
    for path in _stored_files(settings):
        assert path.name.endswith(".pdf") and "y.html" not in path.name


def test_an_archive_is_refused_and_never_extracted(api, assessment, procurement_user, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../tmp/pwned.txt", "owned")
    response = _upload(
        api, procurement_user, assessment, SimpleUploadedFile("bundle.docx", buffer.getvalue())
    )
    assert response.status_code == 400
    assert not (settings.MEDIA_ROOT.parent / "pwned.txt").exists()
    assert _stored_files(settings) == []
