"""Offerings and contacts can be changed, not only added (the vendor-list import updates them):
each change validates like a creation, records only the fields that changed under the vendor, and
a refused change leaves the object as stored."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ContactFactory, OfferingFactory
from vendors.models import DUPLICATE_CONTACT_EMAIL, CatalogueEvent
from vendors.services import contact_update, offering_update

pytestmark = pytest.mark.django_db


def test_an_offering_change_records_the_old_and_new_deployment(procurement_user):
    offering = OfferingFactory(name="Acme Cloud", deployment_model="saas")
    offering_update(actor=procurement_user, offering=offering, deployment_model="hybrid")
    offering_update(actor=procurement_user, offering=offering, deployment_model="hybrid")
    event = CatalogueEvent.objects.get(vendor=offering.vendor)
    assert (event.action, event.subject, event.old, event.new) == (
        "offering.updated",
        "Acme Cloud",
        {"deployment_model": "saas"},
        {"deployment_model": "hybrid"},
    )


def test_a_refused_offering_change_leaves_it_as_stored(procurement_user):
    offering = OfferingFactory(deployment_model="saas")
    with pytest.raises(ValidationError):
        offering_update(actor=procurement_user, offering=offering, deployment_model="cloudish")
    assert offering.deployment_model == "saas"
    assert not CatalogueEvent.objects.exists()


def test_a_contact_change_is_recorded_and_keeps_e_mails_unique_per_vendor(procurement_user):
    contact = ContactFactory(name="Jo", email="jo@acme.example", role="CISO")
    ContactFactory(vendor=contact.vendor, email="sam@acme.example")
    contact_update(actor=procurement_user, contact=contact, role="CTO", name="Jo Doe")
    event = CatalogueEvent.objects.get(action="contact.updated")
    assert (event.old, event.new) == (
        {"name": "Jo", "role": "CISO"},
        {"name": "Jo Doe", "role": "CTO"},
    )
    with pytest.raises(ValidationError) as refused:
        contact_update(actor=procurement_user, contact=contact, email="SAM@acme.example")
    assert refused.value.message_dict == {"email": [DUPLICATE_CONTACT_EMAIL]}
    assert contact.email == "jo@acme.example"


def test_an_update_service_refuses_fields_it_does_not_change(procurement_user):
    with pytest.raises(TypeError):
        offering_update(actor=procurement_user, offering=OfferingFactory(), vendor=None)
