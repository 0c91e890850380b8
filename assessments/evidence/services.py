"""Attaching evidence (a file or a link) to an answer: checked for its type, scanned for malware,
stored under a generated name, audited."""

import hashlib
import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import NoReturn

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assessments.answers import UNKNOWN_QUESTION, answer_row_ensure
from assessments.audit import Author, audit_record
from assessments.evidence.scan import MALWARE_FOUND, ScanOutcome, evidence_scan_upload
from assessments.evidence.types import EvidenceType, UnsupportedEvidence, evidence_type_of
from assessments.models import Assessment, AuditAction, Evidence
from assessments.questionnaire.structure import QuestionNode, questionnaire_structure
from assessments.workflow import REVIEWER_EVIDENCE
from core.errors import ConflictError, ServiceError
from core.limits import limit_require
from core.permissions import can_answer, can_review
from core.text import multi_line_text, normalised_text, single_line_text
from vendors.validators import web_url_validator

FILE_OR_URL = "Attach a file or give a link, not both and not neither."
BAD_URL = "Enter a web address starting with http:// or https://."
NOTE_TOO_LONG = "The note is longer than 2,000 characters."
NOT_ACCEPTING_EVIDENCE = "This assessment is {status}; evidence cannot be added now."
REVIEWER_EVIDENCE_ONLY_IN_REVIEW = (
    "This assessment is {status}; a reviewer attaches evidence once it is submitted or in review."
)
security_log = logging.getLogger("security")


def display_name(raw: str) -> str:
    """The user's file name as harmless display text: no path, no control characters."""
    name = re.split(r"[\\/]", raw or "")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().strip(".")
    # Characters that could end or split a Content-Disposition parameter become underscores.
    name = re.sub(r'["\\;]', "_", name)
    return name[:200] or "evidence"


def _sha256(upload: UploadedFile) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def evidence_accepting_require(assessment: Assessment, actor) -> None:
    """Requesters attach evidence while they may answer; reviewers while they review (what they
    verified themselves). An admin is both."""
    if assessment.is_editable and can_answer(actor):
        return
    if assessment.status in REVIEWER_EVIDENCE and can_review(actor):
        return
    status = assessment.get_status_display().lower()
    if assessment.is_editable:
        raise ConflictError(REVIEWER_EVIDENCE_ONLY_IN_REVIEW.format(status=status), current=None)
    raise ConflictError(NOT_ACCEPTING_EVIDENCE.format(status=status), current=None)


def _validate(upload: UploadedFile | None, url: str, note: str) -> dict:
    errors: dict[str, list[str]] = {}
    if bool(upload) == bool(url):
        errors["file"] = [FILE_OR_URL]
    if url:
        try:
            web_url_validator(url)
        except ValidationError:
            errors["url"] = [BAD_URL]
    if len(note) > 2_000:
        errors["note"] = [NOTE_TOO_LONG]
    for field, value, clean in (("url", url, single_line_text), ("note", note, multi_line_text)):
        try:
            clean(value)
        except ValidationError as refused:
            errors.setdefault(field, refused.messages)
    kind = None
    if upload and not errors:
        try:
            kind = evidence_type_of(name=upload.name or "", stream=upload, size=upload.size or 0)
        except UnsupportedEvidence as exc:
            errors["file"] = [str(exc)]
    if errors:
        raise ServiceError("The evidence was not stored.", field_errors=errors)
    return {"kind": kind}


@dataclass(frozen=True)
class EvidenceItem:
    """What someone attaches: a file or a link, and a note on what it shows."""

    upload: UploadedFile | None = None
    url: str = ""
    note: str = ""


