"""The sign-in page's warnings: how many attempts are left once one has failed, and, once locked
out, when the lockout ends and whom to ask.

django-axes counts failures per username and address whether or not the username exists, so the
same sentences show for an unknown username: the page never tells whether an account exists.
"""

import datetime

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib.auth.views import LoginView
from django.shortcuts import render
from django.utils import timezone

from core.middleware import SIGNED_OUT_BECAUSE

ATTEMPTS_LEFT = (
    "{left} attempt{s} left before signing in from this address is locked for {minutes} minutes."
)


def _minutes(delta: datetime.timedelta | None) -> int:
    return int(delta.total_seconds() // 60) if delta else 0


def attempts_left_sentence(request) -> str:
    """After a failed attempt (axes set the count on the request), how many remain."""
    failures = getattr(request, "axes_failures_since_start", None)
    if not failures:
        return ""
    left = max(get_failure_limit(request, None) - failures, 0)
    s = "" if left == 1 else "s"
    return ATTEMPTS_LEFT.format(left=left, s=s, minutes=_minutes(get_cool_off(request)))


class SignInView(LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Why the last session ended, when the middleware ended it (a fixed sentence per key:
        # nothing from the query string is shown).
        ended = SIGNED_OUT_BECAUSE.get(self.request.GET.get("ended", ""), "")
        # With LOCAL_LOGIN off the password form is for break-glass accounts only: folded away
        # behind a link unless asked for (or just sent), never removed (sso/config.py).
        local = settings.LOCAL_LOGIN or bool(
            settings.LOCAL_LOGIN_BREAK_GLASS
            and (self.request.GET.get("local") == "1" or self.request.method == "POST")
        )
        return super().get_context_data(
            signed_out_because=ended,
            sso_enabled=bool(settings.OIDC_ISSUER),
            provider_name=settings.OIDC_PROVIDER_NAME,
            local_form=local,
            break_glass_only=not settings.LOCAL_LOGIN,
            break_glass_link=not local and bool(settings.LOCAL_LOGIN_BREAK_GLASS),
            **kwargs,
        )

    def form_invalid(self, form):
        return self.render_to_response(
            self.get_context_data(form=form, attempts_left=attempts_left_sentence(self.request))
        )


def lockout_ends(request, credentials) -> datetime.datetime | None:
    """The lockout lasts the cool-off from the latest failure that counts towards it."""
    cool_off = get_cool_off(request)
    if cool_off is None:
        return None
    latest = [
        attempts.order_by("-attempt_time").values_list("attempt_time", flat=True).first()
        for attempts in AxesDatabaseHandler().get_user_attempts(request, credentials)
    ]
    latest = [t for t in latest if t is not None]
    return max(latest) + cool_off if latest else timezone.now() + cool_off


def support_contact() -> dict:
    """SUPPORT_CONTACT for registration/_contact.html: an address, a help-desk URL or a name."""
    contact = settings.SUPPORT_CONTACT.strip()
    return {
        "contact": contact,
        "contact_is_email": "@" in contact and " " not in contact and "/" not in contact,
        "contact_is_url": contact.startswith(("https://", "http://")),
    }


def lockout_response(request, original_response=None, credentials=None):
    until = lockout_ends(request, credentials)
    context = {
        "until": until,
        "until_today": until is not None
        and timezone.localdate(until) == timezone.localdate(timezone.now()),
        "zone_name": timezone.get_current_timezone_name(),
        **support_contact(),
    }
    return render(
        request,
        "registration/locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
