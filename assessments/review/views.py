"""The review queue and the review page of one assessment. The review actions themselves go through
the API (assessments/api/review.py)."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.review.context import review_context
from assessments.review.selectors import review_queue_context
from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, role_required


@require_safe
@role_required(can_read)
def assessment_review(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    return render(
        request, "assessments/review.html", review_context(assessment=assessment, user=request.user)
    )


@require_safe
@role_required(can_read)
def review_queue(request):
    return render(request, "assessments/queue.html", review_queue_context(user=request.user))
