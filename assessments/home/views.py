"""The dashboard: the first page after signing in, with the panels of each of the user's roles."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.clarifications import clarifications_for_requester
from assessments.home.selectors import (
    dashboard_assessments,
    dashboard_panels,
    list_link,
    status_counts,
)
from assessments.models import Assessment
from core.permissions import can_start_assessment


@require_safe
@login_required
def dashboard(request):
    counts = status_counts(user=request.user)
    return render(
        request,
        "assessments/dashboard.html",
        {
            "panel_groups": dashboard_panels(user=request.user),
            "assessments": dashboard_assessments(user=request.user),
            "clarifications": clarifications_for_requester(user=request.user),
            "status_counts": [
                (label, counts[value], list_link(status=value, requester="me"))
                for value, label in Assessment.Status.choices
            ],
            "requests_assessments": can_start_assessment(request.user),
        },
    )
