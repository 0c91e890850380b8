"""Reads of webhooks: the one access-checked getter per object (admins only; anyone else is told
it does not exist rather than that it is forbidden, once past the role check of the view)."""

from django.http import Http404

from core.permissions import can_manage_webhooks
from webhooks.models import WebhookDelivery, WebhookEndpoint


def webhook_endpoint_get(*, user, pk) -> WebhookEndpoint:
    if not can_manage_webhooks(user):
        raise Http404
    try:
        return WebhookEndpoint.objects.get(pk=pk)
    except (WebhookEndpoint.DoesNotExist, ValueError):
        raise Http404 from None


def webhook_delivery_get(*, user, endpoint_pk, pk) -> WebhookDelivery:
    endpoint = webhook_endpoint_get(user=user, pk=endpoint_pk)
    try:
        return endpoint.deliveries.get(pk=pk)
    except (WebhookDelivery.DoesNotExist, ValueError):
        raise Http404 from None
