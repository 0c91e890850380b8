"""The admins' webhooks pages: register an endpoint (its secret shown once, in the response that
made it), see each endpoint's state and its recent deliveries, switch one on or off, redeliver;
and each endpoint's whole delivery log, a page at a time."""

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.errors import ServiceError
from core.permissions import can_manage_webhooks, role_required
from webhooks.events import EVENTS
from webhooks.models import WebhookEndpoint
from webhooks.selectors import webhook_delivery_get, webhook_endpoint_get
from webhooks.services import (
    webhook_endpoint_create,
    webhook_endpoint_update,
    webhook_redeliver,
)

RECENT_DELIVERIES = 20
LOG_PAGE_SIZE = 50
SWITCHED = {True: "Switched on: events are sent again.", False: "Switched off: nothing is sent."}
REDELIVERING = "Sending it again now; reload to see how it went."


class EndpointForm(forms.Form):
    url = forms.CharField(label="URL", max_length=2_000)
    events = forms.MultipleChoiceField(
        choices=[(key, f"{key} — {words}") for key, words in EVENTS.items()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one event."},
    )
    description = forms.CharField(label="Description", max_length=200, required=False)


def _page(request, form, *, created=None, status=200):
    endpoints = list(WebhookEndpoint.objects.order_by("created_at"))
    for endpoint in endpoints:
        # One more than shown says whether the log holds more than the recent ones.
        recent = list(endpoint.deliveries.all()[: RECENT_DELIVERIES + 1])
        endpoint.recent, endpoint.more = recent[:RECENT_DELIVERIES], len(recent) > RECENT_DELIVERIES
    return render(
        request,
        "webhooks/endpoints.html",
        {"form": form, "endpoints": endpoints, "created": created},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_webhooks)
def webhook_endpoints(request):
    if request.method != "POST":
        return _page(request, EndpointForm())
    form = EndpointForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        endpoint, secret = webhook_endpoint_create(actor=request.user, **form.cleaned_data)
    except ServiceError as error:
        for field, problems in (error.field_errors or {None: [error.message]}).items():
            form.add_error(field if field in form.fields else None, problems)
        return _page(request, form, status=400)
    # The secret is in this response only: never in the session, a message or a redirect.
    return _page(request, EndpointForm(), created={"endpoint": endpoint, "secret": secret})


@require_POST
@role_required(can_manage_webhooks)
def webhook_switch(request, pk):
    endpoint = webhook_endpoint_get(user=request.user, pk=pk)
    on = request.POST.get("on") == "1"
    webhook_endpoint_update(actor=request.user, endpoint=endpoint, is_active=on)
    messages.success(request, SWITCHED[on])
    return redirect("webhooks:endpoints")


@require_POST
@role_required(can_manage_webhooks)
def webhook_redeliver_view(request, pk, delivery_id):
    delivery = webhook_delivery_get(user=request.user, endpoint_pk=pk, pk=delivery_id)
    webhook_redeliver(actor=request.user, delivery=delivery)
    messages.success(request, REDELIVERING)
    if request.POST.get("from") == "log":
        return redirect("webhooks:deliveries", pk=pk)
    return redirect("webhooks:endpoints")


@require_safe
@role_required(can_manage_webhooks)
def webhook_delivery_log(request, pk):
    endpoint = webhook_endpoint_get(user=request.user, pk=pk)
    page = Paginator(endpoint.deliveries.all(), LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "webhooks/delivery_log.html", {"endpoint": endpoint, "page": page})
