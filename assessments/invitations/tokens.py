"""The invitation link's token: 256 random bits, of which the database keeps only the SHA-256.

A plain hash is enough: there is no dictionary to try against 256 random bits, and a leaked table
opens nothing. The first characters are kept apart too (`token_prefix`), for the rate limit on
attempts per prefix (assessments/invitations/throttle.py).
"""

import hashlib
import re
import secrets

TOKEN_BYTES = 32  # 256 bits; secrets.token_urlsafe makes 43 characters of them
TOKEN_PREFIX_LENGTH = 6
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_prefix(token: str) -> str:
    """The prefix the per-prefix rate limit counts; none for something that is not a token."""
    return token[:TOKEN_PREFIX_LENGTH] if _TOKEN_SHAPE.match(token) else ""
