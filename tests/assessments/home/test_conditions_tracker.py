"""The conditions tracker (/assessments/conditions/): every condition of approval across the
portfolio with its assessment, owner, due date and state; filters by state and owner; pages;
architects and admins mark one done with a note from it (POST, CSRF), others only read."""

import re

import pytest
from django.test import Client

from assessments.models import AuditAction, AuditEvent, Condition
from assessments.review.services import DONE_NOTE_REQUIRED
from tests.assessments.home.builders import DONE_NOTE as NOTE
from tests.assessments.home.builders import build, condition
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db
URL = "/assessments/conditions/"


@pytest.fixture
def portfolio(questionnaire):
    """Two approvals with conditions (overdue, due soon, later, done), and a condition proposed
    in a review that is not decided yet: that one binds nobody and is not tracked."""
    first = build(questionnaire, status="approved_with_conditions")
    second = build(questionnaire, status="approved_with_conditions")
    in_review = build(questionnaire, status="in_review")
    return {
        "first": first,
        "second": second,
        "overdue": condition(first, due_in_days=-5, owner="Vendor management", text="Rotate keys"),
        "soon": condition(first, due_in_days=10, owner="Security team", text="Add SSO"),
        "later": condition(second, due_in_days=90, owner="Vendor management", text="Pen test"),
        "done": condition(second, due_in_days=-20, owner="Security team", done=True, text="DPA"),
        "proposal": condition(in_review, due_in_days=1, text="Proposal only"),
    }


def _texts(response) -> list[str]:
    return [c.text for c in response.context["page"].object_list]


def test_it_lists_every_open_condition_soonest_due_first_with_its_state(
    client, viewer_user, portfolio
):
    client.force_login(viewer_user)
    response = client.get(URL)
    assert response.status_code == 200
    assert _texts(response) == ["Rotate keys", "Add SSO", "Pen test"]
    states = {c.text: c.state for c in response.context["page"].object_list}
    assert states == {"Rotate keys": "overdue", "Add SSO": "open", "Pen test": "open"}
    html = without_isolates(response.content.decode())
    first = portfolio["first"]
    assert f'href="/assessments/{first.pk}/"' in html
    assert f"{first.offering.vendor.name} · {first.offering.name}" in html
    assert "Proposal only" not in html
    assert response.context["counts"] == {"open": 3, "overdue": 1, "due": 2, "done": 1, "all": 4}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?state=overdue", ["Rotate keys"]),
        ("?state=due", ["Rotate keys", "Add SSO"]),
        ("?state=done", ["DPA"]),
        ("?state=all", ["Rotate keys", "Add SSO", "Pen test", "DPA"]),
        ("?owner=security+team", ["Add SSO"]),
        ("?state=all&owner=Security+team", ["Add SSO", "DPA"]),
    ],
)
def test_filters_by_state_and_owner(client, viewer_user, portfolio, query, expected):
    client.force_login(viewer_user)
    assert _texts(client.get(URL + query)) == expected


def test_an_unknown_state_is_named_and_the_default_shown(client, viewer_user, portfolio):
    client.force_login(viewer_user)
    response = client.get(URL + "?state=soonish")
    assert _texts(response) == ["Rotate keys", "Add SSO", "Pen test"]
    assert "state" in response.context["query"].problems
    assert "Unknown state soonish" in without_isolates(response.content.decode())


def test_it_pages_and_keeps_its_filters_in_the_page_links(client, viewer_user, questionnaire):
    approved = build(questionnaire, status="approved_with_conditions")
    for day in range(30):
        condition(approved, due_in_days=day, owner="Ops", text=f"Condition {day:02}")
    client.force_login(viewer_user)
    first = client.get(URL + "?owner=Ops")
    assert len(first.context["page"].object_list) == 25
    html = first.content.decode()
    assert 'href="?owner=Ops&amp;page=2"' in html
    second = client.get(URL + "?owner=Ops&page=2")
    assert _texts(second) == [f"Condition {d}" for d in range(25, 30)]


