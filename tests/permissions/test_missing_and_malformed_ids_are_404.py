"""Ids in paths. An id that names nothing — absent, out of range, an object of another kind, or
another assessment's evidence — is a 404 for everyone whose role gets them past the role check,
never a 500; everyone else meets the very refusal the matrix gives for a real id, so nobody learns
which ids exist. A malformed id never reaches a view."""

import uuid

import pytest
from django.urls import Resolver404, resolve

from tests.permissions.conftest import (
    PK_OBJECT,
    Site,
    finish,
    is_api,
    outcome_of,
    parameters,
    send,
)
from tests.permissions.matrix import ALLOW, NOT_FOUND, PRINCIPALS, ROUTES, expected

pytestmark = pytest.mark.django_db


def _id_parameters() -> list[tuple[str, str, str]]:
    """(route, parameter name, converter) for every object id in every route's path."""
    return [
        (route, name, converter)
        for route in sorted(ROUTES)
        for converter, name in parameters(route)
        if converter in ("uuid", "int")
    ]


UNKNOWN_KINDS = {"uuid": ("absent", "another kind's id"), "int": ("absent", "out of range")}
MISSING_CASES = [
    (route, name, kind)
    for route, name, converter in _id_parameters()
    for kind in UNKNOWN_KINDS[converter]
]


def _unknown_id(site: Site, route: str, name: str, kind: str):
    if kind == "absent":
        return 2**31 - 1 if f"<int:{name}>" in route else uuid.uuid4()
    if kind == "out of range":
        return 10**30
    if name == "evidence_id":
        return site.other_evidence.pk
    names = (
        "vendor"
        if name in ("id", "vendor_id") or route.startswith("vendors/")
        else (PK_OBJECT.get(route, "draft"))
    )
    if names == "vendor" or names.endswith("_report"):
        return site.draft.pk  # an assessment's id where a vendor's or a report's belongs
    return site.vendor.pk  # a vendor's id where an assessment's belongs


def test_every_route_with_an_object_id_is_checked():
    assert {route for route, _, _ in MISSING_CASES} == {
        route for route in ROUTES if "<uuid:" in route or "<int:" in route
    }


@pytest.mark.parametrize(
    ("route", "name", "kind"), MISSING_CASES, ids=[f"/{r}-{n}-{k}" for r, n, k in MISSING_CASES]
)
def test_an_id_that_names_nothing_is_404_for_everyone_allowed_and_refused_alike(
    site, route, name, kind
):
    path = site.path(route, **{name: _unknown_id(site, route, name, kind)})
    wrong = []
    for method in ROUTES[route]:
        for principal in PRINCIPALS:
            real = expected(route, method, principal)
            if real != ALLOW:
                want = {real}  # the refusal must not depend on whether the id exists
            elif method == "OPTIONS" and is_api(route):
                # DRF's OPTIONS describes the endpoint and need not load the object: 200 or 404
                # for a missing id, never more.
                want = {ALLOW, NOT_FOUND}
            else:
                want = {NOT_FOUND}
            response = send(site, principal, route, method, path=path)
            status = response.status_code
            got = outcome_of(response)
            if got not in want:
                wrong.append(f"{method} {path} as {principal}: HTTP {status}, want {want}")
    assert not wrong, "\n".join(wrong)


MALFORMED = {
    "uuid": ("not-a-uuid", "0" * 32, "{upper}", "{real}x"),
    "int": ("abc", "-1", "1.0"),
}
MALFORMED_CASES = [
    (route, name, converter, value)
    for route, name, converter in _id_parameters()
    for value in MALFORMED[converter]
]


@pytest.mark.parametrize(
    ("route", "name", "converter", "value"),
    MALFORMED_CASES,
    ids=[f"/{r}-{n}-{v}" for r, n, _, v in MALFORMED_CASES],
)
def test_a_malformed_id_is_404_for_everyone(site, route, name, converter, value):
    real = str(site.value(route, name))
    path = site.path(route, **{name: value.format(upper=real.upper(), real=real)})
    with pytest.raises(Resolver404):
        resolve(path)
    wrong = []
    for method in ROUTES[route]:
        for principal in PRINCIPALS:
            status = finish(send(site, principal, route, method, path=path))
            if status != 404:
                wrong.append(f"{method} {path} as {principal}: HTTP {status}")
    assert not wrong, "\n".join(wrong)


READERS = ("procurement", "architect", "viewer", "admin")
ABSENT = "00000000-0000-4000-8000-000000000000"


def _id_in_query_or_body(site: Site, where: str, value: str) -> tuple[str, str, str, dict]:
    """(route, method, path, body) that carry `value` as an assessment id outside the path."""
    real = str(site.draft.pk)
    if where == "diff ?against=":
        route = "assessments/<uuid:pk>/diff/"
        return route, "GET", f"{site.path(route)}?against={value}", {}
    if where == "comparison preview ?a=":
        return (
            "reports/compare/preview/",
            "GET",
            f"/reports/compare/preview/?a={real}&a={value}",
            {},
        )
    if where == "comparison picker POST":
        return "reports/compare/", "POST", "/reports/compare/", {"assessments": [real, value]}
    return "api/v1/comparisons/", "POST", "/api/v1/comparisons/", {"assessments": [real, value]}


@pytest.mark.parametrize("value", [ABSENT, "not-a-uuid"])
@pytest.mark.parametrize(
    "where",
    ["diff ?against=", "comparison preview ?a=", "comparison picker POST", "comparisons API"],
)
def test_an_assessment_id_in_a_query_or_body_that_names_nothing_is_404(site, where, value):
    route, method, path, body = _id_in_query_or_body(site, where, value)
    api = is_api(route)
    # A malformed id in a JSON body is refused by the serializer before any lookup.
    want = 400 if api and value == "not-a-uuid" else 404
    wrong = []
    for principal in READERS:
        client = site.client(principal, api=api)
        if method == "GET":
            response = client.get(path)
        else:
            response = client.post(path, body, **({"format": "json"} if api else {}))
        if finish(response) != want:
            wrong.append(f"{method} {path} as {principal}: HTTP {response.status_code}")
    assert not wrong, "\n".join(wrong)


def test_a_malformed_offering_filter_is_not_a_server_error(site):
    client = site.client("viewer", api=True)
    client.raise_request_exception = False
    response = client.get("/api/v1/assessments/?offering=not-a-uuid")
    assert response.status_code == 400
    assert response.json() == {"offering": ["The offering filter must be an offering id."]}
