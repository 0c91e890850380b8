"""The conditions tracker and its "mark done" form. Thin: parse, call one selector or service,
render. The form carries the tracker's filters (state, owner, page) so the page comes back as it
was; on a refusal the tracker is shown again with the sentence beside that condition."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from assessments.conditions.selectors import STATES, TrackerQuery, tracker_page
from assessments.review import condition_mark_done
from core.errors import ServiceError
from core.permissions import can_read, can_review, role_required

DONE_MESSAGE = "The condition is marked done."


def _render(request, query: TrackerQuery, *, refused: dict | None = None, status: int = 200):
    context = tracker_page(user=request.user, query=query)
    tabs = [
        (key, label, context["counts"][key], query.link(state=key, page=""))
        for key, label in STATES.items()
    ]
    return render(
        request,
        "assessments/conditions.html",
        {
            **context,
            "query": query,
            "tabs": tabs,
            "every_owner_href": query.link(owner=""),
            "can_mark_done": can_review(request.user),
            "refused": refused or {},
        },
        status=status,
    )


@require_safe
@role_required(can_read)
def condition_tracker(request):
    return _render(request, TrackerQuery.parse(request.GET))


@require_POST
@role_required(can_review)
def condition_done(request, pk, condition_id):
    query = TrackerQuery.parse(request.POST)
    note = request.POST.get("note", "")
    try:
        condition_mark_done(
            actor=request.user, assessment_pk=pk, condition_id=condition_id, note=note
        )
    except ServiceError as exc:
        errors = [e for errs in exc.field_errors.values() for e in errs] or [exc.message]
        refused = {"id": condition_id, "note": note, "errors": errors}
        return _render(request, query, refused=refused, status=exc.http_status)
    messages.success(request, DONE_MESSAGE)
    return redirect(reverse("assessments:conditions") + query.link().rstrip("?"))