def evidence_add(
    *,
    actor: AbstractBaseUser | None,
    assessment: Assessment,
    question_key: str,
    upload: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    """Procurement attaches what the vendor sent; a reviewer what they verified themselves."""
    question = questionnaire_structure(assessment.questionnaire).question(question_key)
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    return evidence_attach(
        author=Author(user=actor),
        assessment=assessment,
        question=question,
        item=EvidenceItem(upload, url, note),
        ensure_accepting=lambda current: evidence_accepting_require(current, actor),
        lock=lambda: Assessment.objects.select_for_update().get(pk=assessment.pk),
    )


def evidence_attach(
    *,
    author: Author,
    assessment: Assessment,
    question: QuestionNode,
    item: EvidenceItem,
    ensure_accepting: Callable[[Assessment], None],
    lock: Callable[[], Assessment],
) -> Evidence:
    """The one way evidence is stored, whoever attaches it (the internal form and API, the
    vendor's portal): the caller's status rule, then type checks and the malware scan before any
    row is locked (clamd may take seconds), then under `lock` the rule again (the status may have
    changed meanwhile), the file, the row and its audit event."""
    ensure_accepting(assessment)  # before scanning a file that would be refused anyway
    screened = _screen(assessment, question, item, author)
    with transaction.atomic():
        locked = lock()
        ensure_accepting(locked)
        return _evidence_write(locked, question, screened, item, author)


def evidence_screen(
    *, author: Author, assessment: Assessment, question: QuestionNode, item: EvidenceItem
) -> tuple[EvidenceType | None, ScanOutcome]:
    """The type check and malware scan of evidence_attach, for a caller that must screen a file
    before opening its own transaction (clamd may take seconds; no row should be locked then)."""
    return _screen(assessment, question, item, author)


def evidence_write_shared(
    *,
    author: Author,
    assessment: Assessment,
    questions: list[QuestionNode],
    item: EvidenceItem,
    screened: tuple[EvidenceType | None, ScanOutcome],
) -> list[Evidence]:
    """One screened file as the evidence of several answers (an imported questionnaire backs
    every answer it filled): stored once, one row per answer sharing it, as a reassessment's
    copies do, each row audited. Runs in the caller's transaction with the assessment locked and
    its status checked (evidence_accepting_require)."""
    first = _evidence_write(assessment, questions[0], screened, item, author)
    rows = [first]
    for question in questions[1:]:
        answer = answer_row_ensure(assessment=assessment, question=question, author=author)
        _evidence_limit_require(answer)
        copy = Evidence(
            answer=answer,
            file=first.file.name,
            original_name=first.original_name,
            content_type=first.content_type,
            size=first.size,
            note=first.note,
            sha256=first.sha256,
            uploaded_by=author.user,
            uploaded_by_contact=author.contact,
            scan_status=first.scan_status,
            scan_signature=first.scan_signature,
        )
        copy.save()
        _evidence_added_audit(assessment, question, copy, author)
        rows.append(copy)
    return rows


def _evidence_limit_require(answer) -> None:
    limit_require(
        count=answer.evidence.count(),
        setting="EVIDENCE_PER_ANSWER",
        whole="This answer",
        things="evidence items",
        instead="Remove one it no longer needs, or put several documents in one file.",
    )


def _evidence_added_audit(assessment, question, evidence: Evidence, author: Author) -> None:
    audit_record(
        assessment=assessment,
        actor=author,
        action=AuditAction.EVIDENCE_ADDED,
        question_key=question.key,
        new={
            "name": evidence.original_name,
            "url": evidence.url,
            "sha256": evidence.sha256,
            "size": evidence.size,
            "scan_status": evidence.scan_status,
        },
    )


def _screen(
    assessment: Assessment, question: QuestionNode, item: EvidenceItem, author: Author
) -> tuple[EvidenceType | None, ScanOutcome]:
    kind = _validate(item.upload, item.url.strip(), item.note)["kind"]
    if not item.upload:
        return kind, ScanOutcome(Evidence.ScanStatus.NOT_SCANNED)  # links are not scanned
    outcome = evidence_scan_upload(item.upload)
    if outcome.status == Evidence.ScanStatus.INFECTED:
        _refuse_infected(assessment, question, item.upload, outcome.signature, author)
    return kind, outcome


def _refuse_infected(
    assessment: Assessment,
    question: QuestionNode,
    upload: UploadedFile,
    signature: str,
    author: Author,
) -> NoReturn:
    """Nothing is stored; the attempt is recorded in its own transaction, which the refusal does
    not roll back (evidence_attach runs this before opening its own)."""
    attempt = {
        "name": display_name(upload.name),
        "sha256": _sha256(upload),
        "size": upload.size,
        "signature": signature,
    }
    with transaction.atomic():
        audit_record(
            assessment=assessment,
            actor=author,
            action=AuditAction.EVIDENCE_MALWARE_REFUSED,
            question_key=question.key,
            new=attempt,
        )
    security_log.warning(
        "evidence upload refused: malware found",
        extra={
            "user_id": author.user.pk if author.user else None,
            "vendor": author.label if author.contact else "",
            "assessment_id": str(assessment.pk),
            "file_name": attempt["name"],
            "sha256": attempt["sha256"],
            "signature": signature,
        },
    )
    message = MALWARE_FOUND.format(signature=signature)
    raise ServiceError(message, field_errors={"file": [message]})


def _evidence_write(
    assessment: Assessment,
    question: QuestionNode,
    screened: tuple[EvidenceType | None, ScanOutcome],
    item: EvidenceItem,
    author: Author,
) -> Evidence:
    kind, scan = screened
    answer = answer_row_ensure(assessment=assessment, question=question, author=author)
    _evidence_limit_require(answer)
    evidence = Evidence(
        answer=answer,
        url=item.url.strip(),
        note=normalised_text(item.note).strip(),
        uploaded_by=author.user,
        uploaded_by_contact=author.contact,
        scan_status=scan.status,
    )
    upload = item.upload
    if upload:
        evidence.original_name = display_name(upload.name)
        evidence.content_type = kind.content_type
        evidence.size = upload.size
        evidence.sha256 = _sha256(upload)
        evidence.file.save(f"upload.{kind.extension}", upload, save=False)
    try:
        evidence.save()
        _evidence_added_audit(assessment, question, evidence, author)
    except Exception:
        # The database rolls back; the stored file must not stay behind as an orphan.
        if evidence.file:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence
