"""The authenticator-app second factor (TOTP, RFC 6238, through django-otp): adding, confirming and
removing a user's device, checking a code at sign-in and for an API token, and the admin's reset.

One device per user. A device counts only once confirmed with a code from the app, so a half-done
set-up never locks anyone out. Codes go through TOTPDevice.verify_token, which refuses a code of
a time step already used (last_t) and makes each wrong code wait longer before the next try
(OTP_TOTP_THROTTLE_FACTOR). Every change and every wrong code is written to the security log.

Confirming the device also makes ten recovery codes (core.recovery_codes), each good once at
sign-in in place of the app's code. They share the app's throttle: a wrong recovery code counts
on the TOTP device like a wrong app code, so switching between the two fields buys no extra
guesses. They are for the browser sign-in only: an API token needs the app's code. Removing the
device, or the admin's reset, removes them too.
"""

import logging
from base64 import b32encode
from dataclasses import dataclass

import qrcode
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage

from core.permissions import can_use_second_factor
from core.recovery_codes import (
    FEW_LEFT,
    recovery_code_consume,
    recovery_code_is_well_formed,
    recovery_code_normalise,
    recovery_codes_delete,
    recovery_codes_left,
    recovery_codes_replace,
)

security_log = logging.getLogger("security")

DEVICE_NAME = "Authenticator app"

CODE_MISSING = "Enter the 6-digit code your authenticator app shows now."
CODE_WRONG = "That code is not right. Enter the 6-digit code your authenticator app shows now."
CODE_THROTTLED = (
    "Too many wrong codes. Wait {seconds} seconds, then enter the code your "
    "authenticator app shows."
)
ALREADY_SET_UP = "An authenticator app is already set up for your account."
NOTHING_TO_CONFIRM = "No authenticator app is waiting to be confirmed; start the set-up again."
NO_DEVICE = "No authenticator app is set up for this account."
NOT_ALLOWED = "Your role cannot add an authenticator app."
RECOVERY_CODE_MISSING = (
    "Enter one of your recovery codes: 10 letters and digits, with or without the dashes."
)
RECOVERY_CODE_WRONG = (
    "That recovery code is not right, or it was used already. Enter one you have not used yet."
)
RECOVERY_CODE_THROTTLED = (
    "Too many wrong codes. Wait {seconds} seconds, then enter a recovery code."
)
SET_UP_FIRST = (
    "Your account must have an authenticator app before it can get an API token: "
    "add one on the Account security page first."
)


@dataclass(frozen=True)
class QrCode:
    """A QR code as one SVG path, drawn by the template (which escapes it) on a `size` square."""

    size: int
    path: str


@dataclass(frozen=True)
class Enrolment:
    """A confirmed device and its recovery codes, in plain text this once: shown to the user in
    the response to the confirmation, stored nowhere."""

    device: TOTPDevice
    recovery_codes: tuple[str, ...]


@dataclass(frozen=True)
class RecoveryCodeUse:
    device: StaticDevice  # what the session is verified with (django_otp.login)
    left: int


@dataclass(frozen=True)
class RecoveryCodesStatus:
    left: int
    running_low: bool


