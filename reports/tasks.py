"""Thin Celery tasks: take an id, call what a worker does (reports/rendering.py), own retries and
the failure state. `report_enqueue` is how the services hand a job over."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import DatabaseError
from django.utils import timezone

from reports.models import Report
from reports.rendering import MAX_ATTEMPTS, report_fail, report_render, reports_to_resend

logger = logging.getLogger(__name__)

SOFT_LIMIT = 150
HARD_LIMIT = 180  # well below the broker's visibility timeout (CELERY_VISIBILITY_TIMEOUT)
TIMEOUT_MESSAGE = f"The report took longer than {SOFT_LIMIT} seconds and was stopped."


@shared_task(
    bind=True,
    name="reports.render",
    queue="reports",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=SOFT_LIMIT,
    time_limit=HARD_LIMIT,
    max_retries=MAX_ATTEMPTS,
)
def render_report(self, report_id: str) -> None:
    try:
        report_render(report_id=report_id, message_id=self.request.id or "")
    except SoftTimeLimitExceeded:
        report_fail(report_id=report_id, reason=TIMEOUT_MESSAGE)
    except DatabaseError as exc:
        # Transient (a database restart, a lock timeout): back off and try again, up to the cap.
        if self.request.retries >= MAX_ATTEMPTS - 1:
            report_fail(report_id=report_id, reason=f"Database unavailable: {exc}"[:500])
            return
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    except Exception as exc:
        logger.exception("report %s failed", report_id)
        report_fail(report_id=report_id, reason=f"Unexpected error: {type(exc).__name__}")


@shared_task(name="reports.sweep", queue="default", ignore_result=True)
def sweep_reports() -> int:
    stale = reports_to_resend()
    for report_id in stale:
        report_enqueue(report_id)
    return len(stale)


def report_enqueue(report_id) -> None:
    """Hand a job to the workers. A broker outage is logged, not raised: the job stays queued
    and the sweep sends it again."""
    try:
        render_report.apply_async(args=[str(report_id)], retry=False)
    except Exception:
        logger.warning(
            "report %s could not be enqueued; the sweep will retry", report_id, exc_info=True
        )
        return
    Report.objects.filter(pk=report_id).update(enqueued_at=timezone.now())
