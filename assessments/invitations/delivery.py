"""What the e-mail tasks record once a mail has gone out."""

import logging

from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.invitations.selectors import invitation_for_update
from assessments.models import AuditAction, Invitation

logger = logging.getLogger(__name__)


@transaction.atomic
def invitation_mark_sent(*, invitation_id) -> None:
    invitation = invitation_for_update(invitation_id)
    invitation.sent_at = timezone.now()
    invitation.send_error = ""
    invitation.save(update_fields=["sent_at", "send_error", "updated_at"])
    audit_record(
        assessment=invitation.assessment,
        actor=None,
        action=AuditAction.INVITATION_SENT,
        new={"invitation": str(invitation.pk), "to": invitation.contact.email},
    )


def invitation_mark_not_sent(*, invitation_id, reason: str) -> None:
    """Records why the link's mail did not go out, for the person who invited; in a transaction
    of its own, so a task that fails next keeps it."""
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation_id, sent_at__isnull=True).update(
            send_error=reason[:300], updated_at=timezone.now()
        )
    logger.warning("invitation %s not sent: %s", invitation_id, reason)
