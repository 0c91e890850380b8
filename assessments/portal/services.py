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
from assessments.invitations import Unanswered, invitation_mark_done, invitation_unanswered
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
from core.errors import ConflictError, ServiceError
from webhooks.payloads import assessment_data
from webhooks.services import webhook_event_emit

UNANSWERED_ONE = (
    "1 question you were asked has no answer yet: mark your part as done anyway, or go back and "
    "answer it first."
)
UNANSWERED_MANY = (
    "{count} questions you were asked have no answer yet: mark your part as done anyway, or go "
    "back and answer them first."
)


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
    """Save an answer of an invited domain, as a claim of the contact. `explanation` is the
    vendor's own (Answer.vendor_explanation, answer_write's text_field): the buyer's notes on the
    same answer are kept. Questions outside the invited domains are 404 (vendor_question_get)."""
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


class UnansweredRemain(ServiceError):
    """ "Done" was asked with questions still open: the vendor confirms (or goes back) first."""

    def __init__(self, unanswered: list[Unanswered]) -> None:
        count = len(unanswered)
        super().__init__(UNANSWERED_ONE if count == 1 else UNANSWERED_MANY.format(count=count))
        self.unanswered = unanswered


@transaction.atomic
def vendor_mark_done(*, session: VendorSession, confirmed: bool = False) -> Invitation:
    """The vendor says their part is done; procurement hears of it by e-mail. With questions of
    the invited domains still unanswered it needs `confirmed` (UnansweredRemain lists them), and
    the open ones are recorded with it."""
    vendor_session_ensure_live(session)
    invitation = session.invitation
    open_questions = [] if invitation.done_at else invitation_unanswered(invitation)
    if open_questions and not confirmed:
        raise UnansweredRemain(open_questions)
    invitation = invitation_mark_done(
        invitation_pk=session.invitation_id, unanswered=[q.key for q in open_questions]
    )
    webhook_event_emit(
        event="invitation.completed",
        data={"invitation": {"id": str(invitation.pk)}, **assessment_data(invitation.assessment)},
    )
    return invitation
