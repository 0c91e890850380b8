"""A method a browser page's entry in tests/permissions/matrix.py does not list is refused: 405,
with an `Allow` header naming exactly the methods the entry lists, for every principal. The page
checks the method before the sign-in and role checks and before any lookup, so the 405 is the same
for everyone and tells nobody anything about the page's objects.

In the API, DRF authenticates first (an anonymous caller gets 401 for any method), but a signed-in
caller of any role gets 405 for a method the endpoint lacks — not a role refusal, which would
suggest that another role could do it (core.permissions.ReadRole)."""

import pytest

from tests.permissions.conftest import finish, is_api, send
from tests.permissions.matrix import METHODS, PRINCIPALS, ROUTES

pytestmark = pytest.mark.django_db

PAGES = sorted(route for route in ROUTES if not is_api(route))
UNLISTED = [(route, method) for route in PAGES for method in METHODS if method not in ROUTES[route]]


def _allowed(response) -> set[str]:
    return {m.strip() for m in response.get("Allow", "").split(",") if m.strip()}


@pytest.mark.parametrize(("route", "method"), UNLISTED, ids=[f"/{r}-{m}" for r, m in UNLISTED])
def test_a_method_the_entry_does_not_list_answers_405_to_everyone(site, route, method):
    wrong = []
    for principal in PRINCIPALS:
        response = send(site, principal, route, method)
        status = finish(response)
        if status != 405 or _allowed(response) != set(ROUTES[route]):
            wrong.append(f"{principal}: HTTP {status}, Allow: {response.get('Allow')!r}")
    assert not wrong, "\n".join(wrong)


def test_every_page_that_answers_get_answers_head_too():
    """HEAD is GET without the body (RFC 9110): a page offering one and refusing the other would
    be a page whose method check was written by hand and got it wrong."""
    odd = [route for route in PAGES if ("GET" in ROUTES[route]) != ("HEAD" in ROUTES[route])]
    assert not odd


ENDPOINTS = sorted(route for route in ROUTES if is_api(route))
API_UNLISTED = [
    (route, method) for route in ENDPOINTS for method in METHODS if method not in ROUTES[route]
]


@pytest.mark.parametrize(
    ("route", "method"), API_UNLISTED, ids=[f"/{r}-{m}" for r, m in API_UNLISTED]
)
def test_an_api_method_the_endpoint_lacks_answers_405_to_every_role(site, route, method):
    wrong = []
    for principal in ("procurement", "architect", "viewer", "admin"):
        response = send(site, principal, route, method)
        status = finish(response)
        if status != 405 or _allowed(response) != set(ROUTES[route]):
            wrong.append(f"{principal}: HTTP {status}, Allow: {response.get('Allow')!r}")
    assert not wrong, "\n".join(wrong)
