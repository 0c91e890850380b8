"""The account's API tokens page: make a named token (its key shown once, in the response that
made it), see each token's access, expiry, last use and state, and revoke one."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from core.client_ip import client_ip
from core.errors import ServiceError
from core.permissions import can_read, role_required
from core.tokens.selectors import LISTED, api_token_for, api_tokens_of, token_state
from core.tokens.services import (
    NAME_MAX,
    NAME_REQUIRED,
    api_token_create,
    api_token_revoke,
    days_out_of_range,
)

ACCESS_CHOICES = (("read", "Read only"), ("write", "Read and write"))
REVOKED = "Revoked “{name}”: it stops working now."
ALREADY_REVOKED = "“{name}” was already revoked."


class TokenForm(forms.Form):
    name = forms.CharField(
        max_length=NAME_MAX, label="Name", error_messages={"required": NAME_REQUIRED}
    )
    access = forms.ChoiceField(choices=ACCESS_CHOICES, initial="read", widget=forms.RadioSelect)
    expires_in_days = forms.IntegerField(label="Works for (days)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["expires_in_days"]
        days.initial = settings.API_TOKEN_DEFAULT_DAYS

    def clean_expires_in_days(self) -> int:
        value = self.cleaned_data["expires_in_days"]
        if not 1 <= value <= settings.API_TOKEN_MAX_DAYS:
            raise forms.ValidationError(days_out_of_range())
        return value


def _page(request, form, *, issued=None, status=200):
    tokens = list(api_tokens_of(user=request.user)[:LISTED])
    for token in tokens:
        token.state = token_state(token)
    context = {
        "form": form,
        "tokens": tokens,
        "issued": issued,
        "max_days": settings.API_TOKEN_MAX_DAYS,
        "max_tokens": settings.API_TOKEN_MAX_PER_USER,
    }
    return render(request, "account/tokens.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def account_tokens(request):
    if request.method != "POST":
        return _page(request, TokenForm())
    form = TokenForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    data = form.cleaned_data
    try:
        issued = api_token_create(
            user=request.user,
            name=data["name"],
            read_only=data["access"] == "read",
            expires_in_days=data["expires_in_days"],
            ip=client_ip(request),
        )
    except ValidationError as error:
        for field, problems in error.message_dict.items():
            form.add_error(field if field in form.fields else None, problems)
        return _page(request, form, status=400)
    except ServiceError as error:
        form.add_error(None, error.message)
        return _page(request, form, status=400)
    # The key is in this response only: never in the session, a message or a redirect.
    return _page(request, TokenForm(), issued=issued)


@require_POST
@role_required(can_read)
def account_token_revoke(request, pk):
    token = api_token_for(actor=request.user, pk=pk)
    done = api_token_revoke(actor=request.user, token=token, ip=client_ip(request))
    messages.success(request, (REVOKED if done else ALREADY_REVOKED).format(name=token.name))
    return redirect("account-tokens")
