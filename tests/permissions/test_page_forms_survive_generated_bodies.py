"""Every browser form — each route outside /api/ that takes a POST or PUT — answers generated
bodies with 2xx, 3xx or 4xx, never a server error (issue 19): unknown and repeated fields, empty
and very long values, control characters, direction controls, huge and malformed numbers and
dates, markup, and bytes that are not UTF-8 at all. Sent as the principal the form is for (the
admin where several may use it), on the objects of tests/permissions/conftest.py's Site."""

import urllib.parse

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.permissions.conftest import BODIES, PK_OBJECT, is_api
from tests.permissions.matrix import ALLOW, PRINCIPALS, ROUTES

FORMS = sorted(
    (route, method)
    for route, methods in ROUTES.items()
    if not is_api(route)
    for method in methods
    if method in ("POST", "PUT")
)
# Values a person, a script or an attacker might put in a field.
NASTY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "9" * 400,
        "1e309",
        "NaN",
        "2026-02-30",
        "0000-00-00",
        "\x00",
        "\u202eevil",
        "\ud800",
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "javascript:alert(1)",
        "x" * 20_000,
        "a\r\nb",
        "00000000-0000-0000-0000-000000000000",
    ]
)
VALUES = NASTY | st.text(max_size=200)
NAMES = st.sampled_from(
    ["name", "text", "note", "owner", "due_date", "option", "code", "assessments", "csrf"]
) | st.text(min_size=1, max_size=12)
BODY = st.dictionaries(NAMES, st.lists(VALUES, min_size=1, max_size=3), max_size=8)


def _principal(route: str, method: str) -> str:
    """The admin if it may use the form, else the first principal that may."""
    allowed = [
        p
        for p, outcome in zip(PRINCIPALS, ROUTES[route][method][1:], strict=True)
        if outcome == ALLOW
    ]
    return "admin" if "admin" in allowed or not allowed else allowed[0]


def _encoded(body: dict[str, list[str]], known: dict) -> bytes:
    """Form-encoded like a browser, but byte for byte what was generated: lone surrogates
    become bytes that are not UTF-8, as a broken client would send."""
    pairs = [(k, v) for k, v in known.items() if not isinstance(v, list | dict)]
    pairs += [(key, value) for key, values in body.items() for value in values]
    return "&".join(
        f"{urllib.parse.quote(str(k).encode('utf-8', 'surrogatepass'))}="
        f"{urllib.parse.quote(str(v).encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    ).encode("ascii")


@pytest.mark.parametrize(("route", "method"), FORMS, ids=[f"{m} /{r}" for r, m in FORMS])
def test_a_page_form_never_answers_a_server_error(site, route, method):
    principal = _principal(route, method)
    client = site.client(principal, api=False)
    if PK_OBJECT.get(route) == "own_token" and principal in site.users:
        path = site.path(route, pk=site.own_tokens[principal].pk)
    elif PK_OBJECT.get(route) == "failed_report" and principal in site.users:
        path = site.path(route, pk=site.failed_reports[principal].pk)
    else:
        path = site.path(route)
    known = BODIES.get((route, method), lambda s: {})(site)

    @settings(
        max_examples=12,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(body=BODY)
    def answers_without_a_server_error(body):
        response = client.generic(
            method,
            path,
            _encoded(body, known),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code < 500, (path, body, response.status_code)

    answers_without_a_server_error()
