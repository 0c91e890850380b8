import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from tests.factories import OfferingFactory, VendorFactory
from vendors.models import DUPLICATE_VENDOR_NAME, Offering, Vendor
from vendors.services import offering_create, vendor_create


@pytest.mark.django_db
def test_vendor_names_are_unique_ignoring_case():
    vendor_create(actor=None, name="Acme Security")
    with pytest.raises(ValidationError) as excinfo:
        vendor_create(actor=None, name="ACME security")
    assert DUPLICATE_VENDOR_NAME in excinfo.value.messages
    assert Vendor.objects.count() == 1


@pytest.mark.django_db
def test_the_database_itself_refuses_a_case_variant_duplicate():
    VendorFactory(name="Acme")
    with pytest.raises(IntegrityError):
        Vendor.objects.create(name="aCME")


@pytest.mark.django_db
def test_vendor_website_must_be_a_web_link():
    with pytest.raises(ValidationError) as excinfo:
        vendor_create(actor=None, name="Evil", website="javascript:alert(1)")
    assert "website" in excinfo.value.message_dict


@pytest.mark.django_db
def test_offering_needs_a_known_deployment_model():
    vendor = VendorFactory()
    with pytest.raises(ValidationError) as excinfo:
        offering_create(actor=None, vendor=vendor, name="Box", deployment_model="mainframe")
    assert "deployment_model" in excinfo.value.message_dict
    with pytest.raises(IntegrityError):
        Offering.objects.create(vendor=vendor, name="Box", deployment_model="mainframe")


@pytest.mark.django_db
def test_offering_names_are_unique_per_vendor_only():
    first = OfferingFactory(name="Gateway")
    OfferingFactory(name="Gateway")  # another vendor: fine
    with pytest.raises(ValidationError):
        offering_create(actor=None, vendor=first.vendor, name="gateway", deployment_model="saas")
