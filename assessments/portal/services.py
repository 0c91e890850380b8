"""What an invited vendor contact may write: answers and evidence of the invited domains.

The same writes as the internal side (assessments.answers.answer_write and
assessments.evidence.evidence_attach: the same validation, locking, type checks, malware scan
and audit), scoped by the vendor's session (access.py) and always attributed to the contact.
Whatever a vendor says about itself is, by definition, a claim.
"""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from assessments.answers import AnswerChange, answer_write, summary_refresh_after
from assessments.audit import Author
from assessments.evidence import NOT_ACCEPTING_EVIDENCE, EvidenceItem, evidence_attach
from assessments.invitations import invitation_mark_done
from assessments.models import (
    Answer,
    Assessment,
    Evidence,
    EvidenceLevel,
    Invitation,
    VendorSession,
)
from assessments.portal.access import (
    vendor_assessment_for_write,
    vendor_question_get,
    vendor_session_ensure_live,
)
from assessments.questionnaire.structure import questionnaire_structure_by_id
from core.errors import ConflictError


@transaction.atomic
def vendor_answer_save(
    *,
    session: VendorSession,
    question_key: str,
    option_key: str | None = None,
    na: bool = False,
    explanation: str = "",
    expected_version: int | None = None,
) -> Answer:
    """Save an answer of an invited domain, as a claim of the contact. Questions outside the
    invited domains are 404 (vendor_question_get)."""
    assessment = vendor_assessment_for_write(session)
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    question = vendor_question_get(session, structure, question_key)
    # No evidence level is taken in: the vendor's word is a claim until someone backs it.
    change = AnswerChange(option_key or None, bool(na), explanation, EvidenceLevel.CLAIM)
    answer = answer_write(
        assessment=assessment,
        question=question,
        change=change,
        expected_version=expected_version,
        author=Author.vendor(session.invitation.contact),
    )
    summary_refresh_after(assessment, answer)
    return answer


def vendor_evidence_add(
    *,
    session: VendorSession,
    question_key: str,
    upload: UploadedFile | None = None,
    url: str = "",
    note: str = "",
) -> Evidence:
    """Attach evidence to a question of an invited domain, attributed to the contact."""
    vendor_session_ensure_live(session)
    assessment = session.invitation.assessment
    structure = questionnaire_structure_by_id(assessment.questionnaire_id)
    question = vendor_question_get(session, structure, question_key)
    return evidence_attach(
        author=Author.vendor(session.invitation.contact),
        assessment=assessment,
        question=question,
        item=EvidenceItem(upload, url, note),
        ensure_accepting=_ensure_vendor_accepting,
        lock=lambda: vendor_assessment_for_write(session),
    )


def _ensure_vendor_accepting(assessment: Assessment) -> None:
    """A vendor attaches evidence only while answers may change."""
    if not assessment.is_editable:
        raise ConflictError(
            NOT_ACCEPTING_EVIDENCE.format(status=assessment.get_status_display().lower()),
            current=None,
        )


@transaction.atomic
def vendor_mark_done(*, session: VendorSession) -> Invitation:
    """The vendor says their part is done; procurement hears of it by e-mail."""
    vendor_session_ensure_live(session)
    return invitation_mark_done(invitation_pk=session.invitation_id)
