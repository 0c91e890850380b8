"""A file the scanner finds clean is stored as `clean` and downloadable; links are never scanned."""

import pytest

from assessments.models import AuditEvent, Evidence
from tests.assessments.evidence.scanning.conftest import clean_upload, download_url, upload

pytestmark = pytest.mark.django_db


def test_a_clean_file_is_stored_clean_and_downloaded_by_readers_only(
    clamd, api, client, assessment, procurement_user, viewer_user, outsider_user
):
    response = upload(api(procurement_user), assessment, clean_upload())
    assert response.status_code == 201, response.data
    evidence = Evidence.objects.get()
    assert evidence.scan_status == "clean" and response.data["scan_status"] == "clean"
    assert response.data["download_url"] == download_url(evidence)
    assert AuditEvent.objects.get(action="evidence.added").new["scan_status"] == "clean"
    client.force_login(viewer_user)
    got = client.get(download_url(evidence))
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == b"Information security policy, version 4.\n"
    client.force_login(outsider_user)
    assert client.get(download_url(evidence)).status_code == 403


def test_the_form_page_links_the_file_and_says_it_was_scanned(
    clamd, api, client, assessment, procurement_user
):
    upload(api(procurement_user), assessment, clean_upload())
    evidence = Evidence.objects.get()
    client.force_login(procurement_user)
    html = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    assert f'href="{download_url(evidence)}"' in html
    assert "scanned, no malware found" in html


def test_a_link_is_not_scanned_even_while_the_scanner_is_down(
    clamd, api, assessment, procurement_user
):
    clamd.stop()
    response = upload(api(procurement_user), assessment, url="https://trust.vendor.example/soc2")
    assert response.status_code == 201, response.data
    assert Evidence.objects.get().scan_status == "not_scanned"
    assert response.data["download_url"] is None
