"""The scanning tests talk to a real clamd (tests/support/clamd.py) that knows one signature, a
self-made one for the EICAR test file; `clamd` points the settings at it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.assessments.conftest import assessment, first_question  # noqa: F401  (shared fixture)
from tests.assessments.invitations.conftest import _fresh_rate_limits, invite, vendor  # noqa: F401  (vendor)
from tests.support.clamd import EICAR, ClamdServer


@pytest.fixture(scope="module")
def _clamd_server():
    server = ClamdServer().start()
    yield server
    server.cleanup()


@pytest.fixture
def clamd(_clamd_server, settings, tmp_path):
    """The running clamd (started again if an earlier test stopped it), configured as the
    evidence scanner, with evidence stored under this test's own media folder."""
    if not _clamd_server.ping():
        _clamd_server.start()
    settings.EVIDENCE_SCANNER = "clamd"
    settings.CLAMD_ADDRESS = _clamd_server.address
    settings.CLAMD_TIMEOUT_SECONDS = 5
    settings.MEDIA_ROOT = tmp_path / "media"
    return _clamd_server


def eicar_upload(name: str = "notes.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, EICAR, "text/plain")


def clean_upload(name: str = "policy.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"Information security policy, version 4.\n", "text/plain")


def upload(api_client, assessment, file=None, **data):  # noqa: F811
    data = {"question_key": first_question(assessment.questionnaire).key, **data}
    if file is not None:
        data["file"] = file
    return api_client.post(
        f"/api/v1/assessments/{assessment.pk}/evidence/", data, format="multipart"
    )


def download_url(evidence) -> str:
    return f"/assessments/{evidence.answer.assessment_id}/evidence/{evidence.pk}/"


def stored_files(settings) -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
