"""Browser pages of the second factor: the sign-in code step (the app's code, or a recovery code
instead), and the account security page where architects and admins add or remove their
authenticator app and renew their recovery codes. Rules live in core.totp.

Recovery codes are shown in the response to the request that made them (confirming the app, or
generating new ones), never put in the session or anywhere else: reloading the page, or any later
visit, cannot show them again."""

import re

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login

from core.client_ip import client_ip
from core.permissions import can_use_second_factor, role_required
from core.recovery_codes import recovery_code_is_well_formed, recovery_code_normalise
from core.sessions import second_factor_done
from core.totp import (
    CODE_MISSING,
    RECOVERY_CODE_MISSING,
    recovery_codes_status,
    totp_device_for_user,
    totp_device_remove,
    totp_qr_code,
    totp_recovery_codes_regenerate,
    totp_secret_text,
    totp_setup_begin,
    totp_setup_confirm,
    totp_verify,
    totp_verify_recovery_code,
    user_has_second_factor,
    user_must_add_second_factor,
)

APP_ADDED = "Your authenticator app is set up: signing in now asks for its code."
APP_REMOVED = "Your authenticator app was removed: signing in needs only your password."
SETUP_CANCELLED = "The set-up was cancelled."
RECOVERY_CODES_REPLACED = "New recovery codes were made: the old ones no longer work."
RECOVERY_CODE_ACCEPTED = (
    "You signed in with a recovery code; it will not work again. Recovery "
    "codes left: {left}. Lost your phone? Remove the authenticator app on "
    "the Account security page with another recovery code, then set up "
    "the new phone."
)

_CODE = re.compile(r"\d{6}")
APP_OR_RECOVERY_CODE_MISSING = (
    "Enter the 6-digit code from your authenticator app, or one of your recovery codes."
)


class CodeForm(forms.Form):
    """A 6-digit code; spaces are forgiven (apps show "123 456"). Whether one is needed at all is
    the service's decision, so that an empty box is never counted as a wrong code."""

    code = forms.CharField(required=False, max_length=20)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if code and not _CODE.fullmatch(code):
            raise ValidationError(CODE_MISSING)
        return code


class AppOrRecoveryCodeForm(forms.Form):
    """Removing the app: a 6-digit code from it, or — the phone being lost — a recovery code.
    The service tells the two apart; here only what can be neither is refused."""

    code = forms.CharField(required=False, max_length=40)

    def clean_code(self) -> str:
        raw = self.cleaned_data["code"]
        digits = "".join(raw.split())
        if not digits or _CODE.fullmatch(digits):
            return digits
        if recovery_code_is_well_formed(recovery_code_normalise(raw)):
            return raw
        raise ValidationError(APP_OR_RECOVERY_CODE_MISSING)


