"""Saving answers with optimistic locking: nobody's work is overwritten silently.

Every save carries the version it was based on. A stale version is refused with the server's copy
(the caller shows both and lets the person choose); a retry of a save that already went through is
recognised and answered with success instead of a false conflict.
"""

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils import timezone

from assessments.audit import Author, answer_values, audit_record
from assessments.models import Answer, Assessment, AuditAction, EvidenceLevel
from assessments.models.assessment import MAX_EXPLANATION_LENGTH
from assessments.questionnaire.structure import QuestionNode, questionnaire_structure_by_id
from assessments.selectors import assessment_get_for_user
from assessments.summary import summary_refresh
from core.compiled import CompiledQuery
from core.errors import ConflictError, NotAllowed, ServiceError
from core.permissions import can_review
from core.text import multi_line_text, normalised_text

UNKNOWN_QUESTION = "This questionnaire has no question with this key."
UNKNOWN_OPTION = "This option does not belong to the question."
NA_NOT_ALLOWED = "This question cannot be answered with N/A."
OPTION_AND_NA = "Choose an option or N/A, not both."
EXPLANATION_TOO_LONG = f"The explanation is longer than {MAX_EXPLANATION_LENGTH:,} characters."
UNKNOWN_EVIDENCE_LEVEL = "Unknown evidence level; use claim, documented, attested or verified."
EVIDENCE_LEVEL_RESERVED = (
    "Only an architect can mark an answer as independently attested or verified."
)
STALE_VERSION = "Someone else saved this answer after you loaded it."
VERSION_REQUIRED = "This answer already exists; send the version you are editing."
NOT_EDITABLE = (
    "This assessment is {status} and cannot be edited; answers can change only while it is a "
    "draft or when a reviewer has requested changes."
)
_ANSWER = CompiledQuery(
    lambda assessment, question: Answer.objects.filter(
        assessment_id=assessment, question_id=question
    )[:1],
    uuid.UUID(int=0xA55E55),
    -31_337,
)
# An architect's judgement on an answer: written only through the review actions.
REVIEWER_FIELDS = (
    "override_score",
    "override_justification",
    "finding_accepted",
    "acceptance_justification",
    "evidence_valid_until",
)
REVIEWER_FIELDS_REFUSED = (
    "Nothing was saved: {fields} can only be set by an architect, through the review actions."
)
USE_REVIEW_ACTIONS = (
    "Set this through the review actions (override, accept risk, evidence "
    "level), not with an answer save."
)
security_log = logging.getLogger("security")
REVIEWER_LEVELS = (EvidenceLevel.ATTESTED, EvidenceLevel.VERIFIED)


@dataclass(frozen=True)
class AnswerChange:
    option_key: str | None
    na: bool
    explanation: str
    """The author's own text: the buyer's notes from an internal user, the vendor's explanation
    from an invited contact (text_field); the other side's text is never touched."""
    evidence_level: str

    def __post_init__(self) -> None:
        # Stored and compared as typed text is (core/text.py): NFC, "\n" line ends.
        object.__setattr__(self, "explanation", normalised_text(self.explanation or ""))


def text_field(author: Author) -> str:
    """The Answer field an author's explanation goes into: a vendor contact writes its own
    (`vendor_explanation`), everyone else the buyer's notes (`explanation`)."""
    return "vendor_explanation" if author.contact is not None else "explanation"


def assessment_ensure_editable(assessment: Assessment) -> None:
    if not assessment.is_editable:
        raise ConflictError(
            NOT_EDITABLE.format(status=assessment.get_status_display().lower()), current=None
        )


def _validate(
    question: QuestionNode, change: AnswerChange, author: Author, existing: Answer | None
) -> None:
    errors: dict[str, list[str]] = {}
    if change.option_key and change.na:
        errors["option"] = [OPTION_AND_NA]
    elif change.option_key and question.option(change.option_key) is None:
        errors["option"] = [UNKNOWN_OPTION]
    if change.na and not question.allows_na:
        errors["na"] = [NA_NOT_ALLOWED]
    if len(change.explanation) > MAX_EXPLANATION_LENGTH:
        errors["text"] = [EXPLANATION_TOO_LONG]
    else:
        try:
            multi_line_text(change.explanation)
        except DjangoValidationError as refused:
            errors["text"] = refused.messages
    if change.evidence_level not in EvidenceLevel.values:
        errors["evidence_level"] = [UNKNOWN_EVIDENCE_LEVEL]
    elif (
        change.evidence_level in REVIEWER_LEVELS
        and not author.can_review()
        and (existing is None or existing.evidence_level != change.evidence_level)
    ):
        errors["evidence_level"] = [EVIDENCE_LEVEL_RESERVED]
    if errors:
        raise ServiceError("The answer was not saved.", field_errors=errors)


