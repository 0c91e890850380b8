"""The admins' webhooks page: register (the secret shown once), refusals by field, switch off
and on, redeliver; nobody else reaches it."""

import pytest

from webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

PUBLIC = "https://93.184.215.14/hooks/sbd"


def test_an_admin_adds_an_endpoint_and_sees_the_secret_only_in_that_response(client, admin_user):
    client.force_login(admin_user)
    assert "No endpoints yet" in client.get("/webhooks/").content.decode()
    made = client.post(
        "/webhooks/", {"url": PUBLIC, "events": ["report.done"], "description": "GRC"}
    )
    html = made.content.decode()
    endpoint = WebhookEndpoint.objects.get()
    assert made.status_code == 200 and endpoint.secret in html
    assert "shows it only this once" in html
    again = client.get("/webhooks/").content.decode()
    assert endpoint.secret not in again and "93.184.215.14" in again


def test_a_refused_url_is_named_beside_its_field_and_nothing_is_saved(client, admin_user):
    client.force_login(admin_user)
    response = client.post("/webhooks/", {"url": "https://10.0.0.7/in", "events": ["report.done"]})
    assert response.status_code == 400
    assert "This URL cannot receive webhooks: 10.0.0.7 is a private or internal address." in (
        response.content.decode()
    )
    nothing = client.post("/webhooks/", {"url": PUBLIC})
    assert nothing.status_code == 400 and "Choose at least one event." in nothing.content.decode()
    assert not WebhookEndpoint.objects.exists()


def test_an_admin_switches_an_endpoint_off_and_on_and_sends_a_delivery_again(client, admin_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC, events=["report.done"], secret="whsec_AAAA"
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="report.done", payload={}, status="failed", attempts=8
    )
    client.force_login(admin_user)
    client.post(f"/webhooks/{endpoint.pk}/switch/", {"on": "0"})
    endpoint.refresh_from_db()
    assert not endpoint.is_active
    page = client.get("/webhooks/").content.decode()
    assert "Switched off" in page and "Switched off by an admin." in page
    client.post(f"/webhooks/{endpoint.pk}/switch/", {"on": "1"})
    endpoint.refresh_from_db()
    assert endpoint.is_active
    client.post(f"/webhooks/{endpoint.pk}/deliveries/{delivery.pk}/redeliver/")
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)


def test_only_admins_reach_the_page(client, architect_user):
    client.force_login(architect_user)
    assert client.get("/webhooks/").status_code == 403
