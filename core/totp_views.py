"""Browser pages of the second factor: the sign-in code step, and the account security page where
architects and admins add or remove their authenticator app. Rules live in core.totp."""

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
from core.totp import (
    CODE_MISSING,
    totp_device_for_user,
    totp_device_remove,
    totp_qr_code,
    totp_secret_text,
    totp_setup_begin,
    totp_setup_confirm,
    totp_verify,
    user_has_second_factor,
    user_must_add_second_factor,
)

APP_ADDED = "Your authenticator app is set up: signing in now asks for its code."
APP_REMOVED = "Your authenticator app was removed: signing in needs only your password."
SETUP_CANCELLED = "The set-up was cancelled."

_CODE = re.compile(r"\d{6}")


class CodeForm(forms.Form):
    """A 6-digit code; spaces are forgiven (apps show "123 456"). Whether one is needed at all is
    the service's decision, so that an empty box is never counted as a wrong code."""

    code = forms.CharField(required=False, max_length=20)

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if code and not _CODE.fullmatch(code):
            raise ValidationError(CODE_MISSING)
        return code


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def login_code(request: HttpRequest) -> HttpResponse:
    """The second sign-in step. The password step (Django's LoginView) has signed the user in;
    core.middleware.SecondFactorMiddleware keeps every other page closed until this one passes."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    next_url = _next_url(request)
    if request.user.is_verified() or not user_has_second_factor(request.user):
        return redirect(next_url)
    form = CodeForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        try:
            device = totp_verify(user=request.user, code=form.cleaned_data["code"],
                                 ip=client_ip(request), purpose="sign_in")
        except ValidationError as error:
            form.add_error("code", error)
        else:
            # A new session key once the session gains the second factor, as at sign-in.
            request.session.cycle_key()
            otp_login(request, device)
            return redirect(next_url)
    return render(request, "registration/login_code.html", {"form": form, "next": next_url})


def _security_page(request: HttpRequest, form: CodeForm, *, status: int = 200) -> HttpResponse:
    device = totp_device_for_user(user=request.user, confirmed=None)
    context = {
        "device": device,
        "form": form,
        "must_add": user_must_add_second_factor(request.user),
    }
    if device is not None and not device.confirmed:
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
            device = totp_setup_confirm(actor=request.user, code=form.cleaned_data["code"],
                                        ip=client_ip(request))
        except ValidationError as error:
            form.add_error("code", error)
        else:
            # This session has just shown it holds the app: it need not give a second code.
            otp_login(request, device)
            messages.success(request, APP_ADDED)
            return redirect("account-security")
    return _security_page(request, form, status=400)


@require_POST
@never_cache
@role_required(can_use_second_factor)
def totp_remove(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST)
    pending = not user_has_second_factor(request.user)
    if form.is_valid():
        try:
            totp_device_remove(actor=request.user, code=form.cleaned_data["code"],
                               ip=client_ip(request))
        except ValidationError as error:
            form.add_error("code", error)
        else:
            messages.success(request, SETUP_CANCELLED if pending else APP_REMOVED)
            return redirect("account-security")
    return _security_page(request, form, status=400)
