"""With clamd down an upload is not lost: it is stored as `pending_scan`, refused for download with
a reason (browser view and API alike), and once clamd is back the beat task makes it clean."""

import pytest

from assessments.evidence.scan import WAITING_FOR_SCAN
from assessments.evidence.tasks import rescan_pending_evidence
from assessments.models import AuditEvent, Evidence
from tests.assessments.evidence.scanning.conftest import clean_upload, download_url, upload
from tests.assessments.invitations.conftest import INVITED, question_of

pytestmark = pytest.mark.django_db

CONTENT = b"Information security policy, version 4.\n"


def _evidence_of(api_body: list[dict]) -> list[dict]:
    return [item for answer in api_body for item in answer["evidence"]]


def test_an_upload_while_clamd_is_down_waits_and_becomes_downloadable_once_scanned(
    clamd, api, client, assessment, procurement_user, outsider_user, settings
):
    clamd.stop()
    response = upload(api(procurement_user), assessment, clean_upload())
    assert response.status_code == 201, response.data
    assert response.data["scan_status"] == "pending_scan"
    assert response.data["download_url"] is None
    evidence = Evidence.objects.get()
    assert evidence.scan_status == "pending_scan"
    assert (settings.MEDIA_ROOT / evidence.file.name).read_bytes() == CONTENT  # nothing lost

    client.force_login(procurement_user)
    refused = client.get(download_url(evidence))
    assert refused.status_code == 409
    assert refused.content.decode() == WAITING_FOR_SCAN
    listed = api(procurement_user).get(f"/api/v1/assessments/{assessment.pk}/answers/").json()
    assert [(e["scan_status"], e["download_url"]) for e in _evidence_of(listed)] == [
        ("pending_scan", None)
    ]
    client.force_login(outsider_user)
    assert client.get(download_url(evidence)).status_code == 403

    assert rescan_pending_evidence() == {"clean": 0, "infected": 0, "pending": 1}
    clamd.start()
    assert rescan_pending_evidence() == {"clean": 1, "infected": 0, "pending": 0}
    evidence.refresh_from_db()
    assert evidence.scan_status == "clean"
    event = AuditEvent.objects.get(action="evidence.scanned")
    assert event.old == {"scan_status": "pending_scan"} and event.new["scan_status"] == "clean"
    client.force_login(procurement_user)
    got = client.get(download_url(evidence))
    assert got.status_code == 200 and b"".join(got.streaming_content) == CONTENT
    listed = api(procurement_user).get(f"/api/v1/assessments/{assessment.pk}/answers/").json()
    assert [(e["scan_status"], e["download_url"]) for e in _evidence_of(listed)] == [
        ("clean", download_url(evidence))
    ]


def test_pages_show_a_waiting_file_without_a_download_link(
    clamd, api, client, assessment, procurement_user, architect_user
):
    clamd.stop()
    upload(api(procurement_user), assessment, clean_upload("waiting.txt"))
    evidence = Evidence.objects.get()
    for user, page in ((procurement_user, "form"), (architect_user, "review")):
        client.force_login(user)
        html = client.get(f"/assessments/{assessment.pk}/{page}/").content.decode()
        assert "waiting.txt" in html and "waiting for its malware scan" in html, page
        assert download_url(evidence) not in html, page


def test_a_vendor_upload_while_clamd_is_down_is_kept_and_shown_as_waiting(
    clamd, vendor, assessment, questionnaire
):
    clamd.stop()
    key = question_of(questionnaire, INVITED).key
    response = vendor.post(
        f"/vendor/assessments/{assessment.pk}/evidence/",
        {"question_key": key, "file": clean_upload("vendor-policy.txt")},
    )
    assert response.status_code == 201, response.content
    assert response.json()["scan_status"] == "pending_scan"
    html = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert "vendor-policy.txt" in html and "waiting for its malware scan" in html
