"""The dashboard: the first page after signing in, with the panels of each of the user's roles."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from assessments.clarifications import clarifications_for_requester
from assessments.home.selectors import dashboard_assessments, dashboard_overview
from core.permissions import can_read, can_start_assessment
from core.roles import roles_of
from core.sign_in import support_contact
from sso import provider_groups_of


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
        },
    )
