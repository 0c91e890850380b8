import time

from core.sessions import CREDENTIALS_AT


def stamp_sign_in(sender, request, user, **kwargs) -> None:
    """Starts the clock of the absolute session lifetime (core.middleware)."""
    now = int(time.time())
    request.session["signed_in_at"] = now
    request.session["last_activity"] = now
    # To the microsecond: a cutoff set in the same second as this sign-in must still tell them
    # apart (core/sessions.py).
    request.session[CREDENTIALS_AT] = time.time()
