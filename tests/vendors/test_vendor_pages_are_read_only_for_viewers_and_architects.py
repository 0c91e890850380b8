import pytest

from tests.factories import ContactFactory, OfferingFactory, VendorFactory
from vendors.models import Vendor

READ_ONLY_ROLES = ["viewer_user", "architect_user"]
WRITE_PAGES = [
    "/vendors/new/",
    "/vendors/{pk}/edit/",
    "/vendors/{pk}/offerings/new/",
    "/vendors/{pk}/contacts/new/",
]


@pytest.fixture
def vendor(db):
    vendor = VendorFactory(name="Acme", country="Norway")
    OfferingFactory(vendor=vendor, name="Acme Gateway")
    ContactFactory(vendor=vendor, name="Jo Contact")
    return vendor


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
def test_readers_see_the_list_and_detail_without_edit_controls(role, vendor, request, browser_as):
    client = browser_as(request.getfixturevalue(role))

    listing = client.get("/vendors/")
    detail = client.get(f"/vendors/{vendor.pk}/")

    assert listing.status_code == 200
    assert "Acme" in listing.text
    assert "New vendor" not in listing.text
    assert detail.status_code == 200
    assert "Acme Gateway" in detail.text and "Jo Contact" in detail.text
    for control in ("Edit vendor", "Add offering", "Add contact", "Start assessment"):
        assert control not in detail.text


@pytest.mark.parametrize("role", READ_ONLY_ROLES)
@pytest.mark.parametrize("page", WRITE_PAGES)
def test_readers_are_refused_every_form(role, page, vendor, request, browser_as):
    client = browser_as(request.getfixturevalue(role))
    url = page.format(pk=vendor.pk)

    assert client.get(url).status_code == 403
    posted = client.post(
        url, {"name": "Changed", "email": "new@example.test", "deployment_model": "saas"}
    )

    assert posted.status_code == 403
    assert list(Vendor.objects.values_list("name", flat=True)) == ["Acme"]
    assert vendor.offerings.count() == 1
    assert vendor.contacts.count() == 1


def test_outsider_is_refused_the_pages_readers_see(vendor, outsider_user, browser_as):
    client = browser_as(outsider_user)
    assert client.get("/vendors/").status_code == 403
    assert client.get(f"/vendors/{vendor.pk}/").status_code == 403