def _matches(answer: Answer, question: QuestionNode, change: AnswerChange, text: str) -> bool:
    current = question.option_by_id(answer.option_id)
    return (
        (current.key if current else None) == (change.option_key or None)
        and answer.is_na == change.na
        and getattr(answer, text) == change.explanation
        and answer.evidence_level == change.evidence_level
    )


def _locked_question(actor, assessment_pk, question_key: str) -> tuple[Assessment, QuestionNode]:
    # The access-checked getter also locks the row: the status check and the answer write are
    # serialised against status changes (submit) without a second query on this hot path.
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    question = questionnaire_structure_by_id(assessment.questionnaire_id).question(question_key)
    if question is None:
        raise ServiceError(UNKNOWN_QUESTION, field_errors={"question_key": [UNKNOWN_QUESTION]})
    return assessment, question


@transaction.atomic
def answer_save(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    question_key: str,
    option_key: str | None = None,
    na: bool = False,
    explanation: str = "",
    evidence_level: str = EvidenceLevel.CLAIM,
    expected_version: int | None = None,
) -> Answer:
    assessment, question = _locked_question(actor, assessment_pk, question_key)
    change = AnswerChange(option_key or None, bool(na), explanation, evidence_level)
    answer = answer_write(
        assessment=assessment,
        question=question,
        change=change,
        expected_version=expected_version,
        author=Author(user=actor),
    )
    summary_refresh_after(assessment, answer)
    return answer


def answer_reviewer_fields_refuse(
    *, actor: AbstractBaseUser, assessment_pk, sent: Iterable[str]
) -> None:
    """Refuses an answer save that carries reviewer-only fields, before anything is written.

    For a reviewer it is a mistake (400, pointing at the review actions); for anyone else it is
    an attempt to grant themselves a judgement, so it is refused (403), written to the
    assessment's history and to the security log."""
    fields = sorted(set(sent) & set(REVIEWER_FIELDS))
    if not fields:
        return
    if can_review(actor):
        errors = {field: [USE_REVIEW_ACTIONS] for field in fields}
        raise ServiceError(USE_REVIEW_ACTIONS, field_errors=errors)
    # The access check first: a user who cannot see the assessment gets 404, and no history row.
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk)
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.ANSWER_WRITE_REFUSED,
        new={"reviewer_fields": fields},
    )
    security_log.warning(
        "reviewer-only answer fields refused",
        extra={"user_id": actor.pk, "assessment_id": str(assessment.pk), "fields": fields},
    )
    raise NotAllowed(REVIEWER_FIELDS_REFUSED.format(fields=", ".join(fields)))


@transaction.atomic
def answer_patch(
    *,
    actor: AbstractBaseUser,
    assessment_pk,
    question_key: str,
    changes: dict,
    expected_version: int | None = None,
) -> Answer:
    """A partial save: the fields in `changes` (option, na, text, evidence_level) replace the
    stored ones, the others keep their saved values. The merge happens under the row lock, so a
    field nobody sent can never be reset by a concurrent save."""
    assessment, question = _locked_question(actor, assessment_pk, question_key)
    existing = _ANSWER.first(assessment.pk, question.id)
    saved = _stored_change(question, existing)
    option_key = changes.get("option", saved.option_key)
    na = changes.get("na", saved.na)
    if "option" in changes and option_key and "na" not in changes:
        na = False  # choosing an option answers the N/A question too
    if "na" in changes and na and "option" not in changes:
        option_key = None
    change = AnswerChange(
        option_key or None,
        bool(na),
        changes.get("text", saved.explanation),
        changes.get("evidence_level", saved.evidence_level),
    )
    answer = answer_write(
        assessment=assessment,
        question=question,
        change=change,
        expected_version=expected_version,
        author=Author(user=actor),
    )
    summary_refresh_after(assessment, answer)
    return answer


def _stored_change(question: QuestionNode, answer: Answer | None) -> AnswerChange:
    if answer is None:
        return AnswerChange(None, False, "", EvidenceLevel.CLAIM)
    return AnswerChange(
        _option_key(question, answer), answer.is_na, answer.explanation, answer.evidence_level
    )


