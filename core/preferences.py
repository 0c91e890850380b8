"""The account page's time zone setting: a select of IANA zones, checked against zoneinfo."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from core.models import UserPreference
from core.permissions import can_read, role_required
from core.timezones import (
    UNKNOWN_ZONE,
    forget_session_zone,
    request_time_zone,
    user_time_zone_set,
    valid_zone,
    zone_choices,
)

AUTOMATIC = ""
TIME_ZONE_SAVED = "Saved: times now show in {zone}."
TIME_ZONE_AUTOMATIC = "Saved: times follow your browser's time zone."


class TimeZoneForm(forms.Form):
    time_zone = forms.CharField(required=False, max_length=64)

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        if value != AUTOMATIC and not valid_zone(value):
            raise forms.ValidationError(UNKNOWN_ZONE)
        return value


def _page(request, form, *, status=200):
    preference = UserPreference.objects.filter(user=request.user).first()
    chosen = preference.time_zone if preference and preference.time_zone_chosen else AUTOMATIC
    context = {
        "form": form,
        "zones": zone_choices(),
        "chosen": form.data.get("time_zone", chosen) if form.is_bound else chosen,
        "current": request_time_zone(request),
        "server_zone": settings.TIME_ZONE,
    }
    return render(request, "account/preferences.html", context, status=status)


# "read": every role may set how their own pages print times; it changes no record.
@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_read)
def account_preferences(request):
    if request.method != "POST":
        return _page(request, TimeZoneForm())
    form = TimeZoneForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    zone = form.cleaned_data["time_zone"]
    user_time_zone_set(actor=request.user, time_zone=zone, chosen=zone != AUTOMATIC)
    forget_session_zone(request)
    messages.success(request, TIME_ZONE_SAVED.format(zone=zone) if zone else TIME_ZONE_AUTOMATIC)
    return redirect("account-preferences")
