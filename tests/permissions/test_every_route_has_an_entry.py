"""The matrix in tests/permissions/matrix.py covers the whole site and nothing else: a new route, a
removed one, or a route that starts accepting another HTTP method fails here until someone decides
who may use it."""

import pytest

from core.permission_matrix import CAPABILITY_BY_KEY
from tests.permissions.conftest import finish, is_api, send, site_routes
from tests.permissions.matrix import (
    ALLOW,
    EXCLUDED,
    FORBIDDEN,
    LOGIN,
    METHODS,
    PRINCIPALS,
    ROUTES,
    UNAUTHENTICATED,
)

pytestmark = pytest.mark.django_db


def test_every_url_pattern_of_the_site_has_an_entry():
    missing = sorted(set(site_routes()) - set(ROUTES))
    assert not missing, f"Routes nobody has decided the permissions of: {missing}"


def test_every_entry_names_a_route_that_still_exists():
    stale = sorted(set(ROUTES) - set(site_routes()))
    assert not stale, f"Matrix entries for routes that no longer exist: {stale}"


def test_every_exclusion_names_a_route_that_exists_and_gives_a_reason():
    routes = site_routes(include_excluded=True)
    assert {route for route in EXCLUDED if route not in routes} == set()
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert not set(EXCLUDED) & set(ROUTES)


def _declared_methods(callback) -> set[str] | None:
    """The methods a class-based view (Django's or DRF's) has handlers for; None for a function."""
    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return None
    methods = {m.upper() for m in view_class.http_method_names if hasattr(view_class, m)}
    if "GET" in methods:
        methods.add("HEAD")  # View.setup() answers HEAD with the GET handler
    return methods & set(METHODS)


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_the_entry_lists_exactly_the_methods_the_route_accepts(site, route):
    callback = site_routes().get(route)
    if callback is None:
        pytest.fail(f"{route!r} is not a route of the site")
    accepted = _declared_methods(callback)
    if accepted is None:
        # A function view says nothing about its methods; ask it, as the principal allowed the
        # most, so that a role check cannot hide a 405.
        accepted = {m for m in METHODS if finish(send(site, "admin", route, m)) != 405}
    assert set(ROUTES[route]) == accepted


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_each_method_allows_exactly_the_principals_its_capability_allows(route):
    """The per-route matrix and the README's roles-by-capabilities table say the same thing."""
    # The vendor's pages know no Django login: without a vendor session they refuse everyone.
    refused_anonymous = (
        UNAUTHENTICATED if is_api(route) else FORBIDDEN if route.startswith("vendor/") else LOGIN
    )
    for method, (capability, *outcomes) in ROUTES[route].items():
        allowed = {p for p, outcome in zip(PRINCIPALS, outcomes, strict=True) if outcome == ALLOW}
        assert allowed == CAPABILITY_BY_KEY[capability].allowed, (method, capability)
        refused = dict(zip(PRINCIPALS, outcomes, strict=True))
        for principal, outcome in refused.items():
            if outcome != ALLOW:
                want = refused_anonymous if principal == "anonymous" else FORBIDDEN
                assert outcome == want, (method, principal)
