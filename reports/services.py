"""Report jobs: request, render (in a worker), retry, sweep. Renders never happen in a request."""

import hashlib
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import OperationalError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.models import Assessment, AuditEvent
from assessments.services.audit import audit_record
from assessments.services.errors import ConflictError, ServiceError
from core.metrics import report_job_finished
from reports.comparison import COMPARISON_MAX, COMPARISON_MIN, comparison_context
from reports.context import report_context
from reports.models import Report
from reports.pdf import RenderError, render_pdf_isolated
from reports.storage import artifact_save, report_storage

logger = logging.getLogger(__name__)

# Bump when the report's template or context changes what a PDF shows: new content, new artifact.
TEMPLATE_VERSION = 1
MAX_ATTEMPTS = 3
STALE_QUEUED = timedelta(minutes=2)

COMPARISON_SIZE = f"Choose between {COMPARISON_MIN} and {COMPARISON_MAX} assessments to compare."
COMPARISON_VERSIONS = "Only assessments answered against the same questionnaire version compare."
NOT_FAILED = "Only a failed report can be retried."
GAVE_UP = "The report failed {attempts} times in a row and was not tried again."
REQUESTED_ACTION = "report.requested"


def _content_key(kind: str, assessments: list[Assessment]) -> str:
    """Everything a report shows about an assessment changes its audit trail or status, so the
    last audit event per subject identifies the content (plus the template's version). Requests
    for reports are left out: they are audited too, and counting them would make every repeated
    request look like new content. The vendor's and offering's names live outside the trail."""
    last_events = dict(
        AuditEvent.objects.filter(assessment__in=assessments)
        .exclude(action=REQUESTED_ACTION)
        .values_list("assessment_id")
        .annotate(last=Max("id"))
        .values_list("assessment_id", "last")
    )
    state = [
        [
            str(a.pk),
            a.status,
            last_events.get(a.pk),
            a.offering.vendor.name,
            a.offering.name,
            a.offering.deployment_model,
        ]
        for a in assessments
    ]
    payload = json.dumps([kind, TEMPLATE_VERSION, state], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()


def _enqueue(report_id) -> None:
    from reports.tasks import render_report

    try:
        render_report.apply_async(args=[str(report_id)], retry=False)
    except Exception:
        logger.warning(
            "report %s could not be enqueued; the sweep will retry", report_id, exc_info=True
        )
        return
    Report.objects.filter(pk=report_id).update(enqueued_at=timezone.now())


def _request(*, actor, kind: str, assessments: list[Assessment]) -> tuple[Report, bool]:
    key = _content_key(kind, assessments)
    report, created = Report.objects.get_or_create(
        kind=kind,
        content_key=key,
        defaults={
            "subject_ids": [str(a.pk) for a in assessments],
            "requested_by": actor,
            "assessment": assessments[0] if kind == Report.Kind.ASSESSMENT else None,
        },
    )
    if not created and _artifact_lost(report):
        report, created = _requeue_lost(report), True
    if created:
        transaction.on_commit(lambda: _enqueue(report.pk))
        for assessment in assessments:
            audit_record(
                assessment=assessment,
                actor=actor,
                action=REQUESTED_ACTION,
                new={"report": str(report.pk), "kind": kind},
            )
    return report, created


def _artifact_lost(report: Report) -> bool:
    """A finished report whose PDF is gone from storage — a database restored without its files.
    (A PDF that is present but altered is not re-made: that needs an administrator's look.)"""
    return report.status == Report.Status.DONE and not report_storage().exists(report.artifact_name)


def _requeue_lost(report: Report) -> Report:
    """Render the same content again: the same report id, so links already shared keep working."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    logger.warning(
        "report %s: its PDF %s is missing from storage; rendering it again",
        report.pk,
        report.artifact_name,
    )
    report.status = Report.Status.QUEUED
    report.progress = report.attempts = 0
    report.artifact_name = report.sha256 = report.error = report.claimed_by = ""
    report.size = 0
    report.enqueued_at = report.started_at = report.finished_at = None
    report.save()
    return report


@transaction.atomic
def report_request(*, actor: AbstractBaseUser, assessment: Assessment) -> tuple[Report, bool]:
    """One job per distinct content: asking again for an unchanged assessment returns the same
    report (and its artifact) instead of rendering it twice."""
    return _request(actor=actor, kind=Report.Kind.ASSESSMENT, assessments=[assessment])


@transaction.atomic
def comparison_request(
    *, actor: AbstractBaseUser, assessments: list[Assessment]
) -> tuple[Report, bool]:
    unique = list({a.pk: a for a in assessments}.values())
    if not COMPARISON_MIN <= len(unique) <= COMPARISON_MAX:
        raise ServiceError(COMPARISON_SIZE, field_errors={"assessments": [COMPARISON_SIZE]})
    if len({a.questionnaire_id for a in unique}) != 1:
        raise ServiceError(COMPARISON_VERSIONS, field_errors={"assessments": [COMPARISON_VERSIONS]})
    return _request(actor=actor, kind=Report.Kind.COMPARISON, assessments=unique)


@transaction.atomic
def report_retry(*, actor: AbstractBaseUser, report: Report) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.FAILED:
        raise ConflictError(NOT_FAILED, current=None)
    report.status = Report.Status.QUEUED
    report.error = ""
    report.progress = 0
    report.attempts = 0
    report.enqueued_at = None
    report.save(
        update_fields=["status", "error", "progress", "attempts", "enqueued_at", "updated_at"]
    )
    transaction.on_commit(lambda: _enqueue(report.pk))
    return report


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
    return render_to_string(template, context), context["scorecard_sha256"]


def report_render(*, report_id, message_id: str = "") -> Report | None:
    """The worker's whole job, run for one broker message (`message_id`, the Celery task id).
    RenderError ends the job as failed with its reason; any other exception propagates so the
    task can retry it."""
    report = _start(report_id, message_id)
    if report is None:
        return None
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


def reports_sweep() -> int:
    """Re-send jobs whose message never reached a worker (broker down at commit time) or whose
    worker vanished; rendering is idempotent, so a duplicate message is harmless."""
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
    for report_id in stale:
        _enqueue(report_id)
    return len(stale)
