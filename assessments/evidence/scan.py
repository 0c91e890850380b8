"""Malware scanning of evidence files; scanner.py does the talking to the scanner.

At upload (services.py): infected → refused, nothing stored; scanner down →
stored as pending_scan, not downloadable, and scanned again by the beat task
(`evidence_rescan_pending`); a file found infected then is deleted from storage and is never
downloadable. With no scanner configured files are stored as not_scanned, downloadable, and
labelled so wherever evidence is listed. Links are never scanned.
"""

import logging
from dataclasses import dataclass
from typing import BinaryIO

from django.db import transaction

from assessments.audit import audit_record
from assessments.evidence.scanner import ScannerUnavailable, ScanResult, scanner_from_settings
from assessments.models import AuditAction, Evidence
from assessments.models.assessment import evidence_storage

MALWARE_FOUND = "Malware was found in this file ({signature}); it was not stored."
WAITING_FOR_SCAN = "This file is waiting for its malware scan; try again later."
MALWARE_REMOVED = "Malware was found in this file later; it was removed and cannot be downloaded."

Status = Evidence.ScanStatus
logger = logging.getLogger(__name__)
security_log = logging.getLogger("security")


@dataclass(frozen=True)
class ScanOutcome:
    status: str
    signature: str = ""


def evidence_scan_upload(upload: BinaryIO) -> ScanOutcome:
    """The verdict on a file about to be stored; never raises for a scanner that is down."""
    scanner = scanner_from_settings()
    if scanner is None:
        return ScanOutcome(Status.NOT_SCANNED)
    upload.seek(0)
    try:
        result = scanner.scan(upload)
    except ScannerUnavailable as exc:
        # Nothing is lost: the file is kept, refused for download, and scanned again later.
        logger.warning("malware scanner unavailable, evidence kept as pending_scan: %s", exc)
        return ScanOutcome(Status.PENDING)
    finally:
        upload.seek(0)
    if result.infected:
        return ScanOutcome(Status.INFECTED, result.signature)
    return ScanOutcome(Status.CLEAN)


def evidence_download_refusal(evidence: Evidence) -> tuple[int, str] | None:
    """(HTTP status, sentence) when this file must not be served; None when it may be."""
    if evidence.scan_status == Status.PENDING:
        return 409, WAITING_FOR_SCAN
    if evidence.scan_status == Status.INFECTED:
        return 410, MALWARE_REMOVED
    return None


def evidence_rescan_pending(*, limit: int = 200) -> dict[str, int]:
    """Scan the files stored while the scanner was down (oldest first); stops at the first
    "unavailable", since the next file would only wait for the same timeout. Answers how many
    rows became clean or infected, and how many still wait."""
    waiting = Evidence.objects.filter(scan_status=Status.PENDING)
    pending = list(waiting.order_by("created_at").values_list("pk", flat=True)[:limit])
    counts = {"clean": 0, "infected": 0}
    scanner = scanner_from_settings()
    if pending and scanner is None:
        logger.warning("evidence files wait for a malware scan but EVIDENCE_SCANNER is not set")
        pending = []
    for evidence_id in pending:
        evidence = Evidence.objects.filter(pk=evidence_id, scan_status=Status.PENDING).first()
        if evidence is None:
            continue  # deleted, or recorded by an overlapping run or with a copy of the same file
        try:
            with evidence.file.open("rb") as stream:
                result = scanner.scan(stream)
        except ScannerUnavailable as exc:
            logger.warning("malware scanner still unavailable, evidence keeps waiting: %s", exc)
            break
        except FileNotFoundError:
            logger.error(
                "evidence %s waits for a malware scan but its file is missing", evidence_id
            )
            continue
        recorded = evidence_scan_record(evidence_id=evidence_id, result=result)
        counts["infected" if result.infected else "clean"] += len(recorded)
    return {**counts, "pending": waiting.count()}


def evidence_scan_unscanned() -> int:
    """Files stored before scanning was switched on (`not_scanned`) join the queue the beat task
    scans: they become pending — not downloadable — until their verdict. Answers how many."""
    if scanner_from_settings() is None:
        raise ScannerUnavailable("EVIDENCE_SCANNER is not set: there is nothing to scan with.")
    unscanned = Evidence.objects.filter(scan_status=Status.NOT_SCANNED).exclude(file="")
    return unscanned.update(scan_status=Status.PENDING)


@transaction.atomic
def evidence_scan_record(*, evidence_id, result: ScanResult) -> list[Evidence]:
    """A late verdict on a pending file; an infected file leaves storage here. Answers the rows
    updated: none when the file is no longer pending (deleted, or recorded by an overlapping run);
    more than one when reassessment copied the row, since the copies share the file."""
    name = (
        Evidence.objects.filter(pk=evidence_id, scan_status=Status.PENDING)
        .values_list("file", flat=True)
        .first()
    )
    if not name:
        return []
    rows = list(
        Evidence.objects.select_for_update(of=("self",))
        .select_related("answer__assessment", "answer__question")
        .filter(file=name, scan_status=Status.PENDING)
    )
    for evidence in rows:
        evidence.scan_status = Status.INFECTED if result.infected else Status.CLEAN
        evidence.scan_signature = result.signature
        evidence.save(update_fields=["scan_status", "scan_signature", "updated_at"])
        audit_record(
            assessment=evidence.answer.assessment,
            actor=None,
            action=AuditAction.EVIDENCE_QUARANTINED
            if result.infected
            else AuditAction.EVIDENCE_SCANNED,
            question_key=evidence.answer.question.key,
            old={"scan_status": Status.PENDING.value},
            new={
                "name": evidence.original_name,
                "sha256": evidence.sha256,
                "scan_status": evidence.scan_status,
                "signature": result.signature,
            },
        )
    if result.infected and rows:
        security_log.warning(
            "malware found in stored evidence on re-scan; file removed",
            extra={
                "evidence_ids": [str(e.pk) for e in rows],
                "signature": result.signature,
                "sha256": rows[0].sha256,
            },
        )
        # Deleted now rather than on commit: infected bytes must not linger. Should the commit
        # fail, the rows stay pending, which is not downloadable either.
        evidence_storage.delete(name)
    return rows
