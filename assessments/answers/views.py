"""The answer form page. Saving happens through the API (assessments/api/answers.py), which the
page's script calls."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.answers.form_context import assessment_form_context
from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, role_required


@require_safe
@role_required(can_read)
def assessment_form(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "assessments/form.html",
        assessment_form_context(assessment=assessment, user=request.user),
    )
