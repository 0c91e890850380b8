"""Downloading an evidence file, access-checked, never rendered by the browser."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from assessments.evidence.scan import evidence_download_refusal
from assessments.models import Evidence
from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, role_required


@require_safe
@role_required(can_read)
def evidence_download(request, pk, evidence_id):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    evidence = get_object_or_404(Evidence, pk=evidence_id, answer__assessment=assessment)
    if not evidence.file:
        raise Http404("This evidence is a link, not a file.")
    refusal = evidence_download_refusal(evidence)
    if refusal is not None:
        status, reason = refusal
        return HttpResponse(reason, status=status, content_type="text/plain; charset=utf-8")
    response = FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.original_name or "evidence",
        content_type=evidence.content_type or "application/octet-stream",
    )
    # Even if a browser were tempted to render it, the file gets no script, no origin, no frame.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
