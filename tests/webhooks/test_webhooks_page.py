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


def test_the_delivery_log_pages_through_every_delivery_newest_first(client, admin_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC, events=["report.done"], secret="whsec_AAAA"
    )
    made = [
        WebhookDelivery.objects.create(
            endpoint=endpoint, event="report.done", payload={}, status="delivered",
            last_status_code=200 + n % 2,
        )
        for n in range(75)
    ]  # fmt: skip
    client.force_login(admin_user)
    overview = client.get("/webhooks/").content.decode()
    assert overview.count("<tr><td>report.done") == 20
    assert f"/webhooks/{endpoint.pk}/deliveries/" in overview
    first = client.get(f"/webhooks/{endpoint.pk}/deliveries/").content.decode()
    assert "75 in all" in first and "Page 1 of 2" in first
    assert first.count("<tr><td>report.done") == 50
    assert str(made[-1].event_id) in first and str(made[0].event_id) not in first
    second = client.get(f"/webhooks/{endpoint.pk}/deliveries/?page=2").content.decode()
    assert second.count("<tr><td>report.done") == 25 and str(made[0].event_id) in second
    # Sending one again from the log comes back to the log.
    back = client.post(
        f"/webhooks/{endpoint.pk}/deliveries/{made[0].pk}/redeliver/", {"from": "log"}
    )
    assert back["Location"] == f"/webhooks/{endpoint.pk}/deliveries/"


def test_an_empty_log_says_what_will_appear(client, admin_user):
    endpoint = WebhookEndpoint.objects.create(
        url=PUBLIC, events=["report.done"], secret="whsec_AAAA"
    )
    client.force_login(admin_user)
    page = client.get(f"/webhooks/{endpoint.pk}/deliveries/").content.decode()
    assert "Nothing has been sent to this endpoint yet" in page
