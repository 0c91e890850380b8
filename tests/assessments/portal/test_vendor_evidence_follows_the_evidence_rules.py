"""The vendor attaches evidence with the internal rules — content sniffing, the allow-list, one
of file or link — attributed to the contact; they see their own attachments only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.evidence.services import FILE_OR_URL, evidence_add
from assessments.evidence.types import CONTENT_MISMATCH, TOO_LARGE
from assessments.models import AuditEvent, Evidence
from tests.assessments.invitations.conftest import INVITED, question_of
from tests.support import files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _post(vendor, assessment, **data):
    return vendor.post(f"/vendor/assessments/{assessment.pk}/evidence/", data)


def test_a_pdf_is_stored_and_attributed_to_the_contact(vendor, assessment, questionnaire):
    key = question_of(questionnaire, INVITED).key
    upload = SimpleUploadedFile("design narrative.pdf", files.PDF, "application/pdf")
    response = _post(vendor, assessment, question_key=key, file=upload, note="v3")
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {
        "id",
        "question_key",
        "name",
        "url",
        "note",
        "size",
        "sha256",
        "scan_status",
        "answer_version",
        "created_at",
    }
    evidence = Evidence.objects.get()
    assert evidence.uploaded_by is None
    assert evidence.uploaded_by_contact == vendor.invitation.contact
    assert evidence.answer.answered_by_contact == vendor.invitation.contact
    assert evidence.answer.evidence_level == "claim"
    event = AuditEvent.objects.get(action="evidence.added")
    assert event.actor_label.startswith("vendor: Jo Vendor")


def test_a_disguised_file_and_an_empty_request_are_refused(vendor, assessment, questionnaire):
    key = question_of(questionnaire, INVITED).key
    html = SimpleUploadedFile("report.pdf", files.HTML, "application/pdf")
    refused = _post(vendor, assessment, question_key=key, file=html)
    assert refused.status_code == 400
    assert refused.json() == {"file": [CONTENT_MISMATCH.format(ext="pdf")]}
    empty = _post(vendor, assessment, question_key=key)
    assert empty.json() == {"file": [FILE_OR_URL]}
    assert not Evidence.objects.exists()


def test_the_vendor_sees_only_what_they_attached(
    vendor, assessment, questionnaire, procurement_user
):
    key = question_of(questionnaire, INVITED).key
    evidence_add(
        actor=procurement_user,
        assessment=assessment,
        question_key=key,
        url="https://intranet.example/internal-notes",
    )
    _post(vendor, assessment, question_key=key, url="https://vendor.example/whitepaper")
    html = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert "https://vendor.example/whitepaper" in html
    assert "intranet.example" not in html


def test_a_file_past_the_size_limit_is_refused_with_413(
    vendor, assessment, questionnaire, settings
):
    key = question_of(questionnaire, INVITED).key
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * (21 * 1024 * 1024))
    response = _post(vendor, assessment, question_key=key, file=big)
    assert response.status_code == 413
    assert response.json() == {"file": [TOO_LARGE]}
    assert not Evidence.objects.exists()
    root = settings.MEDIA_ROOT
    assert not (root.exists() and any(p.is_file() for p in root.rglob("*")))
