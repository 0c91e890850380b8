"""/api/v1/webhooks/: admins register endpoints (the secret once), read and change them, read
their deliveries and redeliver; bad input is refused by field, and nobody else sees any of it."""

import pytest

from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PUBLIC = "https://93.184.215.14/hooks/sbd"


def test_an_admin_registers_an_endpoint_and_sees_its_secret_once(api, admin_user):
    client = api(admin_user)
    made = client.post(
        "/api/v1/webhooks/", {"url": PUBLIC, "events": ["assessment.decided"]}, format="json"
    )
    assert made.status_code == 201, made.content
    assert made.data["secret"].startswith("whsec_") and made.data["is_active"] is True
    endpoint_id = made.data["id"]
    detail = client.get(f"/api/v1/webhooks/{endpoint_id}/")
    assert detail.status_code == 200 and "secret" not in detail.data
    assert "secret" not in client.get("/api/v1/webhooks/").data["results"][0]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"url": "http://93.184.215.14/h", "events": ["report.done"]}, "url", "only https"),
        ({"url": "https://10.0.0.1/h", "events": ["report.done"]}, "url", "private or internal"),
        ({"url": "https://169.254.169.254/", "events": ["report.done"]}, "url", "link-local"),
        ({"url": PUBLIC, "events": []}, "events", "Choose at least one event"),
        ({"url": PUBLIC, "events": ["assessment.deleted"]}, "events", "is not an event"),
        ({"url": "not a url", "events": ["report.done"]}, "url", "valid URL"),
    ],
)
def test_bad_registrations_are_refused_by_field_and_nothing_is_saved(
    api, admin_user, body, field, message
):
    response = api(admin_user).post("/api/v1/webhooks/", body, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.data[field])
    assert not WebhookEndpoint.objects.exists()


def test_an_admin_changes_events_switches_it_on_again_and_cannot_change_the_url(api, admin_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC,
        events=["report.done"],
        secret="whsec_AAAA",
        is_active=False,
        consecutive_failures=15,
        disabled_reason="15 failed attempts in a row",
    )
    client = api(admin_user)
    url = f"/api/v1/webhooks/{endpoint.pk}/"
    changed = client.patch(
        url, {"events": ["report.done", "assessment.submitted"], "is_active": True}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert changed.data["events"] == ["assessment.submitted", "report.done"]
    assert changed.data["is_active"] is True and changed.data["consecutive_failures"] == 0
    assert changed.data["disabled_reason"] == ""
    refused = client.patch(url, {"url": "https://93.184.215.15/x"}, format="json")
    assert refused.status_code == 400 and "cannot change" in refused.data["url"][0]
    endpoint.refresh_from_db()
    assert endpoint.url == PUBLIC


def test_deliveries_are_listed_and_one_is_redelivered(api, admin_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC, events=["report.done"], secret="whsec_AAAA"
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="report.done",
        payload={},
        status="failed",
        attempts=8,
        last_status_code=500,
        last_error="Answered 500.",
    )
    client = api(admin_user)
    listed = client.get(f"/api/v1/webhooks/{endpoint.pk}/deliveries/")
    assert listed.status_code == 200
    row = listed.data["results"][0]
    assert (row["event_id"], row["status"], row["last_status_code"]) == (
        delivery.event_id,
        "failed",
        500,
    )
    again = client.post(f"/api/v1/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/redeliver/")
    assert (
        again.status_code == 202
        and again.data["status"] == "pending"
        and again.data["attempts"] == 0
    )
    other = WebhookEndpoint.objects.create(url=PUBLIC, events=["report.done"], secret="whsec_AAAA")
    # A delivery of another endpoint is not found through this one.
    assert (
        client.post(f"/api/v1/webhooks/{other.pk}/deliveries/{delivery.pk}/redeliver/").status_code
        == 404
    )


def test_nobody_but_an_admin_sees_a_webhook(api, architect_user, viewer_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC, events=["report.done"], secret="whsec_AAAA"
    )
    for user in (architect_user, viewer_user):
        assert api(user).get("/api/v1/webhooks/").status_code == 403
        assert api(user).get(f"/api/v1/webhooks/{endpoint.pk}/").status_code == 403
    assert api(None).get("/api/v1/webhooks/").status_code == 401