def test_an_architect_marks_a_condition_done_from_the_tracker(architect_user, portfolio):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(architect_user)
    page = browser.get(URL + "?owner=Vendor+management")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())[1]
    target = portfolio["overdue"]
    action = f"/assessments/{target.assessment_id}/conditions/{target.pk}/done/"
    assert f'action="{action}"' in page.content.decode()
    refused = browser.post(action, {"note": NOTE, "owner": "Vendor management"})
    assert refused.status_code == 403  # no CSRF token: refused before anything is written
    done = browser.post(
        action, {"note": NOTE, "owner": "Vendor management", "csrfmiddlewaretoken": token}
    )
    assert done.status_code == 302 and done.url == URL + "?owner=Vendor+management"
    target.refresh_from_db()
    assert target.done_by == architect_user and target.done_note == NOTE
    assert AuditEvent.objects.filter(action=AuditAction.CONDITION_DONE).count() == 1
    after = browser.get(done.url)
    assert "The condition is marked done." in after.content.decode()
    assert _texts(after) == ["Pen test"]


def test_a_refused_note_comes_back_beside_its_condition_with_what_was_typed(
    client, architect_user, portfolio
):
    client.force_login(architect_user)
    target = portfolio["soon"]
    response = client.post(
        f"/assessments/{target.assessment_id}/conditions/{target.pk}/done/",
        {"note": "done", "state": "due"},
    )
    assert response.status_code == 400
    html = without_isolates(response.content.decode())
    assert DONE_NOTE_REQUIRED in html
    assert f'id="note-{target.pk}" name="note"' in html and ">done</textarea>" in html
    assert response.context["query"].state == "due"
    assert Condition.objects.get(pk=target.pk).done_at is None


@pytest.mark.parametrize("who", ["procurement_user", "viewer_user"])
def test_readers_see_the_tracker_without_the_form_and_cannot_post(client, request, who, portfolio):
    client.force_login(request.getfixturevalue(who))
    page = client.get(URL)
    assert page.status_code == 200 and "Mark done" not in page.content.decode()
    target = portfolio["soon"]
    response = client.post(
        f"/assessments/{target.assessment_id}/conditions/{target.pk}/done/", {"note": NOTE}
    )
    assert response.status_code == 403
    assert Condition.objects.get(pk=target.pk).done_at is None


def test_outsiders_are_refused_and_strangers_sent_to_sign_in(client, outsider_user, portfolio):
    assert client.get(URL).status_code == 302
    client.force_login(outsider_user)
    assert client.get(URL).status_code == 403


def test_an_unknown_condition_is_a_404(client, architect_user, portfolio):
    client.force_login(architect_user)
    other = portfolio["second"]
    target = portfolio["soon"]  # belongs to the first assessment
    url = f"/assessments/{other.pk}/conditions/{target.pk}/done/"
    assert client.post(url, {"note": NOTE}).status_code == 404


@pytest.mark.parametrize(
    ("who", "shown"),
    [
        ("architect_user", True),
        ("viewer_user", True),
        ("admin_user", True),
        ("procurement_user", False),
    ],
)
def test_the_main_navigation_links_the_tracker_for_those_who_follow_decisions_up(
    client, request, who, shown
):
    client.force_login(request.getfixturevalue(who))
    html = client.get("/").content.decode()
    assert (f'href="{URL}"' in html) is shown


def test_an_empty_tracker_says_how_conditions_get_there(client, viewer_user, questionnaire):
    client.force_login(viewer_user)
    html = client.get(URL).content.decode()
    assert "No approval carries conditions yet." in html
    assert "approves an assessment with conditions" in html


def test_the_tracker_costs_the_same_few_queries_at_hundreds_of_conditions(
    client, viewer_user, questionnaire, django_assert_max_num_queries
):
    client.force_login(viewer_user)
    for _ in range(60):
        approved = build(questionnaire, status="approved_with_conditions")
        for day in (-3, 4, 40, 80):
            condition(approved, due_in_days=day, owner=f"Owner {day}")
    assert Condition.objects.count() == 240
    with django_assert_max_num_queries(10):
        response = client.get(URL + "?state=all")
    assert response.context["counts"]["all"] == 240


def test_the_review_page_shows_a_met_condition_with_its_note(client, architect_user, portfolio):
    client.force_login(architect_user)
    done = portfolio["done"]
    html = without_isolates(
        client.get(f"/assessments/{done.assessment_id}/review/?show=decision").content.decode()
    )
    assert 'class="badge condition-done">done' in html
    assert done.done_note in html
