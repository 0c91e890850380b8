import pytest
from django.core.exceptions import ValidationError

from tests.factories import ContactFactory, VendorFactory
from vendors.models import DUPLICATE_CONTACT_EMAIL, DUPLICATE_VENDOR_NAME, Vendor
from vendors.services import contact_create, vendor_create, vendor_update
from vendors.validators import web_url_validator


@pytest.mark.django_db
def test_vendor_update_changes_only_the_given_fields(procurement_user):
    vendor = VendorFactory(name="Acme", website="https://acme.example", country="Germany")

    vendor_update(actor=procurement_user, vendor=vendor, country="Austria")

    stored = Vendor.objects.get()
    assert (stored.name, stored.website, stored.country) == (
        "Acme",
        "https://acme.example",
        "Austria",
    )


@pytest.mark.django_db
def test_a_duplicate_name_is_reported_on_the_name_field(procurement_user):
    VendorFactory(name="Acme")

    with pytest.raises(ValidationError) as excinfo:
        vendor_create(actor=procurement_user, name=" acme ")

    assert excinfo.value.message_dict == {"name": [DUPLICATE_VENDOR_NAME]}


@pytest.mark.django_db
def test_a_refused_update_leaves_the_vendor_as_stored(procurement_user):
    VendorFactory(name="Borealis")
    vendor = VendorFactory(name="Acme", country="Germany")

    with pytest.raises(ValidationError) as excinfo:
        vendor_update(actor=procurement_user, vendor=vendor, name="BOREALIS", country="Austria")

    assert excinfo.value.message_dict == {"name": [DUPLICATE_VENDOR_NAME]}
    assert (vendor.name, vendor.country) == ("Acme", "Germany")
    vendor.refresh_from_db()
    assert (vendor.name, vendor.country) == ("Acme", "Germany")


@pytest.mark.django_db
def test_a_bad_website_is_reported_once(procurement_user):
    vendor = VendorFactory()

    with pytest.raises(ValidationError) as excinfo:
        vendor_update(actor=procurement_user, vendor=vendor, website="javascript:alert(1)")

    assert excinfo.value.message_dict == {"website": [web_url_validator.message]}


@pytest.mark.django_db
def test_vendor_update_refuses_fields_it_does_not_own(procurement_user):
    vendor = VendorFactory()

    with pytest.raises(TypeError):
        vendor_update(actor=procurement_user, vendor=vendor, created_by=None)


@pytest.mark.django_db
def test_losing_the_race_for_a_name_is_a_validation_error_not_a_crash(
    procurement_user, monkeypatch
):
    # Another request inserted "Acme" after our full_clean looked: skip the check to stand in
    # for that moment, and let the database constraint have the last word.
    VendorFactory(name="Acme")
    monkeypatch.setattr(Vendor, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(ValidationError) as excinfo:
        vendor_create(actor=procurement_user, name="ACME")

    assert excinfo.value.message_dict == {"name": [DUPLICATE_VENDOR_NAME]}
    # The surrounding transaction is still usable: the failed insert was rolled back alone.
    assert Vendor.objects.count() == 1


@pytest.mark.django_db
def test_contact_create_stores_a_contact_and_refuses_a_second_with_the_same_email(
    procurement_user,
):
    vendor = VendorFactory()
    ContactFactory(vendor=vendor, email="jo@acme.example")

    contact = contact_create(
        actor=procurement_user, vendor=vendor, name="Sam", email="sam@acme.example", role="CTO"
    )
    with pytest.raises(ValidationError) as excinfo:
        contact_create(actor=procurement_user, vendor=vendor, name="Jo", email="Jo@Acme.example")

    assert (contact.name, contact.role, contact.phone) == ("Sam", "CTO", "")
    assert excinfo.value.message_dict == {"email": [DUPLICATE_CONTACT_EMAIL]}
    assert vendor.contacts.count() == 2
