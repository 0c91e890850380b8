"""Limits on what one caller can multiply (issue 19): evidence items per answer, comments per
answer, conditions per assessment; each a setting with a sensible default (config/settings.py),
each refused with a sentence that names the limit and what to do instead.

The report jobs' limits (queued per user, retries per hour) free themselves with time and answer
429 (reports/); API tokens per person are in core/tokens/; failed invitation confirmations per
address and per link in assessments/invitations/throttle.py.
"""

from django.conf import settings

from core.errors import ServiceError

REACHED = "{whole} already has {count} {things}, the most allowed ({setting}). {instead}"


class LimitReached(ServiceError):
    """A count limit is reached (HTTP 400): nothing was added."""


def limit_require(*, count: int, setting: str, whole: str, things: str, instead: str) -> None:
    """Refuses one more when `count` already reaches `settings.<setting>`."""
    if count >= getattr(settings, setting):
        raise LimitReached(
            REACHED.format(
                whole=whole, count=count, things=things, setting=setting, instead=instead
            )
        )
