"""Browser views of reports: preview (HTML, same template and context as the PDF), request,
status with live progress, download, and the comparison picker. No PDF is rendered here. Export
jobs (reports/exports.py) share the status page, the retry and the download."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from assessments.selectors import assessment_get_for_user
from core.errors import ServiceError
from core.permissions import can_read, role_required
from reports.api import artifact_response
from reports.comparison import COMPARISON_MAX, comparison_context
from reports.context import report_context
from reports.exports import export_words
from reports.limits import report_retry_allowed
from reports.picker import comparison_picker_context
from reports.selectors import report_get_for_user
from reports.services import comparison_request, report_request, report_retry


@require_safe
@role_required(can_read)
def report_preview(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    html = render_to_string(
        "reports/assessment.html",
        report_context(assessment=assessment, for_pdf=False),
        request=request,
    )
    return HttpResponse(html)


@require_POST
@role_required(can_read)
def report_request_view(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    try:
        report, created = report_request(actor=request.user, assessment=assessment)
    except ServiceError as exc:  # too many reports waiting: say so where the button was
        messages.error(request, exc.message)
        return redirect("assessments:detail", pk=assessment.pk)
    if not created:
        messages.info(request, "Nothing changed since this report was requested; here it is.")
    return redirect("reports:status", pk=report.pk)


@require_safe
@role_required(can_read)
def report_status(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    context = {
        "report": report,
        "can_retry": report_retry_allowed(actor=request.user, report=report),
        "words": export_words(report, viewer=request.user) if report.is_export else None,
        # An export of the list links back to the list with the filters it was made with.
        "list_query": f"?{query}" if (query := report.parameters.get("query")) else "",
    }
    return render(request, "reports/status.html", context)


@require_POST
@role_required(can_read)
def report_retry_view(request, pk):
    report = report_get_for_user(user=request.user, pk=pk)
    try:
        report_retry(actor=request.user, report=report)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("reports:status", pk=report.pk)


@require_safe
@role_required(can_read)
def report_download(request, pk):
    return artifact_response(report_get_for_user(user=request.user, pk=pk))


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def comparison_picker(request):
    if request.method == "POST":
        chosen = [
            assessment_get_for_user(user=request.user, pk=pk)
            for pk in request.POST.getlist("assessments")
        ]
        try:
            report, _ = comparison_request(actor=request.user, assessments=chosen)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("reports:status", pk=report.pk)
    # After a refused POST the list shows again with the same choice selected.
    params = request.GET.copy()
    if request.method == "POST":
        params.setlist("selected", request.POST.getlist("assessments"))
    context = comparison_picker_context(user=request.user, params=params)
    return render(request, "reports/compare.html", context)


@require_safe
@role_required(can_read)
def comparison_preview(request):
    chosen = [
        assessment_get_for_user(user=request.user, pk=pk)
        for pk in request.GET.getlist("a")[:COMPARISON_MAX]
    ]
    if len(chosen) < 2 or len({a.questionnaire_id for a in chosen}) != 1:
        return HttpResponse(
            "Choose 2 to 6 assessments of the same questionnaire version.",
            status=400,
            content_type="text/plain",
        )
    html = render_to_string(
        "reports/comparison.html",
        comparison_context(assessments=chosen, for_pdf=False),
        request=request,
    )
    return HttpResponse(html)
