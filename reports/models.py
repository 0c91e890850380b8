"""Report jobs. Their state lives here, in the database, not in a Celery result backend: a page
can show progress, a failure its reason, and a lost broker message can be found and re-sent.

A job makes one file: a PDF report, or a spreadsheet export too large to write while the browser
waits (issue 24). Every kind goes through the same queue, status page, download and retry rules;
only the file differs (`FILE_TYPES`)."""

from dataclasses import dataclass

from django.conf import settings
from django.db import models

from core.models import UUIDModel


class Report(UUIDModel):
    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", "Assessment report"
        COMPARISON = "comparison", "Comparison report"
        ANSWERS_XLSX = "answers_xlsx", "Answers as Excel"
        ANSWERS_CSV = "answers_csv", "Answers as CSV"
        PORTFOLIO_XLSX = "portfolio_xlsx", "Assessments list as Excel"
        PORTFOLIO_CSV = "portfolio_csv", "Assessments list as CSV"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    # The assessments the report is about, in the order shown (one for an assessment report).
    subject_ids = models.JSONField()
    # For assessment reports and answer exports, the assessment itself: lists its reports with
    # one indexed query.
    assessment = models.ForeignKey(
        "assessments.Assessment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    # sha256 over everything the report shows (subjects' state and the template version): the
    # same content requested twice is one job and one artifact.
    content_key = models.CharField(max_length=64)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The Celery message (task id) whose worker runs the job: a second message for the same job
    # (a sweep re-send, a late redelivery) leaves a running job alone; the same message coming
    # back (its pool process died, or a retry) takes it up again.
    claimed_by = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    artifact_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    scorecard_sha256 = models.CharField(max_length=64, blank=True)
    # What an export was asked with, for the worker and the status page: `rows` (how many the file
    # has), and for the assessments list `query` (its filters and sort as understood) and
    # `base_url` (the site's address, for each row's link). Empty for PDF reports.
    parameters = models.JSONField(default=dict, blank=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "content_key"], name="report_content_unique"),
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_range"
            ),
        ]
        indexes = [models.Index(fields=["status", "enqueued_at"], name="report_sweep_idx")]

    def __str__(self) -> str:
        return f"{self.kind} report {self.pk} ({self.status})"

    @property
    def file_type(self) -> "FileType":
        return FILE_TYPES[self.kind]

    @property
    def is_export(self) -> bool:
        return self.kind in EXPORT_KINDS


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str  # what the download button calls it: "Download Excel"


PDF = FileType("pdf", "application/pdf", "PDF")
XLSX = FileType(
    "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"
)
CSV = FileType("csv", "text/csv; charset=utf-8", "CSV")
FILE_TYPES = {
    Report.Kind.ASSESSMENT: PDF,
    Report.Kind.COMPARISON: PDF,
    Report.Kind.ANSWERS_XLSX: XLSX,
    Report.Kind.ANSWERS_CSV: CSV,
    Report.Kind.PORTFOLIO_XLSX: XLSX,
    Report.Kind.PORTFOLIO_CSV: CSV,
}
# The export kinds by file format ("xlsx", "csv"), as the download links name them.
ANSWER_EXPORTS = {"xlsx": Report.Kind.ANSWERS_XLSX, "csv": Report.Kind.ANSWERS_CSV}
PORTFOLIO_EXPORTS = {"xlsx": Report.Kind.PORTFOLIO_XLSX, "csv": Report.Kind.PORTFOLIO_CSV}
EXPORT_KINDS = frozenset({*ANSWER_EXPORTS.values(), *PORTFOLIO_EXPORTS.values()})


class ReportRetry(models.Model):
    """One retry of a failed report: who asked for it and when. The retries of the last hour are
    what REPORTS_RETRIES_PER_HOUR limits, so a report that keeps failing cannot keep a report
    worker busy."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="retries")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["report", "created_at"], name="report_retry_recent_idx")]

    def __str__(self) -> str:
        return f"retry of report {self.report_id} at {self.created_at:%Y-%m-%d %H:%M:%S}"
