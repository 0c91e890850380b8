"""Reminders for vendor invitations, run daily by Celery beat (assessments.tasks.send_reminders).

Vendor contacts are reminded 7, 3 and 1 days before the assessment's due date while their part is
not done; procurement hears once about each invitation still not done after it. A ReminderLog row
per (invitation, kind) makes every reminder happen once, however often the job runs.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from assessments.models import Invitation, ReminderLog
from assessments.services.answers import EDITABLE_STATUSES
from assessments.services.audit import audit_record
from assessments.services.invitations import enqueue_mail

REMINDER_DAYS = (7, 3, 1)  # before the assessment's due date
OVERDUE = "overdue"


def _reminder_kind(invitation: Invitation, today: date, now) -> str | None:
    days_left = (invitation.assessment.due_date - today).days
    if days_left < 0:
        return OVERDUE
    if days_left <= max(REMINDER_DAYS) and invitation.expires_at > now:
        # The nearest threshold not yet passed: a day the job did not run is caught up once,
        # and never with an earlier, less urgent reminder after a later one.
        return f"due-{min(d for d in REMINDER_DAYS if days_left <= d)}"
    return None


def reminders_send(*, today: date) -> int:
    """Remind vendor contacts 7, 3 and 1 days before the due date, and tell procurement about
    invitations still not done after it. Each (invitation, kind) is sent once, however often
    this runs (ReminderLog). Returns how many reminders were queued."""
    now = timezone.now()
    candidates = (
        Invitation.objects.filter(
            revoked_at__isnull=True,
            done_at__isnull=True,
            assessment__status__in=EDITABLE_STATUSES,
            assessment__due_date__isnull=False,
            assessment__due_date__lte=today + timedelta(days=max(REMINDER_DAYS)),
        )
        .exclude(  # told once already: no need to look at it every day from now on
            assessment__due_date__lt=today, reminders__kind=OVERDUE
        )
        .select_related("assessment", "contact")
    )
    queued = 0
    for invitation in candidates:
        kind = _reminder_kind(invitation, today, now)
        if kind is None:
            continue
        with transaction.atomic():
            log, created = ReminderLog.objects.get_or_create(invitation=invitation, kind=kind)
            if not created:
                continue
            audit_record(
                assessment=invitation.assessment,
                actor=None,
                action="invitation.overdue_notice" if kind == OVERDUE else "invitation.reminded",
                new={
                    "invitation": str(invitation.pk),
                    "kind": kind,
                    "due_date": invitation.assessment.due_date.isoformat(),
                },
            )
            log_id = str(log.pk)
            transaction.on_commit(lambda log_id=log_id: enqueue_mail("send_reminder", log_id))
        queued += 1
    return queued
