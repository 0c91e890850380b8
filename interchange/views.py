"""Downloads of one assessment as a spreadsheet (any role that reads it). Up to
EXPORT_INLINE_MAX_ANSWERS answers the file comes straight back; a larger export is a report job:
POST starts it and the browser follows the job's status page to its download, while GET only
offers that button (nothing large is written in a request)."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from assessments.selectors import assessment_get_for_user
from core.errors import ServiceError
from core.permissions import can_read, role_required
from interchange.export import (
    answers_export_is_large,
    answers_export_rows,
    assessment_export_csv,
    assessment_export_xlsx,
    export_filename,
)
from reports.services import answers_export_request

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Each file format: its writer, content type, the URL name of its download, and its name.
FORMATS = {
    "xlsx": (assessment_export_xlsx, XLSX, "interchange:assessment-xlsx", "Excel"),
    "csv": (assessment_export_csv, "text/csv; charset=utf-8", "interchange:assessment-csv", "CSV"),
}
UNCHANGED = "Nothing changed since this export was asked for; here it is."
LARGE = "This assessment has {rows} answers: too many to write while you wait."


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _export(request, pk, file_format: str) -> HttpResponse:
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    write, content_type, url_name, label = FORMATS[file_format]
    rows = answers_export_rows(assessment)
    if not answers_export_is_large(rows):
        content = write(assessment=assessment)
        return _download(content, content_type, export_filename(assessment, file_format))
    if request.method != "POST":
        context = {
            "assessment": assessment,
            "rows": rows,
            "sentence": LARGE.format(rows=f"{rows:,}"),
            "label": label,
            "action": reverse(url_name, args=[assessment.pk]),
            "back": reverse("assessments:detail", args=[assessment.pk]),
        }
        return render(request, "reports/export_start.html", context)
    try:
        report, created = answers_export_request(
            actor=request.user, assessment=assessment, file_format=file_format, rows=rows
        )
    except ServiceError as exc:  # too many jobs waiting: say so where the button was
        messages.error(request, exc.message)
        return redirect("assessments:detail", pk=assessment.pk)
    if not created:
        messages.info(request, UNCHANGED)
    return redirect("reports:status", pk=report.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def assessment_xlsx(request, pk):
    return _export(request, pk, "xlsx")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def assessment_csv(request, pk):
    return _export(request, pk, "csv")
