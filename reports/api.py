"""REST API for report jobs: request (202), status, retry, download. Export jobs (spreadsheets,
reports/exports.py) are read, retried and downloaded here too."""

from django.http import HttpResponse
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments.selectors import assessment_get_for_user
from core.permissions import can_read
from reports.filenames import content_disposition
from reports.models import Report
from reports.selectors import report_get_for_user
from reports.services import comparison_request, report_request, report_retry
from reports.storage import ArtifactCorrupted, ArtifactMissing, artifact_read_verified

CORRUPTED = (
    "The stored PDF does not match the checksum recorded when it was made; ask an "
    "administrator to restore it from the backup."
)
MISSING = (
    "The stored PDF is missing (a restore without its files?). Request the report again "
    "and it will be made anew."
)
EXPORT_CORRUPTED = (
    "The stored file does not match the checksum recorded when it was made; ask an "
    "administrator to restore it from the backup."
)
EXPORT_MISSING = (
    "The stored file is missing (a restore without its files?). Export it again and it will "
    "be made anew."
)
# 429s come from reports/limits.py, with a sentence in `detail` that says when to try again.
QUEUE_FULL_RESPONSE = OpenApiResponse(
    description="The caller already has REPORTS_QUEUED_PER_USER report jobs queued or running."
)
RETRY_REFUSALS = {
    403: OpenApiResponse(description="Only the report's requester or an admin may retry it."),
    409: OpenApiResponse(description="The report has not failed."),
    429: OpenApiResponse(
        description="Retried REPORTS_RETRIES_PER_HOUR times in the last hour, or the caller "
        "already has REPORTS_QUEUED_PER_USER report jobs queued or running."
    ),
}


class ReportSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    subjects = serializers.JSONField(source="subject_ids")

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "subjects",
            "status",
            "progress",
            "attempts",
            "error",
            "sha256",
            "size",
            "scorecard_sha256",
            "download_url",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_download_url(self, obj) -> str | None:
        if obj.status != Report.Status.DONE:
            return None
        return reverse("api-report-download", args=[obj.pk])


class AssessmentReports(APIView):
    write_check = staticmethod(can_read)

    @extend_schema(request=None, responses={202: ReportSerializer, 429: QUEUE_FULL_RESPONSE})
    def post(self, request, pk):
        assessment = assessment_get_for_user(user=request.user, pk=pk)
        report, _ = report_request(actor=request.user, assessment=assessment)
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


class ComparisonInput(serializers.Serializer):
    assessments = serializers.ListField(child=serializers.UUIDField(), allow_empty=True)


class Comparisons(APIView):
    write_check = staticmethod(can_read)

    @extend_schema(
        request=ComparisonInput, responses={202: ReportSerializer, 429: QUEUE_FULL_RESPONSE}
    )
    def post(self, request):
        payload = ComparisonInput(data=request.data)
        payload.is_valid(raise_exception=True)
        subjects = [
            assessment_get_for_user(user=request.user, pk=pk)
            for pk in payload.validated_data["assessments"]
        ]
        report, _ = comparison_request(actor=request.user, assessments=subjects)
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


class ReportDetail(APIView):
    @extend_schema(responses={200: ReportSerializer})
    def get(self, request, pk):
        return Response(ReportSerializer(report_get_for_user(user=request.user, pk=pk)).data)


class ReportRetry(APIView):
    write_check = staticmethod(can_read)

    @extend_schema(request=None, responses={202: ReportSerializer, **RETRY_REFUSALS})
    def post(self, request, pk):
        report = report_get_for_user(user=request.user, pk=pk)
        report = report_retry(actor=request.user, report=report)
        return Response(ReportSerializer(report).data, status=status.HTTP_202_ACCEPTED)


def artifact_response(report: Report):
    """The verified artifact (a PDF, or an export's spreadsheet) as an attachment; 409 while it
    is not ready."""
    if report.status != Report.Status.DONE:
        noun = "export" if report.is_export else "report"
        return HttpResponse(
            f"The {noun} is {report.status}.", status=409, content_type="text/plain"
        )
    try:
        content = artifact_read_verified(name=report.artifact_name, expected_sha256=report.sha256)
    except ArtifactMissing:
        missing = EXPORT_MISSING if report.is_export else MISSING
        return HttpResponse(missing, status=409, content_type="text/plain")
    except ArtifactCorrupted:
        corrupted = EXPORT_CORRUPTED if report.is_export else CORRUPTED
        return HttpResponse(corrupted, status=409, content_type="text/plain")
    response = HttpResponse(content, content_type=report.file_type.content_type)
    response["Content-Disposition"] = content_disposition(report)
    response["X-Content-Type-Options"] = "nosniff"
    return response


class ReportDownload(APIView):
    @extend_schema(
        responses={
            200: OpenApiResponse(
                description="The PDF (application/pdf), or an export's spreadsheet (.xlsx, .csv)."
            )
        }
    )
    def get(self, request, pk):
        return artifact_response(report_get_for_user(user=request.user, pk=pk))
