"""Every write to the vendor catalogue leaves an event — who, when, the old and the new values —
in the same transaction; the vendor's page shows them as sentences; nobody can change them."""

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils.html import strip_tags

from assessments.invitations.services import invitation_create
from assessments.lifecycle.services import assessment_create
from vendors.models import CatalogueEvent
from vendors.services import offering_create, vendor_create, vendor_update

pytestmark = pytest.mark.django_db


def _trail(vendor) -> list[tuple]:
    return [
        (e.actor_label, e.action, e.subject, e.old, e.new)
        for e in CatalogueEvent.objects.filter(vendor=vendor).order_by("id")
    ]


def test_creating_a_vendor_on_its_page_records_who_and_what(client, procurement_user):
    client.force_login(procurement_user)
    response = client.post(
        "/vendors/new/", {"name": "Acme", "website": "https://acme.example", "country": "DE"}
    )
    assert response.status_code == 302
    event = CatalogueEvent.objects.get()
    assert (event.actor, event.action, event.old) == (procurement_user, "vendor.created", None)
    assert event.new == {
        "country": "DE",
        "name": "Acme",
        "notes": "",
        "website": "https://acme.example",
    }


def test_an_edit_records_only_the_fields_that_changed(api, procurement_user):
    vendor = vendor_create(actor=procurement_user, name="Acme", country="Germany")
    response = api(procurement_user).patch(
        f"/api/v1/vendors/{vendor.pk}/", {"country": "Austria", "name": "Acme"}, format="json"
    )
    assert response.status_code == 200, response.content
    vendor.refresh_from_db()
    vendor_update(actor=procurement_user, vendor=vendor, country="Austria")  # no change: no event
    assert _trail(vendor)[1:] == [
        # Made through the API with a token: the trail names it (tests/conftest.py's "tests").
        (
            "pat via token «tests»",
            "vendor.updated",
            "",
            {"country": "Germany"},
            {"country": "Austria"},
        )
    ]


def test_offerings_and_contacts_are_recorded_under_their_vendor(api, procurement_user):
    vendor = vendor_create(actor=procurement_user, name="Acme")
    offering_create(actor=procurement_user, vendor=vendor, name="Gateway", deployment_model="saas")
    response = api(procurement_user).post(
        f"/api/v1/vendors/{vendor.pk}/contacts/",
        {"name": "Jo", "email": "jo@acme.example", "role": "CISO"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert _trail(vendor)[1:] == [
        (
            "pat",
            "offering.created",
            "Gateway",
            None,
            {"name": "Gateway", "deployment_model": "saas"},
        ),
        (
            "pat via token «tests»",
            "contact.created",
            "Jo",
            None,
            {"name": "Jo", "email": "jo@acme.example", "role": "CISO"},
        ),
    ]


def test_a_contact_added_by_an_invitation_is_recorded_with_the_inviter(
    questionnaire, procurement_user
):
    vendor = vendor_create(actor=procurement_user, name="Acme")
    offering = offering_create(
        actor=procurement_user, vendor=vendor, name="Gateway", deployment_model="saas"
    )
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    invitation_create(
        actor=procurement_user,
        assessment=assessment,
        email="new@acme.example",
        name="New Person",
        domain_keys=["key_isolation"],
    )
    assert _trail(vendor)[-1][:3] == ("pat", "contact.created", "New Person")


def test_a_refused_write_records_nothing(api, procurement_user):
    vendor = vendor_create(actor=procurement_user, name="Acme")
    response = api(procurement_user).patch(
        f"/api/v1/vendors/{vendor.pk}/", {"website": "javascript:alert(1)"}, format="json"
    )
    assert response.status_code == 400
    assert [event[1] for event in _trail(vendor)] == ["vendor.created"]


def test_the_vendor_page_shows_the_changes_as_sentences(client, procurement_user, viewer_user):
    vendor = vendor_create(actor=procurement_user, name="Acme", country="Germany")
    vendor_update(actor=procurement_user, vendor=vendor, country="Austria")
    offering_create(actor=procurement_user, vendor=vendor, name="Gateway", deployment_model="saas")
    client.force_login(viewer_user)
    html = client.get(f"/vendors/{vendor.pk}/").content.decode()
    history = strip_tags(html[html.index('id="history-h"') :])  # names are in <bdi>s
    assert "added an offering: Gateway" in history
    assert "changed the vendor&#x27;s details" in history and "country was “Germany”" in history
    assert "offering.created" not in history


@pytest.fixture
def event(procurement_user):
    vendor = vendor_create(actor=procurement_user, name="Acme")
    return CatalogueEvent.objects.get(vendor=vendor)


def test_the_model_refuses_to_change_or_delete_an_event(event):
    event.new = {"name": "Forged"}
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()


def test_the_database_refuses_to_update_an_event(event):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        CatalogueEvent.objects.filter(pk=event.pk).update(actor_label="someone-else")
    assert CatalogueEvent.objects.get(pk=event.pk).actor_label == "pat"


def test_on_postgresql_the_database_also_refuses_to_delete_an_event(event):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite refuses updates only: Django flushes its test databases with DELETE")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM vendors_catalogueevent WHERE id = %s", [event.pk])
    assert CatalogueEvent.objects.filter(pk=event.pk).exists()
