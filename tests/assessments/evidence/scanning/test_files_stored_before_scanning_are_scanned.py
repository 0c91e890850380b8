"""Files stored while scanning was off ("not scanned") are brought under the scanner by
`manage.py scan_unscanned_evidence`: clean ones become clean, infected ones are removed."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from assessments.models import Evidence
from tests.assessments.evidence.scanning.conftest import (
    clean_upload,
    eicar_upload,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db


def _store_unscanned(api, assessment, procurement_user, settings):
    settings.EVIDENCE_SCANNER = ""
    for file in (clean_upload(), eicar_upload()):
        assert upload(api(procurement_user), assessment, file).status_code == 201
    assert set(Evidence.objects.values_list("scan_status", flat=True)) == {"not_scanned"}


def test_the_command_scans_what_was_stored_before_and_removes_malware(
    clamd, api, assessment, procurement_user, settings
):
    _store_unscanned(api, assessment, procurement_user, settings)
    settings.EVIDENCE_SCANNER = "clamd"
    out = StringIO()
    call_command("scan_unscanned_evidence", "--now", stdout=out)
    assert "2 files queued" in out.getvalue() and "clean 1, infected (removed) 1" in out.getvalue()
    verdicts = dict(Evidence.objects.values_list("original_name", "scan_status"))
    assert verdicts == {"policy.txt": "clean", "notes.txt": "infected"}
    assert len(stored_files(settings)) == 1  # the infected file left storage


def test_without_now_the_files_wait_for_beat_and_are_not_downloadable(
    clamd, api, client, assessment, procurement_user, settings
):
    _store_unscanned(api, assessment, procurement_user, settings)
    settings.EVIDENCE_SCANNER = "clamd"
    call_command("scan_unscanned_evidence", stdout=StringIO())
    assert set(Evidence.objects.values_list("scan_status", flat=True)) == {"pending_scan"}
    client.force_login(procurement_user)
    evidence = Evidence.objects.first()
    path = f"/assessments/{assessment.pk}/evidence/{evidence.pk}/"
    assert client.get(path).status_code == 409


def test_without_a_scanner_configured_the_command_refuses_and_changes_nothing(
    api, assessment, procurement_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _store_unscanned(api, assessment, procurement_user, settings)
    with pytest.raises(CommandError, match="EVIDENCE_SCANNER is not set"):
        call_command("scan_unscanned_evidence", stdout=StringIO())
    assert set(Evidence.objects.values_list("scan_status", flat=True)) == {"not_scanned"}
