"""Attaching evidence (a file or a link) to an answer."""

import hashlib
import logging
import re
import unicodedata
from typing import NoReturn

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assessments.answers.services import UNKNOWN_QUESTION
from assessments.audit import audit_record
from assessments.evidence.scan import MALWARE_FOUND, ScanOutcome, evidence_scan_upload
from assessments.evidence.types import EvidenceType, UnsupportedEvidence, evidence_type_of
from assessments.models import Answer, Assessment, Evidence, VendorSession
from assessments.portal.access import (
    vendor_assessment_for_write,
    vendor_author,
    vendor_question_get,
    vendor_session_ensure_live,
)
from assessments.questionnaire.structure import (
    QuestionNode,
    questionnaire_structure,
    questionnaire_structure_by_id,
)
from assessments.workflow import REVIEWER_EVIDENCE
from core.errors import ConflictError, ServiceError
from core.permissions import can_answer, can_review
from vendors.models import Contact
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


def _ensure_accepting(assessment: Assessment, actor) -> None:
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
    kind = None
    if upload and not errors:
        try:
            kind = evidence_type_of(name=upload.name or "", stream=upload, size=upload.size or 0)
        except UnsupportedEvidence as exc:
            errors["file"] = [str(exc)]
    if errors:
        raise ServiceError("The evidence was not stored.", field_errors=errors)
    return {"kind": kind}


def _screen(
    assessment: Assessment,
    question: QuestionNode,
    upload: UploadedFile | None,
    url: str,
    note: str,
    *,
    user: AbstractBaseUser | None,
    label: str | None = None,
) -> tuple[EvidenceType | None, ScanOutcome]:
    """Validation and the malware scan, before any row is locked: clamd may take seconds."""
    kind = _validate(upload, url.strip(), note)["kind"]
    if not upload:
        return kind, ScanOutcome(Evidence.ScanStatus.NOT_SCANNED)  # links are not scanned
    outcome = evidence_scan_upload(upload)
    if outcome.status == Evidence.ScanStatus.INFECTED:
        _refuse_infected(assessment, question, upload, outcome.signature, user=user, label=label)
    return kind, outcome


def _refuse_infected(
    assessment: Assessment,
    question: QuestionNode,
    upload: UploadedFile,
    signature: str,
    *,
    user: AbstractBaseUser | None,
    label: str | None,
) -> NoReturn:
    """Nothing is stored; the attempt is recorded in its own transaction, which the refusal does
    not roll back (the callers run this before opening theirs)."""
    attempt = {
        "name": display_name(upload.name),
        "sha256": _sha256(upload),
        "size": upload.size,
        "signature": signature,
    }
    with transaction.atomic():
        audit_record(
            assessment=assessment,
            actor=user,
            action="evidence.malware_refused",
            question_key=question.key,
            new=attempt,
            label=label,
        )
    security_log.warning(
        "evidence upload refused: malware found",
        extra={
            "user_id": user.pk if user else None,
            "vendor": label or "",
            "assessment_id": str(assessment.pk),
            "file_name": attempt["name"],
            "sha256": attempt["sha256"],
            "signature": signature,
        },
    )
    message = MALWARE_FOUND.format(signature=signature)
    raise ServiceError(message, field_errors={"file": [message]})


def evidence_add(
    *,
    actor: AbstractBaseUser | None,
    assessment: Assessment,
    question_key: str,
    upload: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    question = questionnaire_structure(assessment.questionnaire).question(question_key)
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    _ensure_accepting(assessment, actor)  # before scanning a file that would be refused anyway
    screened = _screen(assessment, question, upload, url, note, user=actor)
    with transaction.atomic():
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        _ensure_accepting(assessment, actor)  # again: the status may have changed meanwhile
        return _evidence_write(assessment, question, screened, upload, url, note, user=actor)


def vendor_evidence_add(
    *,
    session: VendorSession,
    question_key: str,
    upload: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    """An invited vendor contact attaches evidence to a question of an invited domain: the same
    type sniffing, limits and malware scan as evidence_add, attributed to the contact."""
    vendor_session_ensure_live(session)
    assessment = session.invitation.assessment
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    question = vendor_question_get(session, structure, question_key)
    _ensure_vendor_accepting(assessment)  # before scanning a file that would be refused anyway
    vendor = vendor_author(session)
    screened = _screen(assessment, question, upload, url, note, user=None, label=vendor.label)
    with transaction.atomic():
        assessment = vendor_assessment_for_write(session)
        _ensure_vendor_accepting(assessment)
        return _evidence_write(
            assessment,
            question,
            screened,
            upload,
            url,
            note,
            user=None,
            contact=vendor.contact,
            label=vendor.label,
        )


def _ensure_vendor_accepting(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ConflictError(
            NOT_ACCEPTING_EVIDENCE.format(status=assessment.get_status_display().lower()),
            current=None,
        )


def _evidence_write(
    assessment: Assessment,
    question: QuestionNode,
    screened: tuple[EvidenceType | None, ScanOutcome],
    upload: UploadedFile | None,
    url: str,
    note: str,
    *,
    user: AbstractBaseUser | None,
    contact: Contact | None = None,
    label: str | None = None,
) -> Evidence:
    """The body both paths share; runs inside the caller's transaction with the row locked."""
    kind, scan = screened
    answer, _ = Answer.objects.get_or_create(
        assessment=assessment,
        question_id=question.id,
        defaults={"updated_by": user, "answered_by_contact": contact},
    )
    evidence = Evidence(
        answer=answer,
        url=url.strip(),
        note=note.strip(),
        uploaded_by=user,
        uploaded_by_contact=contact,
        scan_status=scan.status,
    )
    if upload:
        evidence.original_name = display_name(upload.name)
        evidence.content_type = kind.content_type
        evidence.size = upload.size
        evidence.sha256 = _sha256(upload)
        evidence.file.save(f"upload.{kind.extension}", upload, save=False)
    try:
        evidence.save()
        audit_record(
            assessment=assessment,
            actor=user,
            action="evidence.added",
            question_key=question.key,
            new={
                "name": evidence.original_name,
                "url": evidence.url,
                "sha256": evidence.sha256,
                "size": evidence.size,
                "scan_status": evidence.scan_status,
            },
            label=label,
        )
    except Exception:
        # The database rolls back; the stored file must not stay behind as an orphan.
        if evidence.file:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence
