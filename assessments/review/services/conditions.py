"""After an approval with conditions: marking a condition of approval done, with a note that says
how it was met. Adding conditions belongs to the review (decision.py); this is what follows it."""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import Assessment, AuditAction, Condition
from assessments.models.review import MAX_DONE_NOTE_LENGTH
from assessments.review.services.guards import reviewer_require
from assessments.selectors import assessment_get_for_user
from core.errors import ConflictError, ServiceError
from core.text import typed_text_require

DONE_NOTE_REQUIRED = "Say how the condition was met (at least 10 characters)."
DONE_NOTE_TOO_LONG = f"Keep the note under {MAX_DONE_NOTE_LENGTH:,} characters."
DONE_ALREADY = "This condition was already marked done."
DONE_NOT_APPROVED = (
    "Conditions are marked done once the assessment is approved with conditions; this one is "
    "{status}."
)
MIN_DONE_NOTE = 10


def done_note_clean(note: str) -> str:
    note = typed_text_require(note=(note, True))["note"].strip()
    if len(note) < MIN_DONE_NOTE:
        raise ServiceError(DONE_NOTE_REQUIRED, field_errors={"note": [DONE_NOTE_REQUIRED]})
    if len(note) > MAX_DONE_NOTE_LENGTH:
        raise ServiceError(DONE_NOTE_TOO_LONG, field_errors={"note": [DONE_NOTE_TOO_LONG]})
    return note


@transaction.atomic
def condition_mark_done(
    *, actor: AbstractBaseUser, assessment_pk, condition_id: int, note: str
) -> Condition:
    """Record that a condition of approval is met: who, when and how, audited on its assessment.

    Architects and admins only. The assessment is reached through the access-checked getter and
    the condition only through its assessment, so an id from elsewhere is a 404 like any other.
    """
    reviewer_require(actor)
    assessment = assessment_get_for_user(user=actor, pk=assessment_pk, for_write=True)
    condition = (
        Condition.objects.select_for_update().filter(pk=condition_id, assessment=assessment).first()
    )
    if condition is None:
        raise Http404("No such condition.")
    if assessment.status != Assessment.Status.APPROVED_WITH_CONDITIONS:
        label = Assessment.Status(assessment.status).label.lower()
        raise ConflictError(DONE_NOT_APPROVED.format(status=label), current=None)
    if condition.done_at is not None:
        raise ConflictError(DONE_ALREADY, current=None)
    note = done_note_clean(note)
    condition.done_at = timezone.now()
    condition.done_by = actor
    condition.done_note = note
    condition.save(update_fields=["done_at", "done_by", "done_note", "updated_at"])
    audit_record(
        assessment=assessment,
        actor=actor,
        action=AuditAction.CONDITION_DONE,
        old={"text": condition.text, "owner": condition.owner, "done": False},
        new={
            "text": condition.text,
            "owner": condition.owner,
            "due_date": str(condition.due_date or ""),
            "done": True,
            "note": note,
        },
    )
    return condition
