"""A file stored while clamd was down and found infected by the re-scan is removed from storage
and can never be downloaded, nor can a copy of it that a reassessment carried over."""

import logging

import pytest

from assessments.evidence.scan import MALWARE_REMOVED
from assessments.evidence.tasks import rescan_pending_evidence
from assessments.lifecycle.services import assessment_create
from assessments.models import AuditEvent, Evidence
from tests.assessments.evidence.scanning.conftest import (
    download_url,
    eicar_upload,
    stored_files,
    upload,
)
from tests.factories import OfferingFactory
from tests.support.clamd import REPORTED_SIGNATURE

pytestmark = pytest.mark.django_db


def _copy_to_another_assessment(evidence, questionnaire, actor) -> Evidence:
    """What assessment_reassess does: a new row on the new revision sharing the stored file."""
    other = assessment_create(actor=actor, offering=OfferingFactory(), questionnaire=questionnaire)
    answer = other.answers.create(question_id=evidence.answer.question_id)
    return Evidence.objects.create(
        answer=answer,
        file=evidence.file.name,
        sha256=evidence.sha256,
        original_name=evidence.original_name,
        scan_status=evidence.scan_status,
    )


def test_an_infected_file_found_later_is_removed_and_never_downloadable(
    clamd, api, client, assessment, procurement_user, settings, caplog
):
    clamd.stop()
    assert upload(api(procurement_user), assessment, eicar_upload()).status_code == 201
    evidence = Evidence.objects.get()
    copy = _copy_to_another_assessment(evidence, assessment.questionnaire, procurement_user)
    assert len(stored_files(settings)) == 1
    client.force_login(procurement_user)
    assert client.get(download_url(evidence)).status_code == 409

    clamd.start()
    with caplog.at_level(logging.WARNING, logger="security"):
        assert rescan_pending_evidence() == {"clean": 0, "infected": 2, "pending": 0}

    assert stored_files(settings) == []
    for row in (evidence, copy):
        row.refresh_from_db()
        assert (row.scan_status, row.scan_signature) == ("infected", REPORTED_SIGNATURE)
        refused = client.get(download_url(row))
        assert refused.status_code == 410 and refused.content.decode() == MALWARE_REMOVED
    events = AuditEvent.objects.filter(action="evidence.quarantined")
    assert {e.assessment_id for e in events} == {assessment.pk, copy.answer.assessment_id}
    assert any(
        r.name == "security" and getattr(r, "signature", None) == REPORTED_SIGNATURE
        for r in caplog.records
    )
    listed = api(procurement_user).get(f"/api/v1/assessments/{assessment.pk}/answers/").json()
    [item] = [e for answer in listed for e in answer["evidence"]]
    assert (item["scan_status"], item["download_url"]) == ("infected", None)
    html = client.get(f"/assessments/{assessment.pk}/form/").content.decode()
    assert "malware found, file removed" in html and download_url(evidence) not in html

    assert rescan_pending_evidence() == {"clean": 0, "infected": 0, "pending": 0}  # settled