class RecoveryCodeForm(forms.Form):
    """A recovery code as printed (`abcd-efgh-jk`) or typed any other way: dashes, spaces and
    case do not matter. A value that cannot be a code is refused here, not counted as a try."""

    recovery_code = forms.CharField(required=False, max_length=40)

    def clean_recovery_code(self) -> str:
        code = recovery_code_normalise(self.cleaned_data["recovery_code"])
        if code and not recovery_code_is_well_formed(code):
            raise ValidationError(RECOVERY_CODE_MISSING)
        return code


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _nothing_owed(request: HttpRequest) -> HttpResponse | None:
    """Where to go instead when this session owes no code (signed out, already verified, or no
    app); None while it does."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if second_factor_done(request) or not user_has_second_factor(request.user):
        return redirect(_next_url(request))
    return None


def _verified(request: HttpRequest, device) -> HttpResponse:
    # A new session key once the session gains the second factor, as at sign-in.
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_next_url(request))


def _code_page(request: HttpRequest, form: forms.Form, *, recovery: bool) -> HttpResponse:
    return render(
        request,
        "registration/login_code.html",
        {"form": form, "next": _next_url(request), "recovery": recovery},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second sign-in step. The password step (Django's LoginView) has signed the user in;
    core.middleware.SecondFactorMiddleware keeps every other page closed until this one passes."""
    if (elsewhere := _nothing_owed(request)) is not None:
        return elsewhere
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            device = totp_verify(
                user=request.user,
                code=form.cleaned_data["code"],
                ip=client_ip(request),
                purpose="sign_in",
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            return _verified(request, device)
    return _code_page(request, form, recovery=False)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def login_recovery_code(request: HttpRequest) -> HttpResponse:
    """The same step with a recovery code instead of the app's code (linked from that page)."""
    if (elsewhere := _nothing_owed(request)) is not None:
        return elsewhere
    form = RecoveryCodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            used = totp_verify_recovery_code(
                user=request.user, code=form.cleaned_data["recovery_code"], ip=client_ip(request)
            )
        except ValidationError as error:
            form.add_error("recovery_code", error)
        else:
            messages.warning(request, RECOVERY_CODE_ACCEPTED.format(left=used.left))
            return _verified(request, used.device)
    return _code_page(request, form, recovery=True)


def _security_page(
    request: HttpRequest,
    form: CodeForm,
    *,
    status: int = 200,
    regenerate_form: CodeForm | None = None,
    fresh_codes: tuple[str, ...] = (),
) -> HttpResponse:
    """`form` is the app's confirm or remove form (one shows at a time), `regenerate_form` the
    recovery codes' one; `fresh_codes` are shown once, in this response."""
    device = totp_device_for_user(user=request.user, confirmed=None)
    confirmed = device is not None and device.confirmed
    context = {
        "device": device,
        "form": form,
        "regenerate_form": regenerate_form or CodeForm(),
        # The user was loaded before a confirmation in this very request: ask the device.
        "must_add": user_must_add_second_factor(request.user) and not confirmed,
        "fresh_codes": fresh_codes,
    }
    if confirmed:
        context["recovery"] = recovery_codes_status(user=request.user)
    elif device is not None:
        context |= {"qr": totp_qr_code(device=device), "secret": totp_secret_text(device=device)}
    return render(request, "account/security.html", context, status=status)


@require_safe
@never_cache  # it shows the secret while a set-up waits for its code
@role_required(can_use_second_factor)
def account_security(request: HttpRequest) -> HttpResponse:
    return _security_page(request, CodeForm())


@require_POST
@role_required(can_use_second_factor)
def totp_setup(request: HttpRequest) -> HttpResponse:
    try:
        totp_setup_begin(actor=request.user, ip=client_ip(request))
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect("account-security")


@require_POST
@never_cache
@role_required(can_use_second_factor)
def totp_confirm(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            enrolment = totp_setup_confirm(
                actor=request.user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            # This session has just shown it holds the app: it need not give a second code.
            otp_login(request, enrolment.device)
            messages.success(request, APP_ADDED)
            return _security_page(request, CodeForm(), fresh_codes=enrolment.recovery_codes)
    return _security_page(request, form, status=400)


@require_POST
@never_cache
@role_required(can_use_second_factor)
def recovery_codes_regenerate(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    if form.is_valid():
        try:
            codes = totp_recovery_codes_regenerate(
                actor=request.user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, RECOVERY_CODES_REPLACED)
            return _security_page(request, CodeForm(), fresh_codes=codes)
    return _security_page(request, CodeForm(), regenerate_form=form, status=400)


@require_POST
@never_cache
@role_required(can_use_second_factor)
def totp_remove(request: HttpRequest) -> HttpResponse:
    form = AppOrRecoveryCodeForm(request.POST)
    pending = not user_has_second_factor(request.user)
    if form.is_valid():
        try:
            totp_device_remove(
                actor=request.user, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, SETUP_CANCELLED if pending else APP_REMOVED)
            return redirect("account-security")
    return _security_page(request, form, status=400)
