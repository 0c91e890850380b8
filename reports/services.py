"""Report jobs as users ask for them: request, compare, export, retry. The job is handed to a
worker (reports/tasks.py, which runs reports/rendering.py); no PDF is ever rendered, and no large
export written, in a request. What one user may queue, and who may retry, is checked in
reports/limits.py."""

import hashlib
import json
import logging
import uuid

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max

from assessments.audit import audit_record
from assessments.models import Assessment, AuditAction, AuditEvent
from assessments.portfolio import PortfolioQuery, portfolio_assessments
from core.errors import ConflictError, ServiceError
from reports import tasks
from reports.comparison import COMPARISON_MAX, COMPARISON_MIN
from reports.limits import (
    report_queue_check,
    report_retry_permission_check,
    report_retry_rate_check,
)
from reports.models import (
    ANSWER_EXPORTS,
    EXPORT_KINDS,
    PORTFOLIO_EXPORTS,
    Report,
    ReportRetry,
)
from reports.storage import report_storage

logger = logging.getLogger(__name__)


# Bump when the report's template or context changes what a PDF shows: new content, new artifact.
TEMPLATE_VERSION = 2  # 2: the decision brief, charts with legends, the colophon


COMPARISON_SIZE = f"Choose between {COMPARISON_MIN} and {COMPARISON_MAX} assessments to compare."


COMPARISON_VERSIONS = "Only assessments answered against the same questionnaire version compare."


NOT_FAILED = "Only a failed report can be retried."


NOTHING_TO_EXPORT = "No assessment matches these filters, so there is nothing to export."


REQUESTED_ACTION = AuditAction.REPORT_REQUESTED

# The kinds about one assessment, listed on its page (Report.assessment).
ONE_ASSESSMENT = frozenset({Report.Kind.ASSESSMENT, *ANSWER_EXPORTS.values()})


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


def _request(
    *, actor, kind: str, assessments: list[Assessment], parameters: dict | None = None
) -> tuple[Report, bool]:
    key = _content_key(kind, assessments)
    report = Report.objects.filter(kind=kind, content_key=key).first()
    if report is not None and not _artifact_lost(report):
        return report, False  # the same content again: the same job, so nothing new is queued
    report_queue_check(actor=actor)
    if report is not None:
        report = _requeue_lost(report)
    else:
        report, created = Report.objects.get_or_create(
            kind=kind,
            content_key=key,
            defaults={
                "subject_ids": [str(a.pk) for a in assessments],
                "requested_by": actor,
                "assessment": assessments[0] if kind in ONE_ASSESSMENT else None,
                "parameters": parameters or {},
            },
        )
        if not created:
            return report, False  # a simultaneous request for the same content made it
    transaction.on_commit(lambda: tasks.report_enqueue(report.pk))
    if kind in EXPORT_KINDS:
        # An export changes nothing, and its job row records who asked for what and when; the
        # history's "requested a board report" would be untrue.
        return report, True
    for assessment in assessments:
        audit_record(
            assessment=assessment,
            actor=actor,
            action=REQUESTED_ACTION,
            new={"report": str(report.pk), "kind": kind},
        )
    return report, True


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
    report (and its artifact) instead of rendering it twice. A new job is refused
    (TooManyRequests) while the actor has REPORTS_QUEUED_PER_USER queued or running."""
    return _request(actor=actor, kind=Report.Kind.ASSESSMENT, assessments=[assessment])


@transaction.atomic
def comparison_request(
    *, actor: AbstractBaseUser, assessments: list[Assessment]
) -> tuple[Report, bool]:
    # One order for the same set, whatever order they were picked in: the same content is the
    # same job (and the same PDF), and the table reads alphabetically.
    unique = sorted(
        {a.pk: a for a in assessments}.values(),
        key=lambda a: (a.offering.vendor.name.casefold(), a.offering.name.casefold(), str(a.pk)),
    )
    if not COMPARISON_MIN <= len(unique) <= COMPARISON_MAX:
        raise ServiceError(COMPARISON_SIZE, field_errors={"assessments": [COMPARISON_SIZE]})
    if len({a.questionnaire_id for a in unique}) != 1:
        raise ServiceError(COMPARISON_VERSIONS, field_errors={"assessments": [COMPARISON_VERSIONS]})
    return _request(actor=actor, kind=Report.Kind.COMPARISON, assessments=unique)


@transaction.atomic
def report_retry(*, actor: AbstractBaseUser, report: Report) -> Report:
    """Queue a failed report again. Only its requester or an admin may (NotAllowed), at most
    REPORTS_RETRIES_PER_HOUR times an hour, and within the actor's queue quota
    (TooManyRequests): the job goes back on the queue like a new one."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    report_retry_permission_check(actor=actor, report=report)
    if report.status != Report.Status.FAILED:
        raise ConflictError(NOT_FAILED, current=None)
    report_retry_rate_check(report=report)
    report_queue_check(actor=actor)
    ReportRetry.objects.create(report=report, actor=actor)
    report.status = Report.Status.QUEUED
    report.error = ""
    report.progress = 0
    report.attempts = 0
    report.enqueued_at = None
    report.save(
        update_fields=["status", "error", "progress", "attempts", "enqueued_at", "updated_at"]
    )
    transaction.on_commit(lambda: tasks.report_enqueue(report.pk))
    return report


@transaction.atomic
def answers_export_request(
    *, actor: AbstractBaseUser, assessment: Assessment, file_format: str, rows: int
) -> tuple[Report, bool]:
    """An assessment's answers as a spreadsheet ("xlsx" or "csv") of `rows` rows, written by a
    worker: interchange/ asks for this when there are more than a request should write while the
    browser waits. Like a report, one job per distinct content, within the actor's queue quota."""
    return _request(
        actor=actor,
        kind=ANSWER_EXPORTS[file_format],
        assessments=[assessment],
        parameters={"rows": rows},
    )


@transaction.atomic
def portfolio_export_request(
    *, actor: AbstractBaseUser, query: PortfolioQuery, file_format: str, base_url: str
) -> Report:
    """The assessments list as `actor` sees it now, with these filters and in this order, as a
    spreadsheet written by a worker. The matching assessments are fixed here as the job's
    subjects: the file has exactly these rows, whatever changes before a worker takes it up, and
    only someone who may read every one of them may open it (report_get_for_user).

    Always a new job, never an earlier file: a row shows names, due dates and summaries that
    change outside the audit trail _content_key reads, so an earlier file could be stale."""
    ids = portfolio_assessments(user=actor, query=query).values_list("pk", flat=True)
    subject_ids = [str(pk) for pk in ids]
    if not subject_ids:
        raise ServiceError(NOTHING_TO_EXPORT)
    report_queue_check(actor=actor)
    report = Report.objects.create(
        kind=PORTFOLIO_EXPORTS[file_format],
        content_key=uuid.uuid4().hex,
        subject_ids=subject_ids,
        requested_by=actor,
        parameters={
            "rows": len(subject_ids),
            "query": query.querystring(),
            "base_url": base_url,
        },
    )
    transaction.on_commit(lambda: tasks.report_enqueue(report.pk))
    return report
