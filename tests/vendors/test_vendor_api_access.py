"""Who may call each vendor API route: anonymous 401, no role 403, readers read, editors write."""

import pytest

from core.permissions import ReadRole
from tests.factories import VendorFactory
from vendors.models import Vendor

READS = [
    "/api/v1/vendors/",
    "/api/v1/vendors/{pk}/",
    "/api/v1/vendors/{pk}/offerings/",
    "/api/v1/vendors/{pk}/contacts/",
]
WRITES = [
    ("post", "/api/v1/vendors/", {"name": "New"}),
    ("patch", "/api/v1/vendors/{pk}/", {"name": "Renamed"}),
    ("post", "/api/v1/vendors/{pk}/offerings/", {"name": "Box", "deployment_model": "saas"}),
    ("post", "/api/v1/vendors/{pk}/contacts/", {"name": "Jo", "email": "jo@example.test"}),
]
READERS = ["viewer_user", "architect_user"]
EDITORS = ["procurement_user", "admin_user"]


@pytest.fixture
def vendor(db):
    return VendorFactory(name="Acme")


def call(client, method, url, data=None):
    return getattr(client, method)(url, data, format="json")


def assert_nothing_written(vendor):
    assert list(Vendor.objects.values_list("name", flat=True)) == ["Acme"]
    assert not vendor.offerings.exists()
    assert not vendor.contacts.exists()


@pytest.mark.parametrize("url", READS)
def test_anonymous_reads_get_401_with_a_token_challenge(url, vendor, api_as):
    response = api_as(None).get(url.format(pk=vendor.pk))

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_anonymous_writes_get_401(method, url, data, vendor, api_as):
    assert call(api_as(None), method, url.format(pk=vendor.pk), data).status_code == 401
    assert_nothing_written(vendor)


@pytest.mark.parametrize("url", READS)
def test_outsider_reads_get_403(url, vendor, outsider_user, api_as):
    response = api_as(outsider_user).get(url.format(pk=vendor.pk))

    assert response.status_code == 403
    assert response.json() == {"detail": ReadRole.message}


@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_outsider_writes_get_403(method, url, data, vendor, outsider_user, api_as):
    response = call(api_as(outsider_user), method, url.format(pk=vendor.pk), data)

    assert response.status_code == 403
    assert_nothing_written(vendor)


@pytest.mark.parametrize("role", READERS + EDITORS)
@pytest.mark.parametrize("url", READS)
def test_every_role_reads(url, role, vendor, request, api_as):
    response = api_as(request.getfixturevalue(role)).get(url.format(pk=vendor.pk))

    assert response.status_code == 200


@pytest.mark.parametrize("role", READERS)
@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_viewers_and_architects_cannot_write(method, url, data, role, vendor, request, api_as):
    response = call(api_as(request.getfixturevalue(role)), method, url.format(pk=vendor.pk), data)

    assert response.status_code == 403
    assert response.json() == {"detail": "Your role does not allow this change."}
    assert_nothing_written(vendor)


@pytest.mark.parametrize("role", EDITORS)
@pytest.mark.parametrize(("method", "url", "data"), WRITES)
def test_procurement_and_admin_write(method, url, data, role, vendor, request, api_as):
    response = call(api_as(request.getfixturevalue(role)), method, url.format(pk=vendor.pk), data)

    assert response.status_code in (200, 201)


def test_session_sign_in_works_for_the_api_too(vendor, viewer_user, outsider_user, client):
    client.force_login(viewer_user)
    assert client.get("/api/v1/vendors/").status_code == 200
    client.force_login(outsider_user)
    assert client.get("/api/v1/vendors/").status_code == 403
