import pytest

from tests.factories import VendorFactory
from tests.support.bidi import without_isolates
from tests.vendors.helpers import field_errors
from vendors.models import DUPLICATE_VENDOR_NAME, Vendor
from vendors.views import VENDOR_UPDATED


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Acme", website="https://acme.example", country="Germany")


def test_the_form_starts_with_the_stored_values(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).get(f"/vendors/{vendor.pk}/edit/")

    assert response.status_code == 200
    assert 'value="https://acme.example"' in response.text
    assert 'value="Germany"' in response.text


def test_procurement_edits_a_vendor_and_lands_on_its_page(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/edit/",
        {"name": "Acme Renamed", "website": "", "country": "Austria", "notes": "New notes."},
        follow=True,
    )

    vendor.refresh_from_db()
    assert response.redirect_chain == [(f"/vendors/{vendor.pk}/", 302)]
    assert VENDOR_UPDATED.format(name="<bdi>Acme Renamed</bdi>") in response.text
    assert (vendor.name, vendor.website, vendor.country, vendor.notes) == (
        "Acme Renamed",
        "",
        "Austria",
        "New notes.",
    )


def test_renaming_onto_another_vendors_name_is_refused_on_the_name_field(
    vendor, procurement_user, browser_as
):
    VendorFactory(name="Borealis")

    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/edit/", {"name": "borealis", "country": "Germany"}
    )

    assert response.status_code == 200
    assert field_errors(response, "name") == [DUPLICATE_VENDOR_NAME]
    # The heading still names the stored vendor, not the refused name.
    assert "<h1>Edit Acme</h1>" in without_isolates(response.text)
    vendor.refresh_from_db()
    assert vendor.name == "Acme"


def test_a_javascript_link_is_refused_when_editing(vendor, procurement_user, browser_as):
    response = browser_as(procurement_user).post(
        f"/vendors/{vendor.pk}/edit/", {"name": "Acme", "website": "javascript:alert(1)"}
    )

    assert "website" in response.context["form"].errors
    vendor.refresh_from_db()
    assert vendor.website == "https://acme.example"


@pytest.mark.parametrize(
    "url", ["/vendors/not-a-uuid/edit/", "/vendors/00000000-0000-0000-0000-000000000000/edit/"]
)
def test_an_unknown_or_malformed_id_is_a_404(url, db, procurement_user, browser_as):
    assert browser_as(procurement_user).get(url).status_code == 404


def test_outsider_and_viewer_cannot_edit(vendor, outsider_user, viewer_user, browser_as):
    for user in (outsider_user, viewer_user):
        response = browser_as(user).post(f"/vendors/{vendor.pk}/edit/", {"name": "Hacked"})
        assert response.status_code == 403
    assert Vendor.objects.get().name == "Acme"
