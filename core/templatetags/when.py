"""`{% load when %}` `{{ value|when }}`: the one way a date or a time is shown.

A datetime prints in the reader's time zone (activated per request by core/timezones.py) as
"7 Dec 2026, 21:15", inside `<time datetime="…">` with the absolute UTC time in its title, so
people in different zones can agree on the moment. A date alone (a due date) prints as
"7 Dec 2026": it is a calendar day, not a moment, and is not converted. `{{ value|day }}` prints
only the day of a moment (where a list has no room for the time), still in the reader's zone and
still with the moment in `<time datetime>` and its title.
"""

import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

register = template.Library()


def _aware(value: datetime.datetime) -> datetime.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


@register.filter
def when_text(value) -> str:
    """The words alone, for places markup cannot go (a title, an option, a CSV cell)."""
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(_aware(value))
        return f"{local.day} {local:%b %Y, %H:%M}"
    if isinstance(value, datetime.date):
        return f"{value.day} {value:%b %Y}"
    return ""


@register.filter
def when_iso(value) -> str:
    """The machine-readable moment for `<time datetime>`: UTC, to the second."""
    utc = _aware(value).astimezone(datetime.UTC)
    return utc.isoformat(timespec="seconds").replace("+00:00", "Z")


@register.filter
def when_utc(value) -> str:
    """The moment in UTC in words, for a `title`."""
    utc = _aware(value).astimezone(datetime.UTC)
    return f"{utc.day} {utc:%b %Y, %H:%M} UTC"


@register.filter(is_safe=True)
def when(value, fallback: str = ""):
    if isinstance(value, datetime.datetime):
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            when_iso(value),
            when_utc(value),
            when_text(value),
        )
    if isinstance(value, datetime.date):
        return format_html('<time datetime="{}">{}</time>', value.isoformat(), when_text(value))
    return fallback


@register.filter(is_safe=True)
def day(value, fallback: str = ""):
    if isinstance(value, datetime.datetime):
        local = timezone.localtime(_aware(value))
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            when_iso(value),
            when_utc(value),
            f"{local.day} {local:%b %Y}",
        )
    return when(value, fallback)
