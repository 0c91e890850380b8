"""The dashboard: the first page after signing in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.clarifications import clarifications_for_requester
from assessments.home.selectors import dashboard_assessments, status_counts
from assessments.models import Assessment


@require_safe
@login_required
def dashboard(request):
    counts = status_counts(user=request.user)
    return render(
        request,
        "assessments/dashboard.html",
        {
            "assessments": dashboard_assessments(user=request.user),
            "clarifications": clarifications_for_requester(user=request.user),
            "status_counts": [(label, counts[value]) for value, label in Assessment.Status.choices],
        },
    )
