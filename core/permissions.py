"""Who may do what: the one place that answers it. Views, API views and services ask here.

Object access (which assessment a user may see) lives in each app's selectors as one
access-checked getter per object; this module answers the role questions those getters and the
views need. The README's permission matrix is generated from the same rules.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission

from core.roles import Role, has_role, roles_of

EDITORS = (Role.PROCUREMENT, Role.ADMIN)
REVIEWERS = (Role.ARCHITECT, Role.ADMIN)


def can_read(user) -> bool:
    """Every internal role reads everything in its organisation; no role, nothing."""
    return bool(roles_of(user))


def can_edit_catalogue(user) -> bool:
    """Vendors, offerings and contacts."""
    return has_role(user, *EDITORS)


def can_start_assessment(user) -> bool:
    return has_role(user, *EDITORS)


def can_answer(user) -> bool:
    """Writing answers and evidence (the assessment's status is checked by the services)."""
    return has_role(user, *EDITORS)


def can_attach_evidence(user) -> bool:
    """Requesters attach what the vendor sent; reviewers attach what they verified themselves (a
    test log, a screenshot). The services decide in which statuses each may."""
    return has_role(user, Role.PROCUREMENT, Role.ARCHITECT, Role.ADMIN)


def can_assess_inherent_risk(user) -> bool:
    """Answering an offering's inherent-risk questions (its tier follows): requesters know the
    business use, reviewers the architecture."""
    return has_role(user, Role.PROCUREMENT, Role.ARCHITECT, Role.ADMIN)


def can_invite_vendor(user) -> bool:
    """Inviting vendor contacts to answer; revoking, resending, ending their sessions."""
    return has_role(user, *EDITORS)


def can_review(user) -> bool:
    """Starting reviews, evidence upgrades, overrides, accepted risks, conditions, decisions."""
    return has_role(user, *REVIEWERS)


def can_manage_webhooks(user) -> bool:
    """Registering, changing and switching off the endpoints our events are sent to."""
    return has_role(user, Role.ADMIN)


def can_withdraw_any_decision(user) -> bool:
    """Taking any decision back to review (the deciding architect may withdraw their own for a
    short while; the review services check that window)."""
    return has_role(user, Role.ADMIN)


def can_retry_any_report(user) -> bool:
    """Retrying anyone's failed report; whoever requested a report may retry their own (the
    report services check that)."""
    return has_role(user, Role.ADMIN)


def can_use_second_factor(user) -> bool:
    """Adding or removing an authenticator app (TOTP). Offered to the roles whose decisions carry
    most weight; the sign-in code step itself applies to anyone who has a device."""
    return has_role(user, *REVIEWERS)


def can_comment(user) -> bool:
    return has_role(user, Role.PROCUREMENT, Role.ARCHITECT, Role.ADMIN)


def can_reassess(user) -> bool:
    return has_role(user, Role.PROCUREMENT, Role.ARCHITECT, Role.ADMIN)


def role_required(check):
    """View decorator: anonymous users go to login; signed-in users failing `check` get 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class ReadRole(BasePermission):
    """API: authenticated and holding a role; unsafe methods need `write_check` on the view."""

    message = "Your account has no role in this application."

    def has_permission(self, request, view) -> bool:
        if not can_read(request.user):
            return False
        if request.method in SAFE_METHODS:
            return True
        method = request.method.lower()
        if method not in view.http_method_names or not hasattr(view, method):
            # The endpoint has no such method: let DRF answer 405 with an Allow header instead of
            # a role refusal that would suggest another role could do it.
            return True
        write_check = getattr(view, "write_check", None)
        if write_check is None or not write_check(request.user):
            self.message = "Your role does not allow this change."
            return False
        return True
