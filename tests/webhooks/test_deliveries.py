"""Webhook endpoints and deliveries through the services: only admins register, only public https
URLs pass, an event becomes one signed delivery per subscribed endpoint that a receiver verifies,
failures retry on the schedule and give up, repeated failures switch the endpoint off and tell the
admins, and an address refused at delivery time never gets a connection."""

import json
import socket
import time

import pytest
from django.core import mail
from django.utils import timezone

from assessments.lifecycle.services import assessment_submit
from core.errors import NotAllowed, ServiceError
from tests.assessments.helpers import answer_all
from tests.reports.conftest import assessment_of
from tests.webhooks.receiver import Receiver
from webhooks import signing
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.services import (
    webhook_delivery_attempt,
    webhook_endpoint_create,
    webhook_event_emit,
    webhook_redeliver,
)

pytestmark = pytest.mark.django_db


def _when_due(delivery) -> None:
    """The retry's time has come (instead of waiting out the backoff)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())


@pytest.fixture
def loopback(settings):
    """Loopback receivers are allowed, as only the test settings may."""
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    settings.WEBHOOK_RETRY_DELAYS = (60, 300)
    settings.WEBHOOK_FAILURES_TO_DISABLE = 5
    return settings


def test_only_admins_register_and_only_public_https_urls_pass(admin_user, architect_user):
    with pytest.raises(NotAllowed):
        webhook_endpoint_create(
            actor=architect_user, url="https://example.com/h", events=["report.done"]
        )
    for url, reason in (
        ("http://example.com/hook", "only https"),
        ("https://127.0.0.1/hook", "loopback"),
        ("https://169.254.169.254/", "link-local"),
        ("https://10.0.0.8/hook", "private"),
    ):
        with pytest.raises(ServiceError) as refused:
            webhook_endpoint_create(actor=admin_user, url=url, events=["report.done"])
        assert reason in refused.value.field_errors["url"][0]
        assert refused.value.field_errors["url"][0].startswith("This URL cannot receive webhooks")
    with pytest.raises(ServiceError) as no_events:
        webhook_endpoint_create(actor=admin_user, url="https://93.184.215.14/h", events=[])
    assert "Choose at least one event" in no_events.value.field_errors["events"][0]
    with pytest.raises(ServiceError) as bad_event:
        webhook_endpoint_create(actor=admin_user, url="https://93.184.215.14/h", events=["x.y"])
    assert "'x.y' is not an event" in bad_event.value.field_errors["events"][0]
    assert not WebhookEndpoint.objects.exists()


def test_a_submission_is_delivered_signed_with_ids_and_links_only(
    loopback, admin_user, questionnaire, procurement_user
):
    with Receiver() as receiver:
        endpoint, secret = webhook_endpoint_create(
            actor=admin_user, url=receiver.url, events=["assessment.submitted"]
        )
        other, _ = webhook_endpoint_create(
            actor=admin_user, url=receiver.url, events=["report.done"]
        )
        subject = assessment_of(questionnaire, procurement_user)
        answer_all(subject, procurement_user)
        assessment_submit(actor=procurement_user, assessment_pk=subject.pk)
        delivery = WebhookDelivery.objects.get()
        assert delivery.endpoint == endpoint and delivery.event == "assessment.submitted"
        webhook_delivery_attempt(delivery_id=delivery.pk)

        request = receiver.requests[0]
        assert signing.verify(secret, request["headers"], request["body"], now=int(time.time()))
        body = json.loads(request["body"])
        assert body["type"] == "assessment.submitted" and body["id"] == delivery.event_id
        assert body["data"]["assessment"]["id"] == str(subject.pk)
        assert body["data"]["assessment"]["api_url"].endswith(f"/api/v1/assessments/{subject.pk}/")
        # Ids and links, no content: nothing a vendor or reviewer wrote.
        assert set(body["data"]) == {"assessment", "offering"}
        assert set(body["data"]["assessment"]) == {"id", "status", "revision", "url", "api_url"}
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert not other.deliveries.exists()


def test_a_failing_receiver_sees_retries_then_the_endpoint_is_switched_off(
    loopback, admin_user, django_capture_on_commit_callbacks
):
    with Receiver(statuses=[500]) as receiver:
        endpoint, _ = webhook_endpoint_create(
            actor=admin_user, url=receiver.url, events=["report.done"]
        )
        first, second = (
            webhook_event_emit(event="report.done", data={"report": {"id": str(n)}})[0]
            for n in range(2)
        )
        for attempt in range(3):
            _when_due(first)
            webhook_delivery_attempt(delivery_id=first.pk)
            first.refresh_from_db()
            if attempt < 2:
                assert first.status == "pending" and first.next_attempt_at > timezone.now()
                # A second task for it before it is due (the sweep queued it twice) sends nothing.
                assert webhook_delivery_attempt(delivery_id=first.pk) is None
        assert first.status == "failed" and first.attempts == 3 and first.last_status_code == 500
        assert "Answered 500" in first.last_error
        webhook_delivery_attempt(delivery_id=second.pk)
        _when_due(second)
        with django_capture_on_commit_callbacks(execute=True):
            webhook_delivery_attempt(delivery_id=second.pk)  # the fifth failure in a row
        assert len(receiver.requests) == 5
        # Same event id on every attempt: a receiver can drop duplicates.
        ids = {r["headers"]["webhook-id"] for r in receiver.requests}
        assert ids == {first.event_id, second.event_id}
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.consecutive_failures == 5
    assert "5 failed attempts in a row" in endpoint.disabled_reason
    assert [m.to for m in mail.outbox] == [[admin_user.email]]
    assert "switched off" in mail.outbox[0].subject
    # Switched off: what is still pending is given up without a connection.
    _when_due(second)
    webhook_delivery_attempt(delivery_id=second.pk)
    second.refresh_from_db()
    assert second.status == "failed" and "switched off" in second.last_error
    assert not webhook_event_emit(event="report.done", data={})


def test_an_address_that_turns_internal_after_registration_is_refused_at_delivery(
    loopback, admin_user, monkeypatch
):
    loopback.WEBHOOKS_ALLOW_LOOPBACK = False
    real = socket.getaddrinfo
    answer = {"ip": "93.184.215.14"}
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, port, *a, **k: (
            real(answer["ip"], port, *a, **k)
            if host == "hooks.example"
            else real(host, port, *a, **k)
        ),
    )
    endpoint, _ = webhook_endpoint_create(
        actor=admin_user, url="https://hooks.example/in", events=["report.done"]
    )
    answer["ip"] = "10.1.2.3"  # the DNS answer changes (rebinding)
    delivery = webhook_event_emit(event="report.done", data={})[0]
    webhook_delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == "pending" and delivery.last_status_code is None
    assert delivery.last_error == "Refused: 10.1.2.3 is a private or internal address."
    assert endpoint.deliveries.get() == delivery


def test_a_redelivery_sends_the_same_event_again(loopback, admin_user, architect_user):
    with Receiver() as receiver:
        webhook_endpoint_create(actor=admin_user, url=receiver.url, events=["report.done"])
        delivery = webhook_event_emit(event="report.done", data={})[0]
        webhook_delivery_attempt(delivery_id=delivery.pk)
        with pytest.raises(NotAllowed):
            webhook_redeliver(actor=architect_user, delivery=delivery)
        again = webhook_redeliver(actor=admin_user, delivery=delivery)
        assert again.status == "pending" and again.attempts == 0
        webhook_delivery_attempt(delivery_id=delivery.pk)
        assert [r["headers"]["webhook-id"] for r in receiver.requests] == [delivery.event_id] * 2
