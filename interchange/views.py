"""Downloads of one assessment as a spreadsheet (any role that reads it)."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, role_required
from interchange.export import assessment_export_csv, assessment_export_xlsx, export_filename

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
@role_required(can_read)
def assessment_xlsx(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    content = assessment_export_xlsx(assessment=assessment)
    return _download(content, XLSX, export_filename(assessment, "xlsx"))


@require_safe
@role_required(can_read)
def assessment_csv(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    content = assessment_export_csv(assessment=assessment)
    return _download(content, "text/csv; charset=utf-8", export_filename(assessment, "csv"))
