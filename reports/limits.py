"""What one user may put on the report queue: the rules the report services check before a job is
queued. No one can fill the `reports` queue alone (REPORTS_QUEUED_PER_USER), and a report that
keeps failing cannot keep a report worker busy (REPORTS_RETRIES_PER_HOUR); only its requester or
an admin may retry it at all."""

import math
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils import timezone

from core.errors import NotAllowed, TooManyRequests
from core.permissions import can_retry_any_report
from reports.models import Report, ReportRetry

RETRY_WINDOW = timedelta(hours=1)

QUEUE_FULL = (
    "You have {waiting} waiting or being made, the most one person may have at once. "
    "Try again when one of them has finished."
)
RETRIES_USED = (
    "This report has been retried {retries} in the last hour, the most allowed. "
    "Try again in {wait}."
)
NOT_YOURS = "Only the person who requested this report, or an administrator, can retry it."


def report_queue_check(*, actor: AbstractBaseUser) -> None:
    """Refuse a job that would give `actor` more than REPORTS_QUEUED_PER_USER queued or running.
    Call inside the transaction that queues the job."""
    # Two requests at once must not both see room for one more: they take turns on the user's row.
    list(get_user_model().objects.select_for_update().filter(pk=actor.pk).values_list("pk"))
    waiting = Report.objects.filter(
        requested_by=actor, status__in=(Report.Status.QUEUED, Report.Status.RUNNING)
    ).count()
    if waiting >= settings.REPORTS_QUEUED_PER_USER:
        raise TooManyRequests(QUEUE_FULL.format(waiting=_count(waiting, "report")))


def report_retry_allowed(*, actor: AbstractBaseUser, report: Report) -> bool:
    """Whoever requested the report may retry it, an admin any."""
    return report.requested_by_id == actor.pk or can_retry_any_report(actor)


def report_retry_permission_check(*, actor: AbstractBaseUser, report: Report) -> None:
    if not report_retry_allowed(actor=actor, report=report):
        raise NotAllowed(NOT_YOURS)


def report_retry_rate_check(*, report: Report) -> None:
    """Refuse a retry past REPORTS_RETRIES_PER_HOUR in the last hour. Call with the report's row
    locked, and record the retry (ReportRetry) in the same transaction."""
    since = timezone.now() - RETRY_WINDOW
    recent = list(
        ReportRetry.objects.filter(report=report, created_at__gt=since).values_list(
            "created_at", flat=True
        )
    )
    if len(recent) >= settings.REPORTS_RETRIES_PER_HOUR:
        # The oldest retry in the window is the first to age out of it.
        free_at = min(recent, default=timezone.now()) + RETRY_WINDOW
        minutes = max(1, math.ceil((free_at - timezone.now()).total_seconds() / 60))
        raise TooManyRequests(
            RETRIES_USED.format(retries=_count(len(recent), "time"), wait=_count(minutes, "minute"))
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
