"""The review queue and the review workspace of one assessment. The review actions themselves go
through the API (assessments/api/review.py); after each one the page's script asks for the parts
that changed (`review_fragments`) instead of reloading, so nothing typed elsewhere is lost."""

from django.shortcuts import render
from django.views.decorators.http import require_POST, require_safe

from assessments.review.decision_preview import decision_preview_context
from assessments.review.row_display import row_display
from assessments.review.selectors import review_queue_context
from assessments.review.services import review_visit_record
from assessments.review.workspace import review_workspace_context
from assessments.selectors import assessment_get_for_user
from core.permissions import can_read, can_review, role_required

MAX_FRAGMENT_ROWS = 400


@require_safe
@role_required(can_read)
def assessment_review(request, pk):
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    extra = {}
    if can_review(request.user):
        # First: a new visit moves the comparison point to the end of the one before.
        visit = review_visit_record(user=request.user, assessment=assessment)
        extra["since_visit"] = visit.previous_seen_at
    context = review_workspace_context(
        assessment=assessment,
        user=request.user,
        domain=request.GET.get("domain"),
        show=request.GET.get("show"),
        **extra,
    )
    return render(request, "assessments/review.html", context)


@require_safe
@role_required(can_read)
def review_fragments(request, pk):
    """The side panel, the navigation and the named rows, as they are now; the page swaps them in
    by id after an action."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    keys = [k for k in request.GET.get("rows", "").split(",") if k][:MAX_FRAGMENT_ROWS]
    context = review_workspace_context(
        assessment=assessment,
        user=request.user,
        domain=request.GET.get("domain"),
        show=request.GET.get("show"),
    )
    wanted = set(keys)
    context["fragment_rows"] = [row_display(r) for r in context["all_rows"] if r.key in wanted]
    return render(request, "assessments/review/fragments.html", context)


@require_POST
@role_required(can_review)
def decision_preview(request, pk):
    """What the decision would freeze, and what it still needs; writes nothing."""
    assessment = assessment_get_for_user(user=request.user, pk=pk)
    context = decision_preview_context(
        assessment=assessment,
        decision=request.POST.get("decision", ""),
        rationale=request.POST.get("rationale", ""),
        departure_justification=request.POST.get("departure_justification", ""),
    )
    return render(request, "assessments/review/decision_preview.html", context)


@require_safe
@role_required(can_read)
def review_queue(request):
    context = review_queue_context(
        user=request.user,
        tab=request.GET.get("tab"),
        sort=request.GET.get("sort"),
        page=request.GET.get("page"),
    )
    return render(request, "assessments/queue.html", context)
