"""Thin Celery tasks for vendor invitations: load, build the e-mail, send, record.

Mail servers fail transiently; each task retries with backoff. A retry after a send that went
through but was not recorded sends the mail twice, which is better than not at all."""

import logging
from datetime import date
from functools import partial
from smtplib import SMTPException

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from assessments.invitations.delivery import invitation_mark_not_sent, invitation_mark_sent
from assessments.invitations.mail import done_message, invitation_message, reminder_message
from assessments.invitations.reminders import reminder_record, reminders_due
from assessments.invitations.tokens import token_hash
from assessments.models import Invitation, ReminderLog

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


RETRYING = "The mail server could not take it ({error}); trying again."
GAVE_UP = (
    "The mail server could not take it after {tries} tries ({error}). Use Resend to send it again."
)
UNBUILDABLE = (
    "The mail could not be written ({error}). Check the contact's address, then use Resend."
)


@shared_task(name="assessments.send_invitation", bind=True, **RETRY)
def send_invitation(self, invitation_id: str, token: str) -> None:
    # The token travels in the message because nothing else has it: the database keeps only its
    # hash, so this task could not rebuild the link. The message is gone once a worker has
    # acknowledged it (the filesystem broker keeps no processed copies).
    invitation = _invitation(invitation_id)
    if invitation is None or invitation.token_hash != token_hash(token):
        return  # deleted, or resent since: this link no longer works, so it is not sent
    if invitation.status != Invitation.Status.PENDING:
        return  # revoked or expired before the mail went out
    try:
        invitation_message(invitation, token).send()
    except (SMTPException, OSError) as error:
        last = self.request.retries >= RETRY["max_retries"]
        reason = GAVE_UP if last else RETRYING
        invitation_mark_not_sent(
            invitation_id=invitation_id,
            reason=reason.format(error=type(error).__name__, tries=self.request.retries + 1),
        )
        raise  # retried with backoff (RETRY)
    except ValueError as error:  # a header Django refuses, an address it cannot encode
        invitation_mark_not_sent(
            invitation_id=invitation_id, reason=UNBUILDABLE.format(error=error)
        )
        return
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
def send_reminders(today: str | None = None) -> int:
    """Daily (CELERY_BEAT_SCHEDULE): queue the reminders due `today` (ISO date; default the
    local date). Running it twice sends nothing twice: each reminder is recorded once before its
    e-mail is queued. Answers how many were queued."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    queued = 0
    for invitation, kind in reminders_due(today=day):
        log = reminder_record(invitation=invitation, kind=kind)
        if log is not None:
            transaction.on_commit(partial(mail_enqueue, send_reminder, str(log.pk)))
            queued += 1
    return queued


def mail_enqueue(task, *args: str) -> None:
    """Hand an e-mail to Celery (the services call this after their commit). A broker outage must
    not undo the change; the invitation then shows as not sent and procurement can resend it."""
    try:
        task.apply_async(args=list(args), retry=False)
    except Exception:
        # Never log the arguments: the invitation e-mail's arguments include the token.
        logger.exception("could not enqueue %s", task.name)
