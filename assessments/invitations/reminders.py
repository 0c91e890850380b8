"""Reminders for vendor invitations, run daily by Celery beat (send_reminders in tasks.py).

Vendor contacts are reminded 7, 3 and 1 days before the assessment's due date while their part is
not done; procurement hears once about each invitation still not done after it. A ReminderLog row
per (invitation, kind) makes every reminder happen once, however often the job runs.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from assessments.audit import audit_record
from assessments.models import AuditAction, Invitation, ReminderLog
from assessments.workflow import EDITABLE

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


def reminders_due(*, today: date) -> list[tuple[Invitation, str]]:
    """The reminders due today: vendor contacts 7, 3 and 1 days before the assessment's due date,
    procurement once an invitation is still not done after it. (invitation, kind) pairs; one
    already sent is left out by reminder_record, not here."""
    now = timezone.now()
    candidates = (
        Invitation.objects.filter(
            revoked_at__isnull=True,
            done_at__isnull=True,
            assessment__status__in=EDITABLE,
            assessment__due_date__isnull=False,
            assessment__due_date__lte=today + timedelta(days=max(REMINDER_DAYS)),
        )
        .exclude(  # told once already: no need to look at it every day from now on
            assessment__due_date__lt=today, reminders__kind=OVERDUE
        )
        .select_related("assessment", "contact")
    )
    due = []
    for invitation in candidates:
        kind = _reminder_kind(invitation, today, now)
        if kind is not None:
            due.append((invitation, kind))
    return due


@transaction.atomic
def reminder_record(*, invitation: Invitation, kind: str) -> ReminderLog | None:
    """Record that this reminder goes out, once per (invitation, kind) however often the daily
    job runs: None when it was recorded before."""
    log, created = ReminderLog.objects.get_or_create(invitation=invitation, kind=kind)
    if not created:
        return None
    audit_record(
        assessment=invitation.assessment,
        actor=None,
        action=AuditAction.INVITATION_OVERDUE_NOTICE
        if kind == OVERDUE
        else AuditAction.INVITATION_REMINDED,
        new={
            "invitation": str(invitation.pk),
            "kind": kind,
            "due_date": invitation.assessment.due_date.isoformat(),
        },
    )
    return log
