import pytest

from tests.factories import VendorFactory
from tests.vendors.helpers import field_errors
from vendors.forms import NAME_REQUIRED
from vendors.models import DUPLICATE_VENDOR_NAME, Vendor
from vendors.validators import web_url_validator
from vendors.views import VENDOR_CREATED

VALID = {
    "name": "Acme Security",
    "website": "https://acme.example",
    "country": "Germany",
    "notes": "Met at a trade fair.",
}


def test_the_form_has_a_label_tied_to_every_input(procurement_user, browser_as):
    response = browser_as(procurement_user).get("/vendors/new/")

    assert response.status_code == 200
    for field in ("name", "website", "country", "notes"):
        assert f'for="id_{field}"' in response.text
        assert f'id="id_{field}"' in response.text


@pytest.mark.parametrize("role", ["procurement_user", "admin_user"])
def test_editors_create_a_vendor_and_land_on_its_page(role, request, browser_as):
    user = request.getfixturevalue(role)
    client = browser_as(user)

    response = client.post("/vendors/new/", VALID, follow=True)

    vendor = Vendor.objects.get()
    assert response.redirect_chain == [(f"/vendors/{vendor.pk}/", 302)]
    assert VENDOR_CREATED.format(name="<bdi>Acme Security</bdi>") in response.text
    assert (vendor.name, vendor.website, vendor.country) == (
        "Acme Security",
        "https://acme.example",
        "Germany",
    )
    assert vendor.created_by == user


def test_a_duplicate_name_in_any_case_is_shown_on_the_name_field(procurement_user, browser_as):
    VendorFactory(name="Acme Security")

    response = browser_as(procurement_user).post(
        "/vendors/new/", {**VALID, "name": "ACME security"}
    )

    assert response.status_code == 200
    assert field_errors(response, "name") == [DUPLICATE_VENDOR_NAME]
    assert DUPLICATE_VENDOR_NAME in response.text
    assert 'aria-describedby="id_name_error"' in response.text
    assert Vendor.objects.count() == 1


def test_a_javascript_link_is_refused_on_the_website_field(procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        "/vendors/new/", {**VALID, "website": "javascript:alert(1)"}
    )

    assert response.status_code == 200
    assert field_errors(response, "website") == [web_url_validator.message]
    assert 'aria-invalid="true"' in response.text
    assert not Vendor.objects.exists()


def test_an_empty_form_names_the_missing_field(procurement_user, browser_as):
    response = browser_as(procurement_user).post("/vendors/new/", {})

    assert field_errors(response, "name") == [NAME_REQUIRED]
    assert not Vendor.objects.exists()


def test_outsider_cannot_create_a_vendor(outsider_user, browser_as):
    client = browser_as(outsider_user)

    assert client.get("/vendors/new/").status_code == 403
    assert client.post("/vendors/new/", VALID).status_code == 403
    assert not Vendor.objects.exists()


def test_viewer_cannot_create_a_vendor(viewer_user, browser_as):
    assert browser_as(viewer_user).post("/vendors/new/", VALID).status_code == 403
    assert not Vendor.objects.exists()
