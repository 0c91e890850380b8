import pytest

from tests.factories import OfferingFactory, VendorFactory
from vendors.models import DUPLICATE_VENDOR_NAME, Vendor
from vendors.validators import web_url_validator

URL = "/api/v1/vendors/"
FIELDS = {
    "id",
    "name",
    "website",
    "country",
    "notes",
    "created_at",
    "updated_at",
    "offerings_count",
}


def test_the_list_is_paginated_and_counts_offerings(db, viewer_user, api_as):
    acme = VendorFactory(name="Acme")
    OfferingFactory.create_batch(2, vendor=acme)
    for n in range(50):
        VendorFactory(name=f"Vendor {n:02}")

    first = api_as(viewer_user).get(URL).json()
    second = api_as(viewer_user).get(URL, {"page": 2}).json()

    assert first["count"] == 51
    assert len(first["results"]) == 50
    assert first["next"].endswith("page=2")
    assert set(first["results"][0]) == FIELDS
    assert (first["results"][0]["name"], first["results"][0]["offerings_count"]) == ("Acme", 2)
    assert [v["name"] for v in second["results"]] == ["Vendor 49"]


@pytest.mark.parametrize(
    ("search", "expected"),
    [("acme", ["Acme"]), ("NORWAY", ["Borealis"]), ("sso", ["Gamma"]), ("zzz", [])],
)
def test_search_matches_name_country_or_offering_name(search, expected, db, viewer_user, api_as):
    VendorFactory(name="Acme", country="Germany")
    VendorFactory(name="Borealis", country="Norway")
    OfferingFactory(vendor=VendorFactory(name="Gamma", country="France"), name="Gamma SSO")

    response = api_as(viewer_user).get(URL, {"search": search})

    assert [v["name"] for v in response.json()["results"]] == expected


def test_procurement_creates_a_vendor(db, procurement_user, api_as):
    response = api_as(procurement_user).post(
        URL,
        {"name": " Acme ", "website": "https://acme.example", "country": "Germany"},
        format="json",
    )

    assert response.status_code == 201
    body = response.json()
    vendor = Vendor.objects.get()
    assert body["id"] == str(vendor.pk)
    assert (body["name"], body["offerings_count"]) == ("Acme", 0)
    assert vendor.created_by == procurement_user


def test_a_duplicate_name_is_a_400_on_the_name_field(db, procurement_user, api_as):
    VendorFactory(name="Acme")

    response = api_as(procurement_user).post(URL, {"name": "ACME"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"name": [DUPLICATE_VENDOR_NAME]}
    assert Vendor.objects.count() == 1


def test_a_javascript_website_is_a_400_on_the_website_field(db, procurement_user, api_as):
    response = api_as(procurement_user).post(
        URL, {"name": "Evil", "website": "javascript:alert(1)"}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {"website": [web_url_validator.message]}
    assert not Vendor.objects.exists()


def test_a_missing_name_is_a_400_naming_the_field(db, procurement_user, api_as):
    response = api_as(procurement_user).post(URL, {"country": "Germany"}, format="json")

    assert response.status_code == 400
    assert "name" in response.json()


def test_read_only_fields_are_ignored_on_create(db, procurement_user, api_as):
    response = api_as(procurement_user).post(
        URL,
        {"name": "Acme", "id": "00000000-0000-0000-0000-000000000000", "offerings_count": 9},
        format="json",
    )

    assert response.status_code == 201
    assert response.json()["id"] != "00000000-0000-0000-0000-000000000000"
    assert response.json()["offerings_count"] == 0


def test_outsider_can_neither_list_nor_create(db, outsider_user, api_as):
    VendorFactory(name="Acme")
    client = api_as(outsider_user)

    assert client.get(URL).status_code == 403
    assert client.post(URL, {"name": "New"}, format="json").status_code == 403
    assert Vendor.objects.count() == 1
