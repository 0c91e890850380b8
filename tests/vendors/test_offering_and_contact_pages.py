import pytest

from tests.factories import ContactFactory, OfferingFactory, VendorFactory
from tests.vendors.helpers import field_errors
from vendors.forms import DEPLOYMENT_MODEL_REQUIRED, EMAIL_REQUIRED, NAME_REQUIRED
from vendors.models import DUPLICATE_CONTACT_EMAIL, DUPLICATE_OFFERING_NAME
from vendors.views import CONTACT_CREATED, OFFERING_CREATED


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Acme")


def test_the_offering_form_labels_every_input(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).get(f"/vendors/{vendor.pk}/offerings/new/")

    assert response.status_code == 200
    for field in ("name", "deployment_model", "description"):
        assert f'for="id_{field}"' in response.text


def test_procurement_adds_an_offering(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/offerings/new/",
        {"name": "Gateway", "deployment_model": "on_prem", "description": "A box."},
        follow=True,
    )

    offering = vendor.offerings.get()
    assert response.redirect_chain == [(f"/vendors/{vendor.pk}/", 302)]
    assert OFFERING_CREATED.format(name="<bdi>Gateway</bdi>") in response.text
    assert (offering.name, offering.deployment_model, offering.description) == (
        "Gateway",
        "on_prem",
        "A box.",
    )


def test_a_duplicate_offering_name_is_shown_on_the_name_field(vendor, procurement_user, browser_as):
    OfferingFactory(vendor=vendor, name="Gateway")

    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/offerings/new/", {"name": "GATEWAY", "deployment_model": "saas"}
    )

    assert field_errors(response, "name") == [DUPLICATE_OFFERING_NAME]
    assert vendor.offerings.count() == 1


def test_an_unknown_deployment_model_is_refused_on_its_field(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/offerings/new/", {"name": "Box", "deployment_model": "mainframe"}
    )

    assert response.status_code == 200
    assert field_errors(response, "deployment_model")
    assert not vendor.offerings.exists()


def test_a_missing_deployment_model_is_named_in_a_sentence(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/offerings/new/", {"name": "Box"}
    )

    assert field_errors(response, "deployment_model") == [DEPLOYMENT_MODEL_REQUIRED]
    assert DEPLOYMENT_MODEL_REQUIRED in response.text


def test_a_contact_needs_a_name_and_an_email(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(f"/vendors/{vendor.pk}/contacts/new/", {})

    assert field_errors(response, "name") == [NAME_REQUIRED]
    assert field_errors(response, "email") == [EMAIL_REQUIRED]
    assert not vendor.contacts.exists()


def test_admin_adds_a_contact(vendor, admin_user, browser_as):
    response = browser_as(admin_user).post(
        f"/vendors/{vendor.pk}/contacts/new/",
        {"name": "Jo", "email": "jo@acme.example", "role": "CISO", "phone": "+1 555"},
        follow=True,
    )

    contact = vendor.contacts.get()
    assert response.redirect_chain == [(f"/vendors/{vendor.pk}/", 302)]
    assert CONTACT_CREATED.format(name="<bdi>Jo</bdi>") in response.text
    assert (contact.email, contact.role, contact.phone) == ("jo@acme.example", "CISO", "+1 555")


def test_a_duplicate_contact_email_is_shown_on_the_email_field(
    vendor, procurement_user, browser_as
):
    ContactFactory(vendor=vendor, email="jo@acme.example")

    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/contacts/new/", {"name": "Jo again", "email": "JO@acme.example"}
    )

    assert field_errors(response, "email") == [DUPLICATE_CONTACT_EMAIL]
    assert vendor.contacts.count() == 1


def test_a_malformed_email_is_refused_on_its_field(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/contacts/new/", {"name": "Jo", "email": "not-an-address"}
    )

    assert field_errors(response, "email")
    assert not vendor.contacts.exists()


def test_adding_to_an_unknown_vendor_is_a_404(db, procurement_user, browser_as):
    client = browser_as(procurement_user)
    missing = "00000000-0000-0000-0000-000000000000"

    assert client.get(f"/vendors/{missing}/offerings/new/").status_code == 404
    assert client.get(f"/vendors/{missing}/contacts/new/").status_code == 404


def test_outsider_and_architect_cannot_add_offerings_or_contacts(
    vendor, outsider_user, architect_user, browser_as
):
    for user in (outsider_user, architect_user):
        client = browser_as(user)
        offering = client.post(
            f"/vendors/{vendor.pk}/offerings/new/", {"name": "X", "deployment_model": "saas"}
        )
        contact = client.post(
            f"/vendors/{vendor.pk}/contacts/new/", {"name": "X", "email": "x@example.test"}
        )
        assert (offering.status_code, contact.status_code) == (403, 403)
    assert not vendor.offerings.exists()
    assert not vendor.contacts.exists()
