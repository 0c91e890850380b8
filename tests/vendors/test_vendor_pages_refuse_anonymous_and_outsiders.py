import pytest

from tests.factories import VendorFactory
from tests.vendors.helpers import assert_sent_to_login
from vendors.models import Vendor

PAGES = [
    "/vendors/",
    "/vendors/new/",
    "/vendors/{pk}/",
    "/vendors/{pk}/edit/",
    "/vendors/{pk}/offerings/new/",
    "/vendors/{pk}/contacts/new/",
]
WRITE_PAGES = [page for page in PAGES if page.endswith(("new/", "edit/"))]


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Acme")


@pytest.mark.parametrize("page", PAGES)
def test_anonymous_visitors_are_sent_to_login(page, vendor, browser_as):
    response = browser_as(None).get(page.format(pk=vendor.pk))
    assert_sent_to_login(response)


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_anonymous_posts_are_sent_to_login_and_change_nothing(page, vendor, browser_as):
    response = browser_as(None).post(page.format(pk=vendor.pk), {"name": "Sneaky"})
    assert_sent_to_login(response)
    assert list(Vendor.objects.values_list("name", flat=True)) == ["Acme"]


@pytest.mark.parametrize("page", PAGES)
def test_a_user_without_a_role_is_refused_every_page(page, vendor, outsider_user, browser_as):
    response = browser_as(outsider_user).get(page.format(pk=vendor.pk))
    assert response.status_code == 403
    assert b"Acme" not in response.content


@pytest.mark.parametrize("page", WRITE_PAGES)
def test_a_user_without_a_role_cannot_post_anything(page, vendor, outsider_user, browser_as):
    response = browser_as(outsider_user).post(
        page.format(pk=vendor.pk),
        {"name": "Sneaky", "email": "x@example.test", "deployment_model": "saas"},
    )
    assert response.status_code == 403
    assert list(Vendor.objects.values_list("name", flat=True)) == ["Acme"]
    assert not vendor.offerings.exists()
    assert not vendor.contacts.exists()
