"""What a worker does with a report job: claim it, render it, store the PDF (or an export's
spreadsheet, reports/exports.py), or record why it failed. Runs only in a worker
(reports/tasks.py), never in a request."""

import hashlib
import time
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import Assessment
from core.metrics import report_job_finished
from reports.breaking import break_long_words
from reports.comparison import comparison_context
from reports.context import report_context
from reports.exports import ExportRefused, export_content
from reports.models import Report
from reports.pdf import RenderError, render_pdf_isolated
from reports.storage import artifact_save
from webhooks.payloads import report_data
from webhooks.services import webhook_event_emit

MAX_ATTEMPTS = 3


STALE_QUEUED = timedelta(minutes=2)
GAVE_UP = "The report failed {attempts} times in a row and was not tried again."


def _progress(report: Report, percent: int) -> None:
    Report.objects.filter(pk=report.pk).update(progress=percent, updated_at=timezone.now())


def _start(report_id, message_id: str = "") -> Report | None:
    """Claim the job for this message. None when there is nothing to do (already done, given
    up, or running under another message)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report_id)
        if report.status in (Report.Status.DONE, Report.Status.FAILED):
            return None  # a redelivered message for a finished job: exactly one artifact
        if (
            report.status == Report.Status.RUNNING
            and message_id
            and report.claimed_by
            and report.claimed_by != message_id
        ):
            # A duplicate (a sweep re-send, a late redelivery) while another message renders
            # the job. If that worker has died, the sweep re-queues the job once it goes quiet.
            return None
        if report.attempts >= MAX_ATTEMPTS:
            report.status = Report.Status.FAILED
            report.error = GAVE_UP.format(attempts=report.attempts)
            report.finished_at = timezone.now()
            report.save(update_fields=["status", "error", "finished_at", "updated_at"])
            report_job_finished(outcome="failed")
            return None
        report.status = Report.Status.RUNNING
        report.claimed_by = message_id
        report.attempts += 1
        report.started_at = timezone.now()
        report.progress = 5
        report.save(
            update_fields=[
                "status",
                "claimed_by",
                "attempts",
                "started_at",
                "progress",
                "updated_at",
            ]
        )
        return report


def report_html(report: Report, *, for_pdf: bool) -> tuple[str, str]:
    """The report's HTML and the sha256 of the scorecard it shows."""
    subjects = list(
        Assessment.objects.filter(pk__in=report.subject_ids).select_related(
            "offering__vendor", "questionnaire", "requester", "decided_by"
        )
    )
    ordered = sorted(subjects, key=lambda a: report.subject_ids.index(str(a.pk)))
    if report.kind == Report.Kind.COMPARISON:
        context = comparison_context(assessments=ordered, report_id=str(report.pk), for_pdf=for_pdf)
        template = "reports/comparison.html"
    else:
        context = report_context(assessment=ordered[0], report_id=str(report.pk), for_pdf=for_pdf)
        template = "reports/assessment.html"
    # Over-long words get break opportunities for the PDF only (issue 17): WeasyPrint lays such a
    # word out again for every line it fills, and leaves the U+200B out of the PDF's text. A
    # browser wraps long words cheaply with CSS, and would copy the U+200B along with a URL or hash.
    html = render_to_string(template, context)
    return (break_long_words(html) if for_pdf else html), context["scorecard_sha256"]


def report_render(*, report_id, message_id: str = "") -> Report | None:
    """The worker's whole job, run for one broker message (`message_id`, the Celery task id).
    RenderError ends the job as failed with its reason; any other exception propagates so the
    task can retry it."""
    report = _start(report_id, message_id)
    if report is None:
        return None
    if report.is_export:
        return _export(report)
    _injected_fault(report)
    html, scorecard_sha256 = report_html(report, for_pdf=True)
    _progress(report, 35)
    try:
        pdf = render_pdf_isolated(html)
    except RenderError as exc:
        report_fail(report_id=report.pk, reason=str(exc))
        return None
    _progress(report, 85)
    digest = hashlib.sha256(pdf).hexdigest()
    name = artifact_save(name=f"{report.pk}.pdf", content=pdf)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE,
        progress=100,
        artifact_name=name,
        sha256=digest,
        size=len(pdf),
        scorecard_sha256=scorecard_sha256,
        error="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    report_job_finished(outcome="done", started_at=report.started_at)
    report.refresh_from_db()
    webhook_event_emit(event="report.done", data=report_data(report))
    return report


def _export(report: Report) -> Report | None:
    """An export's spreadsheet, stored and finished like a PDF. ExportRefused ends the job as
    failed with its reason; anything else propagates to the task, as for a PDF. No webhook:
    `report.done` announces board reports."""
    _injected_fault(report)
    try:
        content = export_content(report)
    except ExportRefused as exc:
        report_fail(report_id=report.pk, reason=str(exc))
        return None
    _progress(report, 85)
    name = artifact_save(name=f"{report.pk}.{report.file_type.extension}", content=content)
    Report.objects.filter(pk=report.pk).update(
        status=Report.Status.DONE,
        progress=100,
        artifact_name=name,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        error="",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )
    report_job_finished(outcome="done", started_at=report.started_at)
    report.refresh_from_db()
    return report


def _injected_fault(report: Report) -> None:
    """Fault injection for the reliability tests (REPORTS_FAULT; never set in production):
    `slow:<seconds>` stretches the render so a test can kill the worker mid-job; `database`
    fails like a database outage on every attempt."""
    fault = settings.REPORTS_FAULT
    if fault.startswith("slow:"):
        _progress(report, 20)
        time.sleep(float(fault.split(":", 1)[1]))
    elif fault == "database":
        raise OperationalError("injected database outage")


def report_fail(*, report_id, reason: str) -> None:
    failed = (
        Report.objects.filter(pk=report_id)
        .exclude(status=Report.Status.DONE)
        .update(
            status=Report.Status.FAILED,
            error=reason[:2000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    )
    report_job_finished(outcome="failed", count=failed)


def reports_to_resend() -> list:
    """Jobs whose message never reached a worker (broker down at commit time) or whose worker
    vanished, put back in the queue; the sweep task sends them again. Rendering is idempotent, so
    a duplicate message is harmless."""
    now = timezone.now()
    stale = list(
        Report.objects.filter(status=Report.Status.QUEUED)
        .exclude(enqueued_at__gt=now - STALE_QUEUED)
        .values_list("pk", flat=True)
    ) + list(
        Report.objects.filter(
            status=Report.Status.RUNNING,
            updated_at__lt=now - timedelta(seconds=settings.REPORTS_STALE_RUNNING_SECONDS),
        ).values_list("pk", flat=True)
    )
    Report.objects.filter(pk__in=stale, status=Report.Status.RUNNING).update(
        status=Report.Status.QUEUED
    )
    return stale
