import time


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """Starts the clock of the absolute session lifetime (core.middleware)."""
    now = int(time.time())
    request.session["signed_in_at"] = now
    request.session["last_activity"] = now
