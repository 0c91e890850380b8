"""The dashboard: the first page after signing in, with the panels of each of the user's roles."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.clarifications import clarifications_for_requester
from assessments.home.selectors import dashboard_assessments, dashboard_overview
from core.permissions import can_read, can_review, can_start_assessment
from core.roles import Role, has_role, roles_of
from core.sign_in import support_contact
from sso import provider_groups_of
from tiering.due import due_panel


def _no_role_help(user) -> dict:
    """For a signed-in person without a role: whom to ask, and, after a company sign-in, which
    groups the provider sent (none of which gives a role here)."""
    if roles_of(user):
        return {}
    return {
        **support_contact(),
        "provider_groups": provider_groups_of(user),
        "sso_provider_name": settings.OIDC_PROVIDER_NAME,
    }


COMING_DUE_SHOWN = 8


def _coming_due(user) -> dict | None:
    """Reassessments, documents and conditions due within 60 days: procurement sees those of the
    assessments it requested; reviewers, viewers and admins see every one."""
    if not can_read(user):
        return None
    sees_all = can_review(user) or has_role(user, Role.VIEWER)
    items, total = due_panel(requester_id=None if sees_all else user.pk, limit=COMING_DUE_SHOWN)
    return {"items": items, "total": total}


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
            **_no_role_help(request.user),
            "coming_due": _coming_due(request.user),
        },
    )
