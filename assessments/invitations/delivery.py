"""What the e-mail tasks record once a mail has gone out."""

from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.invitations.selectors import invitation_for_update
from assessments.models import AuditAction


@transaction.atomic
def invitation_mark_sent(*, invitation_id) -> None:
    invitation = invitation_for_update(invitation_id)
    invitation.sent_at = timezone.now()
    invitation.save(update_fields=["sent_at", "updated_at"])
    audit_record(
        assessment=invitation.assessment,
        actor=None,
        action=AuditAction.INVITATION_SENT,
        new={"invitation": str(invitation.pk), "to": invitation.contact.email},
    )
