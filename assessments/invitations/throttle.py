"""Rate limits on invitation links: failed attempts counted per client address and per token prefix.

A 256-bit token cannot be guessed; the limits are there so that nobody can try, and so that a
link leaked in part (a truncated copy in a log or a forwarded mail) cannot be completed by trying
the rest. Per address stops one client trying many tokens; per prefix stops many clients (a
botnet) trying variations of one link. Only failures count: a valid link opened and confirmed
costs nothing, so mail scanners that fetch a link do not use up the recipient's attempts.

Counters live in Django's cache with an expiry (a fixed window from the first failure). With the
default per-process cache each worker counts on its own; set CACHE_URL (Redis) to share them.
"""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 15 * 60


def _keys(ip: str, prefix: str) -> list[tuple[str, int]]:
    keys = [(f"invite-fail:ip:{ip}", settings.INVITATION_FAILURES_PER_ADDRESS)]
    if prefix:
        keys.append((f"invite-fail:prefix:{prefix}", settings.INVITATION_FAILURES_PER_LINK))
    return keys


def invitation_attempts_exhausted(*, ip: str, prefix: str) -> bool:
    """True when this address, or this token prefix, has used up its failed attempts."""
    keys = _keys(ip, prefix)
    counts = cache.get_many([key for key, _ in keys])
    return any(counts.get(key, 0) >= limit for key, limit in keys)


def invitation_attempt_failed(*, ip: str, prefix: str) -> None:
    for key, _ in _keys(ip, prefix):
        cache.add(key, 0, WINDOW_SECONDS)  # starts the window; no-op when it is running
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr: start again
            cache.set(key, 1, WINDOW_SECONDS)
