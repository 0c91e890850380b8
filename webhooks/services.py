"""Writes of webhooks: registering an endpoint, emitting an event (one delivery per subscribed
endpoint, sent by a worker after the transaction commits), making one delivery attempt with its
retry schedule, redelivering, and switching an endpoint off after repeated failures."""

import datetime
import json
import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from core.errors import NotAllowed, ServiceError
from core.permissions import can_manage_webhooks
from core.roles import Role
from core.text import typed_text_require
from webhooks import egress, signing
from webhooks.events import EVENTS
from webhooks.models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

ADMINS_ONLY = "Only an admin can manage webhooks."
EVENTS_REQUIRED = "Choose at least one event: {known}."
UNKNOWN_EVENT = "{event!r} is not an event; choose from {known}."
URL_REFUSED = "This URL cannot receive webhooks: {reason}."
DESCRIPTION_LIMIT = 200
DESCRIPTION_TOO_LONG = f"Keep the description to {DESCRIPTION_LIMIT} characters."


def _refusal(url: str) -> str | None:
    try:
        egress.resolve(url, allow_loopback=settings.WEBHOOKS_ALLOW_LOOPBACK)
    except egress.Refused as refused:
        return str(refused)
    return None


def _refused(field: str, message: str) -> ServiceError:
    return ServiceError(message, field_errors={field: [message]})


def _events_clean(events) -> list[str]:
    known = ", ".join(EVENTS)
    if not isinstance(events, list | tuple) or not events:
        raise _refused("events", EVENTS_REQUIRED.format(known=known))
    bad = [e for e in events if e not in EVENTS]
    if bad:
        raise _refused("events", UNKNOWN_EVENT.format(event=bad[0], known=known))
    return [e for e in EVENTS if e in events]


def _description_clean(description: str) -> str:
    text = typed_text_require(description=(description, False))["description"]
    if len(text) > DESCRIPTION_LIMIT:
        raise _refused("description", DESCRIPTION_TOO_LONG)
    return text


@transaction.atomic
def webhook_endpoint_create(
    *, actor, url: str, events, description: str = ""
) -> tuple[WebhookEndpoint, str]:
    """The new endpoint and its secret, which is shown this once. The URL must be https and
    resolve to public addresses only; it is checked again at every delivery."""
    if not can_manage_webhooks(actor):
        raise NotAllowed(ADMINS_ONLY)
    url = (url or "").strip()
    description = _description_clean(description)
    reason = _refusal(url)
    if reason:
        raise _refused("url", URL_REFUSED.format(reason=reason))
    endpoint = WebhookEndpoint.objects.create(
        url=url,
        events=_events_clean(events),
        description=description,
        secret=signing.new_secret(),
        created_by=actor,
    )
    logger.info(
        "webhook endpoint registered",
        extra={
            "event": "webhook.registered",
            "endpoint_id": str(endpoint.pk),
            "actor_id": actor.pk,
        },
    )
    return endpoint, endpoint.secret


@transaction.atomic
def webhook_endpoint_update(
    *, actor, endpoint: WebhookEndpoint, events=None, description=None, is_active=None
) -> WebhookEndpoint:
    """Change the events or the description, or switch the endpoint on or off. Switching it on
    again starts its failure count afresh; the URL cannot change (register a new endpoint)."""
    if not can_manage_webhooks(actor):
        raise NotAllowed(ADMINS_ONLY)
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if events is not None:
        endpoint.events = _events_clean(events)
    if description is not None:
        endpoint.description = _description_clean(description)
    if is_active is True and not endpoint.is_active:
        endpoint.is_active = True
        endpoint.consecutive_failures = 0
        endpoint.disabled_at = None
        endpoint.disabled_reason = ""
    elif is_active is False and endpoint.is_active:
        endpoint.is_active = False
        endpoint.disabled_at = timezone.now()
        endpoint.disabled_reason = "Switched off by an admin."
    endpoint.save()
    return endpoint


def webhook_event_emit(*, event: str, data: dict) -> list[WebhookDelivery]:
    """One delivery per active endpoint subscribed to `event`; each is sent by a worker once the
    caller's transaction commits (never from the request itself). `data` holds ids and links,
    not assessment content: a receiver reads what it needs with its own API token."""
    if event not in EVENTS:
        raise ValueError(f"unknown webhook event {event!r}")  # a programming error, not input
    deliveries = []
    for endpoint in WebhookEndpoint.objects.filter(is_active=True):
        if event not in endpoint.events:
            continue
        delivery = WebhookDelivery(endpoint=endpoint, event=event, payload={})
        delivery.payload = {
            "id": delivery.event_id,
            "type": event,
            "created_at": timezone.now().isoformat(),
            "data": data,
        }
        delivery.next_attempt_at = timezone.now()
        delivery.save()
        deliveries.append(delivery)
    if deliveries:
        transaction.on_commit(lambda: _enqueue([d.pk for d in deliveries]))
    return deliveries


