"""A value the list cannot use is left out with a note naming its parameter on the page, and is a
400 naming it in the API; never a server error."""

import pytest

from assessments.portfolio import filters

pytestmark = pytest.mark.django_db

BAD = {
    "status": ("nope", filters.BAD_STATUS.split("{")[0]),
    "grade": ("Z", filters.BAD_GRADE.split("{")[0]),
    "decision": ("draft", filters.BAD_DECISION.split("{")[0]),
    "vendor": ("acme", filters.BAD_VENDOR),
    "offering": ("not-a-uuid", filters.BAD_OFFERING),
    "requester": ("bob", "The requester filter must be a user id or “me”."),
    "reviewer": ("-1", "The reviewer filter must be a user id or “me”."),
    "due_from": ("31/12/2026", "is not a date: use YYYY-MM-DD."),
    "due_to": ("2026-02-30", "is not a date: use YYYY-MM-DD."),
    "decided_from": ("yesterday", "is not a date: use YYYY-MM-DD."),
    "decided_to": ("2026-13-01", "is not a date: use YYYY-MM-DD."),
    "awaiting": ("godot", filters.BAD_AWAITING.split("{")[0]),
    "at_risk": ("yes", filters.BAD_AT_RISK),
    "findings": ("severe", filters.BAD_FINDINGS.split("{")[0]),
    "questionnaire": ("v2", filters.BAD_QUESTIONNAIRE),
    "conditions": ("soon", filters.BAD_CONDITIONS.split("{")[0]),
    "sort": ("colour", "Cannot sort by"),
}


@pytest.mark.parametrize("name", BAD)
def test_the_page_ignores_a_bad_value_and_names_the_parameter(client, viewer_user, make, name):
    make(vendor="Acme")
    value, words = BAD[name]
    client.force_login(viewer_user)
    response = client.get("/assessments/", {name: value})
    assert response.status_code == 200
    problems = response.context["query"].problems
    assert [p.field for p in problems] == [name]
    assert words in problems[0].message
    html = response.content.decode()
    # The page names the filter as its form does, never the parameter's key.
    assert f"<strong>{filters.FIELD_LABELS[name]}</strong>" in html
    assert f"<strong>{name}</strong>" not in html
    # The rest of the list still shows: the bad value narrowed nothing.
    assert response.context["count"] == 1


@pytest.mark.parametrize("name", BAD)
def test_the_api_answers_400_naming_the_parameter(api, viewer_user, name):
    value, words = BAD[name]
    response = api(viewer_user).get("/api/v1/assessments/", {name: value})
    assert response.status_code == 400
    body = response.json()
    assert list(body) == [name]
    assert words in body[name][0]


@pytest.mark.parametrize(
    ("kind", "message"), [("due", filters.BAD_RANGE), ("decided", filters.BAD_DECIDED_RANGE)]
)
def test_a_reversed_date_range_is_named_on_its_end_field(client, api, viewer_user, kind, message):
    params = {f"{kind}_from": "2026-12-31", f"{kind}_to": "2026-01-01"}
    client.force_login(viewer_user)
    problems = client.get("/assessments/", params).context["query"].problems
    assert [(p.field, p.message) for p in problems] == [(f"{kind}_to", message)]
    assert api(viewer_user).get("/api/v1/assessments/", params).json() == {f"{kind}_to": [message]}


def test_a_typed_value_in_a_note_is_escaped_and_isolated(client, viewer_user):
    client.force_login(viewer_user)
    html = client.get("/assessments/", {"status": "<script>\u202ex"}).content.decode()
    assert "<script>" not in html
    assert "<bdi>&lt;script&gt;\u202ex\u202c</bdi>" in html
