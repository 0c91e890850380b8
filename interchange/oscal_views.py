"""The download of one assessment as OSCAL assessment-results JSON (any role that reads it)."""

from django.http import HttpResponse
from django.views.decorators.http import require_safe

from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, role_required
from interchange.export import export_filename


@require_safe
@role_required(can_read)
def assessment_oscal(request, pk):
    # trestle's models take about 0.6 s to import: only this download pays it, not every process
    # that loads the URL conf.
    from interchange.oscal import assessment_export_oscal

    assessment = assessment_get_for_user(user=request.user, pk=pk)
    response = HttpResponse(
        assessment_export_oscal(assessment=assessment), content_type="application/json"
    )
    filename = export_filename(assessment, "oscal.json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