def _enqueue(delivery_ids) -> None:
    from webhooks.tasks import deliver

    for delivery_id in delivery_ids:
        deliver.delay(str(delivery_id))


def webhook_delivery_attempt(*, delivery_id) -> WebhookDelivery | None:
    """One attempt: sign, send, record. A 2xx delivers; anything else (or no answer, or an
    address refused at this moment) schedules the next attempt, or gives up after the last."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("endpoint")
            .filter(
                pk=delivery_id,
                status=WebhookDelivery.Status.PENDING,
                next_attempt_at__lte=timezone.now(),
            )
            .first()
        )
        if delivery is None:
            # Delivered, given up, not due yet (a task the sweep queued twice), or another worker
            # has it right now: a retry never comes early.
            return None
        endpoint = delivery.endpoint
        if not endpoint.is_active:
            return _give_up(delivery, "The endpoint is switched off.")
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        headers = signing.headers(endpoint.secret, delivery.event_id, int(time.time()), body)
        delivery.attempts += 1
        status, error = _send(endpoint.url, body, headers)
        delivery.last_status_code = status
        delivery.last_error = error
        if status is not None and 200 <= status < 300:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
            delivery.save()
            WebhookEndpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
            return delivery
        return _failed(delivery, endpoint)


def _send(url: str, body: bytes, headers: dict) -> tuple[int | None, str]:
    try:
        answer = egress.post(
            url,
            body,
            headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_loopback=settings.WEBHOOKS_ALLOW_LOOPBACK,
        )
    except egress.Refused as refused:
        return None, f"Refused: {refused}."[:300]
    except OSError as error:
        return None, f"No answer: {error.__class__.__name__}: {error}"[:300]
    except Exception as error:  # http.client's protocol errors: the receiver misbehaved
        return None, f"Broken answer: {error.__class__.__name__}"[:300]
    return answer.status, "" if 200 <= answer.status < 300 else f"Answered {answer.status}."


def _failed(delivery: WebhookDelivery, endpoint: WebhookEndpoint) -> WebhookDelivery:
    delays = settings.WEBHOOK_RETRY_DELAYS
    if delivery.attempts > len(delays):
        _give_up(delivery, delivery.last_error)
    else:
        delay = delays[delivery.attempts - 1]
        delivery.next_attempt_at = timezone.now() + datetime.timedelta(seconds=delay)
        delivery.save()
    # Counted in the database: deliveries to one endpoint may fail in several workers at once.
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    failures = WebhookEndpoint.objects.values_list("consecutive_failures", flat=True).get(
        pk=endpoint.pk
    )
    if failures >= settings.WEBHOOK_FAILURES_TO_DISABLE and endpoint.is_active:
        webhook_endpoint_disable(
            endpoint=endpoint,
            reason=f"{failures} failed attempts in a row; the last: {delivery.last_error}",
        )
    return delivery


def _give_up(delivery: WebhookDelivery, reason: str) -> WebhookDelivery:
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.next_attempt_at = None
    delivery.last_error = (reason or "Given up.")[:300]
    delivery.save()
    return delivery


def webhook_endpoint_disable(*, endpoint: WebhookEndpoint, reason: str) -> None:
    """Switch the endpoint off (its pending deliveries are given up when next due) and tell the
    admins by mail (the webhooks page shows it too)."""
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        is_active=False, disabled_at=timezone.now(), disabled_reason=reason[:300]
    )
    logger.warning(
        "webhook endpoint switched off",
        extra={"event": "webhook.disabled", "endpoint_id": str(endpoint.pk)},
    )
    body = (
        f"The webhook endpoint {endpoint.url} stopped answering and was switched off: {reason}\n"
        "No more events are sent to it. Fix the receiver, then switch it on again on the "
        "webhooks page."
    )
    recipients = _admin_addresses()
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                "A webhook endpoint was switched off",
                body,
                None,
                recipients,
                fail_silently=True,
            )
        )


def _admin_addresses() -> list[str]:
    """The people with the admin role (group or superuser) who can be written to."""
    users = get_user_model().objects.filter(
        Q(groups__name=Role.ADMIN.value) | Q(is_superuser=True), is_active=True
    )
    return sorted({u.email for u in users.exclude(email="")})


def webhook_redeliver(*, actor, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again now, as a new attempt series with the same event id."""
    if not can_manage_webhooks(actor):
        raise NotAllowed(ADMINS_ONLY)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
    transaction.on_commit(lambda: _enqueue([delivery.pk]))
    delivery.refresh_from_db()
    return delivery


def webhook_deliveries_due(*, now=None) -> list:
    """Pending deliveries whose next attempt is due: what the beat sweep sends."""
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)[:500]
    )
