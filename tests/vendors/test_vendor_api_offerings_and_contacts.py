import pytest

from tests.factories import ContactFactory, OfferingFactory, VendorFactory
from vendors.models import DUPLICATE_CONTACT_EMAIL, DUPLICATE_OFFERING_NAME

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Acme")


def offerings_url(vendor) -> str:
    return f"/api/v1/vendors/{vendor.pk}/offerings/"


def contacts_url(vendor) -> str:
    return f"/api/v1/vendors/{vendor.pk}/contacts/"


def test_the_offerings_list_holds_only_this_vendors_offerings(vendor, viewer_user, api_as):
    OfferingFactory(vendor=vendor, name="Gateway", deployment_model="saas", description="Proxy")
    OfferingFactory(name="Someone else's")

    body = api_as(viewer_user).get(offerings_url(vendor)).json()

    assert body["count"] == 1
    offering = body["results"][0]
    assert set(offering) == {
        "id",
        "vendor",
        "name",
        "description",
        "deployment_model",
        "created_at",
    }
    assert (offering["vendor"], offering["name"], offering["deployment_model"]) == (
        str(vendor.pk),
        "Gateway",
        "saas",
    )


def test_procurement_adds_an_offering(vendor, procurement_user, api_as):
    response = api_as(procurement_user).post(
        offerings_url(vendor),
        {"name": "Gateway", "deployment_model": "hybrid", "vendor": MISSING},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["vendor"] == str(vendor.pk)  # the URL decides, not the body
    assert vendor.offerings.get().deployment_model == "hybrid"


def test_a_bad_deployment_model_is_a_400_naming_the_field(vendor, procurement_user, api_as):
    response = api_as(procurement_user).post(
        offerings_url(vendor), {"name": "Box", "deployment_model": "mainframe"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["deployment_model"]
    assert not vendor.offerings.exists()


def test_a_duplicate_offering_name_is_a_400_on_the_name_field(vendor, admin_user, api_as):
    OfferingFactory(vendor=vendor, name="Gateway")

    response = api_as(admin_user).post(
        offerings_url(vendor), {"name": "gateway", "deployment_model": "saas"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"name": [DUPLICATE_OFFERING_NAME]}


def test_the_contacts_list_shows_the_contact_fields(vendor, architect_user, api_as):
    ContactFactory(vendor=vendor, name="Jo", email="jo@acme.example", role="CISO", phone="1")

    body = api_as(architect_user).get(contacts_url(vendor)).json()

    assert body["count"] == 1
    contact = body["results"][0]
    assert {k: v for k, v in contact.items() if k != "id"} == {
        "name": "Jo",
        "email": "jo@acme.example",
        "role": "CISO",
        "phone": "1",
    }


def test_procurement_adds_a_contact(vendor, procurement_user, api_as):
    response = api_as(procurement_user).post(
        contacts_url(vendor), {"name": "Jo", "email": "jo@acme.example"}, format="json"
    )

    assert response.status_code == 201
    assert vendor.contacts.get().email == "jo@acme.example"


def test_a_duplicate_contact_email_is_a_400_on_the_email_field(vendor, procurement_user, api_as):
    ContactFactory(vendor=vendor, email="jo@acme.example")

    response = api_as(procurement_user).post(
        contacts_url(vendor), {"name": "Jo", "email": "JO@acme.example"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"email": [DUPLICATE_CONTACT_EMAIL]}


def test_a_malformed_contact_email_is_a_400_naming_the_field(vendor, procurement_user, api_as):
    response = api_as(procurement_user).post(
        contacts_url(vendor), {"name": "Jo", "email": "nope"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["email"]


@pytest.mark.parametrize("kind", ["offerings", "contacts"])
def test_an_unknown_vendor_is_a_404_even_with_a_bad_body(kind, db, procurement_user, api_as):
    client = api_as(procurement_user)
    path = f"/api/v1/vendors/{MISSING}/{kind}/"

    assert client.get(path).status_code == 404
    assert client.post(path, {}, format="json").status_code == 404
    assert client.get(f"/api/v1/vendors/not-a-uuid/{kind}/").status_code == 404


@pytest.mark.parametrize("kind", ["offerings", "contacts"])
def test_put_and_delete_are_not_offered(kind, vendor, procurement_user, api_as):
    client = api_as(procurement_user)
    path = f"/api/v1/vendors/{vendor.pk}/{kind}/"

    assert client.put(path, {}, format="json").status_code == 405
    assert client.delete(path).status_code == 405


def test_outsider_cannot_list_or_add_offerings_or_contacts(vendor, outsider_user, api_as):
    client = api_as(outsider_user)

    assert client.get(offerings_url(vendor)).status_code == 403
    assert client.get(contacts_url(vendor)).status_code == 403
    assert (
        client.post(offerings_url(vendor), {"name": "X", "deployment_model": "saas"}).status_code
        == 403
    )
    assert client.post(contacts_url(vendor), {"name": "X", "email": "x@e.test"}).status_code == 403
    assert not vendor.offerings.exists()
    assert not vendor.contacts.exists()