def totp_device_for_user(*, user, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("pk").first()


def user_has_second_factor(user) -> bool:
    """Whether signing in needs a code. The auth backend loads the answer with the user
    (core.auth_backend), so the check on every request costs no query."""
    if not user.is_authenticated:
        return False
    preloaded = getattr(user, "_has_totp", None)
    if preloaded is not None:
        return bool(preloaded)
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def user_must_add_second_factor(user) -> bool:
    """OTP_REQUIRED_FOR_REVIEWERS: an architect or admin without a device may do nothing else."""
    return bool(
        settings.OTP_REQUIRED_FOR_REVIEWERS
        and can_use_second_factor(user)
        and not user_has_second_factor(user)
    )


def recovery_codes_status(*, user) -> RecoveryCodesStatus:
    left = recovery_codes_left(user=user)
    return RecoveryCodesStatus(left=left, running_low=left <= FEW_LEFT)


def totp_qr_code(*, device: TOTPDevice) -> QrCode:
    # box_size 10 is qrcode's SVG scale at which one module is one user unit of the path.
    image = qrcode.make(device.config_url, image_factory=SvgPathImage, box_size=10, border=4)
    image.to_string()  # builds image.path
    return QrCode(size=image.width + 2 * image.border, path=image.path.get("d"))


def totp_secret_text(*, device: TOTPDevice) -> str:
    """The key as authenticator apps take it when typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _log(event: str, *, user, ip: str, level: int = logging.INFO, **fields) -> None:
    security_log.log(
        level,
        "second factor: %s for %s from %s",
        event,
        user.get_username(),
        ip,
        extra={"event": f"totp.{event}", "user_id": user.pk, "ip": ip, **fields},
    )


def _throttle_error(
    *, device: TOTPDevice, user, ip: str, purpose: str, message: str = CODE_THROTTLED
) -> ValidationError | None:
    """The error while earlier wrong codes (app or recovery) make this try wait, else None."""
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (info or {}).get("locked_until") or timezone.now()
    wait = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
    _log(
        "code_throttled",
        user=user,
        ip=ip,
        level=logging.WARNING,
        purpose=purpose,
        failures=device.throttling_failure_count,
    )
    return ValidationError(message.format(seconds=wait), code="throttled")


def _code_error(
    *, device: TOTPDevice, user, code: str, ip: str, purpose: str
) -> ValidationError | None:
    """None if `code` is right and of a time step not used before; else the error for the code
    field. Returned, not raised: the caller commits first, so the failure count a wrong code adds
    (verify_token saves it) is never rolled back with the error."""
    if not code:
        return ValidationError(CODE_MISSING, code="required")
    throttled = _throttle_error(device=device, user=user, ip=ip, purpose=purpose)
    if throttled is not None:
        return throttled
    if not device.verify_token(code):
        _log(
            "code_wrong",
            user=user,
            ip=ip,
            level=logging.WARNING,
            purpose=purpose,
            failures=device.throttling_failure_count,
        )
        return ValidationError(CODE_WRONG, code="wrong")
    return None


def _locked(user, *, confirmed: bool | None) -> TOTPDevice | None:
    # Locked while a code is checked: two requests with one code cannot both pass (last_t).
    devices = TOTPDevice.objects.select_for_update().filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("pk").first()


def totp_setup_begin(*, actor, ip: str) -> TOTPDevice:
    """A new, unconfirmed device with a fresh key, replacing any earlier unfinished set-up."""
    if not can_use_second_factor(actor):
        raise ValidationError(NOT_ALLOWED)
    with transaction.atomic():
        if _locked(actor, confirmed=True) is not None:
            raise ValidationError(ALREADY_SET_UP)
        TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=actor, name=DEVICE_NAME, confirmed=False)
    _log("setup_started", user=actor, ip=ip, device_id=device.pk)
    return device


def totp_setup_confirm(*, actor, code: str, ip: str) -> Enrolment:
    """Confirms the pending device with a code from the app: from now on sign-in asks for one.
    Makes the recovery codes in the same transaction, so no app is ever on without them."""
    recovery_codes: tuple[str, ...] = ()
    with transaction.atomic():
        if _locked(actor, confirmed=True) is not None:
            raise ValidationError(ALREADY_SET_UP)
        device = _locked(actor, confirmed=False)
        if device is None:
            raise ValidationError(NOTHING_TO_CONFIRM)
        error = _code_error(device=device, user=actor, code=code, ip=ip, purpose="setup")
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            recovery_codes = recovery_codes_replace(user=actor)
    if error is not None:
        raise error
    _log("enrolled", user=actor, ip=ip, device_id=device.pk, recovery_codes=len(recovery_codes))
    return Enrolment(device=device, recovery_codes=recovery_codes)


def totp_recovery_codes_regenerate(*, actor, code: str, ip: str) -> tuple[str, ...]:
    """New recovery codes for a current app code; the old ones stop working. The code, not the
    session alone, because whoever holds the codes can pass the second factor."""
    recovery_codes: tuple[str, ...] = ()
    with transaction.atomic():
        device = _locked(actor, confirmed=True)
        if device is None:
            raise ValidationError(NO_DEVICE)
        error = _code_error(device=device, user=actor, code=code, ip=ip, purpose="recovery_codes")
        if error is None:
            recovery_codes = recovery_codes_replace(user=actor)
    if error is not None:
        raise error
    _log("recovery_codes_regenerated", user=actor, ip=ip, recovery_codes=len(recovery_codes))
    return recovery_codes


def totp_device_remove(*, actor, code: str, ip: str) -> None:
    """Removes the user's device: a confirmed one only with a current code (a stolen session
    alone cannot switch the second factor off); an unfinished set-up without one."""
    error = None
    with transaction.atomic():
        device = _locked(actor, confirmed=True)
        if device is None:
            pending = TOTPDevice.objects.filter(user=actor, confirmed=False)
            if not pending.exists():
                raise ValidationError(NO_DEVICE)
            pending.delete()
            recovery_codes_delete(user=actor)
            event = "setup_cancelled"
        else:
            # A lost phone: the recovery code the user just signed in with also removes the app,
            # so they can set up the new phone themselves instead of waiting for an admin.
            recovery = recovery_code_normalise(code)
            if recovery_code_is_well_formed(recovery):  # 10 characters; an app code has 6
                error = _recovery_code_use(
                    device=device, user=actor, code=recovery, ip=ip, purpose="remove"
                )[1]
            else:
                error = _code_error(device=device, user=actor, code=code, ip=ip, purpose="remove")
            if error is None:
                device.delete()
                recovery_codes_delete(user=actor)
            event = "removed"
    if error is not None:
        raise error
    _log(event, user=actor, ip=ip)


def totp_device_reset(*, actor, device: TOTPDevice, ip: str) -> None:
    """An administrator removes someone's device (lost phone) and their recovery codes; they
    sign in with the password alone until they add a new one (or must add one, with
    OTP_REQUIRED_FOR_REVIEWERS)."""
    owner = device.user
    device_id = device.pk
    with transaction.atomic():
        device.delete()
        codes_deleted = recovery_codes_delete(user=owner)
    _log(
        "reset_by_admin",
        user=owner,
        ip=ip,
        level=logging.WARNING,
        device_id=device_id,
        admin_id=actor.pk,
        admin=actor.get_username(),
        recovery_codes_deleted=codes_deleted,
    )


def totp_verify(*, user, code: str, ip: str, purpose: str) -> TOTPDevice:
    """Checks a code from the user's confirmed device (sign-in, API token); returns the device."""
    with transaction.atomic():
        device = _locked(user, confirmed=True)
        if device is None:
            raise ValidationError(NO_DEVICE)
        error = _code_error(device=device, user=user, code=code, ip=ip, purpose=purpose)
    if error is not None:
        raise error
    _log("verified", user=user, ip=ip, purpose=purpose)
    return device


