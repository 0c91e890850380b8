"""Thin Celery tasks for vendor invitations: load, build the e-mail, send, record.

Mail servers fail transiently; each task retries with backoff. A retry after a send that went
through but was not recorded sends the mail twice, which is better than not at all.
"""

import logging
from smtplib import SMTPException

from celery import shared_task
from django.utils import timezone

from assessments.invitation_mail import done_message, invitation_message, reminder_message
from assessments.models import Invitation, ReminderLog
from assessments.services.evidence_scan import evidence_rescan_pending
from assessments.services.invitations import invitation_mark_sent, token_hash
from assessments.services.reminders import reminders_send

logger = logging.getLogger(__name__)

RETRY = {"autoretry_for": (SMTPException, OSError), "retry_backoff": True, "max_retries": 5}


def _invitation(invitation_id: str) -> Invitation | None:
    return (
        Invitation.objects.select_related(
            "contact", "created_by", "assessment__offering__vendor", "assessment__requester"
        )
        .filter(pk=invitation_id)
        .first()
    )


@shared_task(name="assessments.send_invitation", **RETRY)
def send_invitation(invitation_id: str, token: str) -> None:
    # The token travels in the message because nothing else has it: the database keeps only its
    # hash, so this task could not rebuild the link. The message is gone once a worker has
    # acknowledged it (the filesystem broker keeps no processed copies).
    invitation = _invitation(invitation_id)
    if invitation is None or invitation.token_hash != token_hash(token):
        return  # deleted, or resent since: this link no longer works, so it is not sent
    if invitation.status != Invitation.Status.PENDING:
        return  # revoked or expired before the mail went out
    invitation_message(invitation, token).send()
    invitation_mark_sent(invitation_id=invitation_id)


@shared_task(name="assessments.send_done_notice", **RETRY)
def send_done_notice(invitation_id: str) -> None:
    invitation = _invitation(invitation_id)
    message = done_message(invitation) if invitation is not None else None
    if message is None:
        logger.warning("no procurement address to tell that invitation %s is done", invitation_id)
        return
    message.send()


@shared_task(name="assessments.send_reminder", **RETRY)
def send_reminder(log_id: str) -> None:
    log = ReminderLog.objects.filter(pk=log_id).first()
    invitation = _invitation(log.invitation_id) if log is not None else None
    if invitation is None:
        return
    log.invitation = invitation
    message = reminder_message(log)
    if message is not None:
        message.send()


@shared_task(name="assessments.send_reminders", ignore_result=True)
def send_reminders() -> int:
    """Daily (CELERY_BEAT_SCHEDULE); running it twice sends nothing twice."""
    return reminders_send(today=timezone.localdate())


@shared_task(name="assessments.rescan_pending_evidence", ignore_result=True)
def rescan_pending_evidence() -> dict[str, int]:
    """Every few minutes (CELERY_BEAT_SCHEDULE): files stored while the malware scanner was down.
    Overlapping runs are harmless: a verdict is recorded only on a file still pending."""
    return evidence_rescan_pending()
