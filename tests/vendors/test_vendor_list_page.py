import pytest

from tests.factories import OfferingFactory, VendorFactory
from tests.support.bidi import without_isolates


@pytest.fixture
def catalogue(db):
    acme = VendorFactory(name="Acme Security", country="Germany")
    OfferingFactory(vendor=acme, name="Firewall")
    OfferingFactory(vendor=acme, name="Gateway Pro")
    VendorFactory(name="Borealis", country="Norway")
    gamma = VendorFactory(name="Gamma Identity", country="France")
    OfferingFactory(vendor=gamma, name="Gamma SSO")
    return {"acme": acme, "gamma": gamma}


def names_on(response) -> list[str]:
    return [vendor.name for vendor in response.context["page"].object_list]


def test_the_list_shows_every_vendor_by_name_with_its_offering_count(
    catalogue, viewer_user, browser_as
):
    response = browser_as(viewer_user).get("/vendors/")

    assert response.status_code == 200
    assert names_on(response) == ["Acme Security", "Borealis", "Gamma Identity"]
    counts = {vendor.name: vendor.offerings_count for vendor in response.context["page"]}
    assert counts == {"Acme Security": 2, "Borealis": 0, "Gamma Identity": 1}
    assert f'href="/vendors/{catalogue["acme"].pk}/"' in response.text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("acme", ["Acme Security"]),  # name, any case
        ("norway", ["Borealis"]),  # country
        ("sso", ["Gamma Identity"]),  # an offering's name
        ("a", ["Acme Security", "Borealis", "Gamma Identity"]),
        ("nothing-like-this", []),
    ],
)
def test_search_matches_name_country_or_offering_name(
    query, expected, catalogue, viewer_user, browser_as
):
    response = browser_as(viewer_user).get("/vendors/", {"q": query})

    assert names_on(response) == expected


def test_a_vendor_with_several_matching_offerings_is_listed_once(
    catalogue, viewer_user, browser_as
):
    response = browser_as(viewer_user).get("/vendors/", {"q": "a"})

    acme = next(v for v in response.context["page"] if v.name == "Acme Security")
    assert names_on(response).count("Acme Security") == 1
    assert acme.offerings_count == 2


def test_an_empty_search_says_nothing_matched(catalogue, viewer_user, browser_as):
    response = browser_as(viewer_user).get("/vendors/", {"q": "zzz"})

    assert "No vendor matches “zzz”." in without_isolates(response.text)


def test_the_list_is_paginated_by_25_and_keeps_the_search(db, viewer_user, browser_as):
    for n in range(30):
        VendorFactory(name=f"Match {n:02}")
    VendorFactory(name="Other")
    client = browser_as(viewer_user)

    first = client.get("/vendors/", {"q": "match"})
    second = client.get("/vendors/", {"q": "match", "page": 2})
    beyond = client.get("/vendors/", {"q": "match", "page": "999"})

    assert len(names_on(first)) == 25
    assert names_on(second) == [f"Match {n:02}" for n in range(25, 30)]
    assert "?q=match&amp;page=2" in first.text
    assert beyond.status_code == 200
    assert names_on(beyond) == names_on(second)


@pytest.mark.parametrize("role", ["procurement_user", "admin_user"])
def test_editors_get_a_new_vendor_button(role, db, request, browser_as):
    response = browser_as(request.getfixturevalue(role)).get("/vendors/")

    assert 'href="/vendors/new/"' in response.text
    assert "New vendor" in response.text


def test_readers_get_no_new_vendor_button(db, viewer_user, browser_as):
    response = browser_as(viewer_user).get("/vendors/")

    assert 'href="/vendors/new/"' not in response.text


def test_outsider_cannot_list_or_search_vendors(catalogue, outsider_user, browser_as):
    response = browser_as(outsider_user).get("/vendors/", {"q": "acme"})

    assert response.status_code == 403
    assert "Acme" not in response.text
