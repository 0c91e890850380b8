import pytest

from tests.factories import OfferingFactory, VendorFactory
from vendors.models import DUPLICATE_VENDOR_NAME


@pytest.fixture
def vendor(db):
    vendor = VendorFactory(
        name="Acme", website="https://acme.example", country="Germany", notes="Old notes."
    )
    OfferingFactory(vendor=vendor)
    return vendor


def url(vendor) -> str:
    return f"/api/v1/vendors/{vendor.pk}/"


def test_a_reader_gets_the_vendor(vendor, architect_user, api_as):
    response = api_as(architect_user).get(url(vendor))

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(vendor.pk)
    assert (body["name"], body["website"], body["country"], body["notes"]) == (
        "Acme",
        "https://acme.example",
        "Germany",
        "Old notes.",
    )
    assert body["offerings_count"] == 1


def test_patch_changes_only_the_fields_sent(vendor, procurement_user, api_as):
    response = api_as(procurement_user).patch(url(vendor), {"country": "Austria"}, format="json")

    assert response.status_code == 200
    vendor.refresh_from_db()
    assert (vendor.name, vendor.website, vendor.country, vendor.notes) == (
        "Acme",
        "https://acme.example",
        "Austria",
        "Old notes.",
    )
    assert response.json()["country"] == "Austria"
    assert response.json()["offerings_count"] == 1


def test_patch_onto_another_vendors_name_is_a_400(vendor, procurement_user, api_as):
    VendorFactory(name="Borealis")

    response = api_as(procurement_user).patch(url(vendor), {"name": "borealis"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [DUPLICATE_VENDOR_NAME]}
    vendor.refresh_from_db()
    assert vendor.name == "Acme"


def test_patch_with_a_javascript_website_is_a_400(vendor, admin_user, api_as):
    response = api_as(admin_user).patch(
        url(vendor), {"website": "javascript:alert(1)"}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()) == ["website"]


def test_put_is_not_offered(vendor, procurement_user, api_as):
    response = api_as(procurement_user).put(url(vendor), {"name": "Whole"}, format="json")

    assert response.status_code == 405
    vendor.refresh_from_db()
    assert vendor.name == "Acme"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/vendors/not-a-uuid/", "/api/v1/vendors/00000000-0000-0000-0000-000000000000/"],
)
def test_an_unknown_or_malformed_id_is_a_404(path, db, viewer_user, procurement_user, api_as):
    assert api_as(viewer_user).get(path).status_code == 404
    assert api_as(procurement_user).patch(path, {"name": "X"}, format="json").status_code == 404


def test_outsider_cannot_read_or_patch(vendor, outsider_user, api_as):
    client = api_as(outsider_user)

    assert client.get(url(vendor)).status_code == 403
    assert client.patch(url(vendor), {"name": "Hacked"}, format="json").status_code == 403
    vendor.refresh_from_db()
    assert vendor.name == "Acme"
