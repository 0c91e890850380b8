"""The client's IP address, as far as it can be trusted.

Only a reverse proxy we run may speak for the client. With DJANGO_TRUSTED_PROXY_COUNT=N the
address is the one the outermost of our N proxies saw (the N-th entry from the right of
X-Forwarded-For); entries further left are whatever the client chose to send and are ignored.
With no trusted proxy, X-Forwarded-For is ignored entirely — so a client rotating that header
cannot dodge the login lockout.
"""

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