def answer_write(
    *,
    assessment: Assessment,
    question: QuestionNode,
    change: AnswerChange,
    expected_version: int | None,
    author: Author,
) -> Answer:
    """The one way an answer's content changes, whoever writes it (a single save, a patch, a batch,
    the vendor's portal). Runs inside the caller's transaction, with the assessment's row locked
    by the caller's access-checked getter. The change's text goes into the author's own field
    (text_field): a vendor's save keeps the buyer's notes, and the buyer's the vendor's words."""
    assessment_ensure_editable(assessment)
    existing = _ANSWER.first(assessment.pk, question.id)
    if existing is not None:
        existing.assessment = assessment  # already loaded: no query when the caller reads it
    _validate(question, change, author, existing)
    text = text_field(author)

    if existing is not None and _matches(existing, question, change, text):
        existing.changes_summary = False
        return existing  # a replay of a save that already went through, or no change at all
    if existing is not None and expected_version is None:
        raise ConflictError(VERSION_REQUIRED, current=existing)
    if existing is not None and existing.version != expected_version:
        raise ConflictError(STALE_VERSION, current=existing)

    option = question.option(change.option_key)
    option_id = option.id if option else None
    old = answer_values(existing, _option_key(question, existing))
    answer = existing or Answer(assessment=assessment, question_id=question.id, version=0)
    # A reviewer's override and accepted risk judged the option chosen then; a different option
    # (which may raise a different finding) must not inherit them unseen.
    option_changed = (answer.option_id, answer.is_na) != (option_id, change.na)
    dropped = _review_judgement(answer) if option_changed else {}
    level = change.evidence_level
    if option_changed and level in REVIEWER_LEVELS and not author.can_review():
        # The attestation or our verification backed the old answer, not the new one.
        level = EvidenceLevel.CLAIM
        answer.evidence_valid_until = None
    text_changed = getattr(answer, text) != change.explanation
    # The claim belongs to whoever last chose the option (or, for a vendor, wrote anything); the
    # buyer's notes beside a vendor's answer, or a level change alone, leave it the vendor's.
    if author.contact is not None or option_changed:
        answer.answered_by_contact = author.contact
    content_changed = option_changed or text_changed
    # Whether the assessment's summary (scores, findings, review progress) can change: not for an
    # edit of the explanation alone, the commonest autosave, unless it undoes a review verdict.
    changes_summary = answer.pk is None or option_changed or level != answer.evidence_level
    if answer.pk is None or level != answer.evidence_level:
        answer.level_set_at = timezone.now()
    if content_changed and answer.reviewed_at is not None:
        changes_summary = True
        # The architect's verdict was on the answer as it was; they must look at it again.
        answer.reviewed_at, answer.reviewed_by = None, None
    answer.option_id = option_id
    answer.is_na = change.na
    setattr(answer, text, change.explanation)
    answer.evidence_level = level
    answer.updated_by = author.user
    answer.version += 1
    fields = [
        "option_id",
        "is_na",
        text,
        "evidence_level",
        "evidence_valid_until",
        "level_set_at",
        "reviewed_at",
        "reviewed_by",
        "updated_by",
        "answered_by_contact",
        "version",
        "updated_at",
    ]
    if dropped:
        answer.override_score, answer.override_justification, answer.override_by = None, "", None
        answer.finding_accepted, answer.acceptance_justification = False, ""
        answer.accepted_by = None
        fields += [
            "override_score",
            "override_justification",
            "override_by",
            "finding_accepted",
            "acceptance_justification",
            "accepted_by",
        ]
    if answer.pk is None:
        answer.save()
    else:
        answer.save(update_fields=fields)
    new = answer_values(answer, option.key if option else None)
    if dropped:
        old, new = {**old, **dropped}, {**new, "override_score": None, "finding_accepted": False}
    audit_record(
        assessment=assessment,
        actor=author,
        action=AuditAction.ANSWER_SAVED,
        question_key=question.key,
        old=old,
        new=new,
    )
    answer.changes_summary = changes_summary
    return answer


def summary_refresh_after(assessment: Assessment, *answers: Answer) -> None:
    """Refresh the assessment's summary if any of these writes (answer_write's) can change it."""
    if any(getattr(answer, "changes_summary", True) for answer in answers):
        summary_refresh(assessment=assessment)


def answer_row_ensure(*, assessment: Assessment, question: QuestionNode, author: Author) -> Answer:
    """The answer evidence hangs on, created empty when the question has none yet. Attaching
    evidence changes no content (that is answer_write's), so the version stays as it is."""
    answer, _ = Answer.objects.get_or_create(
        assessment=assessment,
        question_id=question.id,
        defaults={"updated_by": author.user, "answered_by_contact": author.contact},
    )
    return answer


def _review_judgement(answer: Answer) -> dict:
    """The reviewer's override and acceptance on an answer, for the audit trail; empty when the
    reviewer has made neither."""
    if answer.override_score is None and not answer.finding_accepted:
        return {}
    return {"override_score": answer.override_score, "finding_accepted": answer.finding_accepted}


def _option_key(question: QuestionNode, answer: Answer | None) -> str | None:
    if answer is None:
        return None
    option = question.option_by_id(answer.option_id)
    return option.key if option else None
