"""Recovery codes: ten single-use codes, made when a user confirms their authenticator app, each of
which stands in once for the app's code at sign-in (a lost or broken phone).

They live in django-otp's static plugin (one StaticDevice per user, one StaticToken per code),
but StaticToken keeps its token in plain text, and a leaked database dump must not hand out ways
past the second factor. So a token here holds a keyed hash of the code, never the code:
HMAC-SHA256 (Django's salted_hmac) keyed with SECRET_KEY, over the user's id and the code, cut to
80 bits written as 16 base32 characters (what StaticToken.token holds). Keyed, a dump alone
cannot be searched for codes; bound to the user, one code hashes differently for two users. Not
a slow password hash: each code carries ~50 random bits, so there is nothing to stretch, and a
hash that can be looked up lets the database find and delete the one match in a single step,
where a password hasher would have to try every stored code at a deliberate cost per attempt.
SECRET_KEY_FALLBACKS are tried too, so rotating the key does not void codes already handed out.
(The plugin's `addstatictoken` command stores plain tokens, which never match here.)

The rules — when codes are made, checked (throttled, logged) and removed — are core.totp's; these
helpers run inside its transactions.
"""

import secrets
from base64 import b32encode

from django.conf import settings
from django.utils.crypto import salted_hmac
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

DEVICE_NAME = "Recovery codes"
CODE_COUNT = 10
CODE_LENGTH = 10
# No 0/o, 1/l/i: a code copied by hand from paper is read back as written.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
# At this many codes left or fewer, the security page asks for new ones.
FEW_LEFT = 2

_HASH_SALT = "core.recovery_codes"


def recovery_code_normalise(text: str) -> str:
    """The code as stored: dashes, spaces and case are forgiven (`ABCD-efgh ij` = `abcdefghij`)."""
    return "".join(text.split()).replace("-", "").lower()


def recovery_code_is_well_formed(code: str) -> bool:
    """Whether a normalised code could be one of ours; anything else is a typo, not a guess."""
    return len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code)


def _display(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def _hash(*, user_pk, code: str, secret: str) -> str:
    mac = salted_hmac(_HASH_SALT, f"{user_pk}:{code}", secret=secret, algorithm="sha256")
    return b32encode(mac.digest()[:10]).decode().lower()


def _hashes(*, user_pk, code: str) -> list[str]:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_hash(user_pk=user_pk, code=code, secret=key) for key in keys]


def recovery_codes_replace(*, user) -> tuple[str, ...]:
    """New codes for `user`, voiding any earlier ones; returns them in plain text, the only time
    they exist as such. Keeps the user's StaticDevice, so a session verified with a recovery code
    stays verified."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    device.token_set.all().delete()
    codes = [
        "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(
        StaticToken(
            device=device, token=_hash(user_pk=user.pk, code=code, secret=settings.SECRET_KEY)
        )
        for code in codes
    )
    return tuple(_display(code) for code in codes)


def recovery_code_consume(*, user, code: str) -> StaticDevice | None:
    """Deletes the stored code matching `code` (normalised) and returns its device, or None if
    none matches. The delete decides, so two requests with one code cannot both succeed."""
    match = (
        StaticToken.objects.select_related("device")
        .filter(device__user=user, token__in=_hashes(user_pk=user.pk, code=code))
        .order_by("pk")
        .first()
    )
    if match is None:
        return None
    deleted, _ = StaticToken.objects.filter(pk=match.pk).delete()
    if not deleted:
        return None
    match.device.set_last_used_timestamp(commit=True)
    return match.device


def recovery_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user).count()


def recovery_codes_delete(*, user) -> int:
    """Removes the user's codes with their device; returns how many codes there were."""
    left = recovery_codes_left(user=user)
    StaticDevice.objects.filter(user=user).delete()
    return left
