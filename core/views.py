from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from assessments.models import Assessment
from assessments.selectors import dashboard_assessments, status_counts


@login_required
def dashboard(request):
    counts = status_counts(user=request.user)
    return render(
        request,
        "core/dashboard.html",
        {
            "assessments": dashboard_assessments(user=request.user),
            "status_counts": [(label, counts[value]) for value, label in Assessment.Status.choices],
        },
    )
