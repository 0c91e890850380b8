"""What the e-mail tasks record once a mail has gone out."""

from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import AuditAction, Invitation


def _locked(pk) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("contact", "assessment")
        .get(pk=pk)
    )


@transaction.atomic
def invitation_mark_sent(*, invitation_id) -> None:
    invitation = _locked(invitation_id)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at", "updated_at"])
    audit_record(
        assessment=invitation.assessment,
        actor=None,
        action=AuditAction.INVITATION_SENT,
        new={"invitation": str(invitation.pk), "to": invitation.contact.email},
    )