def _recovery_code_use(
    *, device: TOTPDevice, user, code: str, ip: str, purpose: str
) -> tuple[StaticDevice | None, ValidationError | None]:
    """Uses up a (normalised) recovery code under the app's throttle, inside the caller's
    transaction with the app's device row locked: (the codes' device, None) when it was right,
    (None, the error) when not. Returned, not raised, as in _code_error: the failure count must
    be committed."""
    if not code:
        return None, ValidationError(RECOVERY_CODE_MISSING, code="required")
    error = _throttle_error(
        device=device,
        user=user,
        ip=ip,
        purpose=f"{purpose}_recovery",
        message=RECOVERY_CODE_THROTTLED,
    )
    if error is not None:
        return None, error
    used = recovery_code_consume(user=user, code=code)
    if used is None:
        device.throttle_increment(commit=True)
        _log(
            "recovery_code_wrong",
            user=user,
            ip=ip,
            level=logging.WARNING,
            purpose=purpose,
            failures=device.throttling_failure_count,
        )
        return None, ValidationError(RECOVERY_CODE_WRONG, code="wrong")
    device.throttle_reset(commit=True)
    _log(
        "recovery_code_used",
        user=user,
        ip=ip,
        level=logging.WARNING,
        purpose=purpose,
        remaining=recovery_codes_left(user=user),
    )
    return used, None


def totp_verify_recovery_code(*, user, code: str, ip: str) -> RecoveryCodeUse:
    """Checks a recovery code at sign-in and uses it up. Only for a user whose app is confirmed,
    and under the app's throttle: the TOTP device row is locked and counts the failures."""
    code = recovery_code_normalise(code)
    with transaction.atomic():
        device = _locked(user, confirmed=True)
        if device is None:
            raise ValidationError(NO_DEVICE)
        used, error = _recovery_code_use(
            device=device, user=user, code=code, ip=ip, purpose="sign_in"
        )
        left = recovery_codes_left(user=user)
    if error is not None:
        raise error
    return RecoveryCodeUse(device=used, left=left)
