"""The reader's time zone: chosen on the account page, else taken from their browser, else the
server's (settings.TIME_ZONE).

static/js/timezone.js puts the browser's IANA zone in the `tz` cookie (no inline script: the CSP
allows none). TimeZoneMiddleware activates, per request, the signed-in person's stored zone; the
first time a person has none stored, the cookie's zone is stored for them, so that what they see
no longer depends on which browser they use. The zone is kept in the session after the first
look-up: one query per session, not per request. Every name is checked against zoneinfo before
it is used or stored: a cookie is whatever the client says.
"""

import functools
import zoneinfo

from django.db import transaction
from django.utils import timezone

from core.models import UserPreference

COOKIE = "tz"
SESSION_KEY = "time_zone"
UNKNOWN_ZONE = "Choose a time zone from the list."


@functools.cache
def zone_names() -> frozenset[str]:
    # The "posix/" and "right/" copies are the same zones under other names; leave them out.
    return frozenset(
        name for name in zoneinfo.available_timezones() if not name.startswith(("posix", "right"))
    )


def zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zone_names())]


def valid_zone(name: str | None) -> str:
    """`name` if it is a known IANA zone, else ""."""
    return name if name and name in zone_names() else ""


def user_time_zone_set(*, actor, time_zone: str, chosen: bool = True) -> UserPreference:
    """Stores `actor`'s time zone ("" = the server's). Not audited: it changes only how the
    person's own pages print times, not any record."""
    if time_zone and not valid_zone(time_zone):
        raise ValueError(UNKNOWN_ZONE)
    with transaction.atomic():
        preference, _ = UserPreference.objects.select_for_update().get_or_create(user=actor)
        preference.time_zone = time_zone
        preference.time_zone_chosen = chosen
        preference.save(update_fields=["time_zone", "time_zone_chosen", "updated_at"])
    return preference


def _stored_zone(request) -> str:
    """The signed-in person's zone. A chosen zone stands; otherwise their browser's, stored
    whenever it changes (a laptop that travels), else the last one stored. The stored pair is
    read once per session."""
    cached = request.session.get(SESSION_KEY)
    if cached is None:
        preference = UserPreference.objects.filter(user=request.user).first()
        cached = [preference.time_zone, preference.time_zone_chosen] if preference else ["", False]
        request.session[SESSION_KEY] = cached
    zone, chosen = cached
    if chosen:
        return valid_zone(zone)
    browser = valid_zone(request.COOKIES.get(COOKIE))
    if browser and browser != zone:
        user_time_zone_set(actor=request.user, time_zone=browser, chosen=False)
        request.session[SESSION_KEY] = [browser, False]
        return browser
    return valid_zone(zone)


def request_time_zone(request) -> str:
    """The zone this request's pages print times in ("" = the server's)."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and hasattr(request, "session"):
        return _stored_zone(request)
    return valid_zone(request.COOKIES.get(COOKIE))


def forget_session_zone(request) -> None:
    """After the person changes their zone: read it afresh on the next request."""
    request.session.pop(SESSION_KEY, None)


class TimeZoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request_time_zone(request)
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
