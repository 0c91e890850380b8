"""The dashboard: the first page after signing in, with the panels of each of the user's roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.clarifications import clarifications_for_requester
from assessments.home.selectors import dashboard_assessments, dashboard_overview
from core.permissions import can_read, can_start_assessment


@require_safe
@login_required
def dashboard(request):
    requests_assessments = can_start_assessment(request.user)
    return render(
        request,
        "assessments/dashboard.html",
        {
            **dashboard_overview(user=request.user),
            "assessments": dashboard_assessments(user=request.user),
            # Only those who request assessments are asked to clarify them.
            "clarifications": clarifications_for_requester(user=request.user)
            if requests_assessments
            else [],
            "shows_counts": can_read(request.user),
            "requests_assessments": requests_assessments,
        },
    )
