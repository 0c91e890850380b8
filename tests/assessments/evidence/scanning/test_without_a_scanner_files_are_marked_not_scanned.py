"""With no scanner configured (the embedded default) files are stored as `not_scanned`, stay
downloadable, and the pages say they were not scanned; nothing waiting is released unscanned."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.evidence.tasks import rescan_pending_evidence
from assessments.models import Evidence
from tests.assessments.evidence.scanning.conftest import download_url, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_scanner(settings, tmp_path):
    settings.EVIDENCE_SCANNER = ""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_files_are_stored_not_scanned_downloadable_and_labelled(
    api, client, assessment, procurement_user
):
    response = upload(
        api(procurement_user), assessment, SimpleUploadedFile("policy.txt", b"A policy.\n")
    )
    assert response.status_code == 201, response.data
    evidence = Evidence.objects.get()
    assert evidence.scan_status == response.data["scan_status"] == "not_scanned"
    assert response.data["download_url"] == download_url(evidence)
    client.force_login(procurement_user)
    assert client.get(download_url(evidence)).status_code == 200
    html = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    assert "not scanned for malware" in html


def test_a_waiting_file_stays_waiting_when_scanning_is_switched_off(
    api, client, assessment, procurement_user
):
    upload(api(procurement_user), assessment, SimpleUploadedFile("policy.txt", b"A policy.\n"))
    Evidence.objects.update(scan_status="pending_scan")  # stored while clamd was down
    assert rescan_pending_evidence() == {"clean": 0, "infected": 0, "pending": 1}
    evidence = Evidence.objects.get()
    assert evidence.scan_status == "pending_scan"
    client.force_login(procurement_user)
    assert client.get(download_url(evidence)).status_code == 409
