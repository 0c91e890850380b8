"""Each role's dashboard shows its work: procurement its drafts, what is due and the vendors it
is waiting for; architects the review queue (oldest first), their reviews and the decisions due;
the board what was decided, the conditions due and the vendors at risk; admins all of it. Every
count links to the assessments list filtered to exactly what it counts, every empty panel says
what to do next, and the page costs the same few queries at hundreds of assessments."""

import datetime
import hashlib
import secrets

import pytest
from django.utils import timezone

from assessments.models import Invitation
from tests.assessments.home.builders import build, condition
from tests.factories import ContactFactory, OfferingFactory, UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _panels(response) -> dict:
    return {p.key: p for _, panels in response.context["panel_groups"] for p in panels}


def _invite(assessment, **fields):
    token = secrets.token_urlsafe(32)
    return Invitation.objects.create(
        assessment=assessment,
        contact=ContactFactory(vendor=assessment.offering.vendor),
        domain_keys=["key_isolation"],
        token_hash=hashlib.sha256(token.encode()).hexdigest(),
        token_prefix=token[:6],
        expires_at=fields.pop("expires_at", timezone.now() + 7 * DAY),
        **fields,
    )


def _in_html(response, href: str) -> bool:
    return f'href="{href.replace("&", "&amp;")}"' in response.content.decode()


def _lands_on_its_list(client, response) -> None:
    """Every counter is shown as a link, and the list it opens holds exactly what it counted."""
    for panel in _panels(response).values():
        assert _in_html(response, panel.href), panel.key
        listed = client.get(panel.href)
        assert listed.status_code == 200, panel.key
        assert listed.context["count"] == panel.count, panel.key
        assert not listed.context["query"].problems, panel.key


def test_procurement_sees_its_drafts_what_is_due_and_the_vendors_it_waits_for(
    client, questionnaire, procurement_user
):
    today = timezone.localdate()
    soon = build(questionnaire, requester=procurement_user, due_date=today + 5 * DAY)
    build(questionnaire, requester=procurement_user)  # a draft without a due date
    late = build(
        questionnaire,
        status="changes_requested",
        requester=procurement_user,
        due_date=today - 2 * DAY,
    )
    build(questionnaire, requester=procurement_user, status="submitted", due_date=today)
    build(questionnaire)  # someone else's draft
    _invite(soon)  # the vendor has the link
    _invite(late, used_at=timezone.now())  # the vendor is answering
    _invite(soon, revoked_at=timezone.now())  # revoked: nobody is waiting
    _invite(soon, expires_at=timezone.now() - DAY)  # expired unused: nobody is answering
    _invite(soon, used_at=timezone.now(), done_at=timezone.now())  # the vendor is done
    client.force_login(procurement_user)
    response = client.get("/")
    panels = _panels(response)
    assert set(panels) == {"drafts", "due", "invitations"}
    assert panels["drafts"].count == 2
    assert panels["drafts"].href == "/assessments/?status=draft&requester=me"
    assert [a.pk for a in panels["due"].rows] == [late.pk, soon.pk]
    assert panels["due"].count == 2
    due_to = (today + 14 * DAY).isoformat()
    assert panels["due"].href == (
        f"/assessments/?status=draft&status=changes_requested&requester=me&due_to={due_to}&sort=due"
    )
    assert panels["invitations"].count == 2
    assert panels["invitations"].href == "/assessments/?requester=me&awaiting=vendor"
    assert {i.assessment_id for i in panels["invitations"].rows} == {soon.pk, late.pk}
    _lands_on_its_list(client, response)
    assert _in_html(response, "/assessments/?status=changes_requested&requester=me")
    assert _in_html(response, "/assessments/?status=draft&requester=me")  # the status counters


def test_an_architect_sees_the_queue_oldest_first_its_reviews_and_the_decisions_due(
    client, questionnaire, architect_user
):
    today = timezone.localdate()
    now = timezone.now()
    newest = build(questionnaire, status="submitted", submitted_at=now - DAY)
    oldest = build(questionnaire, status="submitted", submitted_at=now - 9 * DAY)
    middle = build(questionnaire, status="submitted", submitted_at=now - 4 * DAY)
    mine = build(
        questionnaire, status="in_review", reviewer=architect_user, due_date=today + 3 * DAY
    )
    colleague = UserFactory(role="architect")
    overdue = build(questionnaire, status="in_review", reviewer=colleague, due_date=today - DAY)
    build(questionnaire, status="in_review", reviewer=colleague, due_date=today + 40 * DAY)
    approved = build(questionnaire, status="approved_with_conditions")
    condition(approved, due_in_days=-6, text="Rotate keys")
    condition(approved, due_in_days=-1, text="Add SSO")
    condition(approved, due_in_days=-30, done=True, text="Sign the DPA")
    condition(build(questionnaire, status="approved_with_conditions"), due_in_days=3)
    client.force_login(architect_user)
    response = client.get("/")
    html = response.content.decode()
    assert "You have no assessments yet" not in html
    panels = _panels(response)
    assert set(panels) == {"queue", "reviewing", "decisions", "overdue"}
    assert [a.pk for a in panels["queue"].rows] == [oldest.pk, middle.pk, newest.pk]
    assert panels["queue"].count == 3 and panels["queue"].href == "/assessments/?status=submitted"
    assert [a.pk for a in panels["reviewing"].rows] == [mine.pk]
    assert panels["reviewing"].href == "/assessments/?status=in_review&reviewer=me"
    assert [a.pk for a in panels["decisions"].rows] == [overdue.pk, mine.pk]
    due_to = (today + 14 * DAY).isoformat()
    assert panels["decisions"].href == f"/assessments/?status=in_review&due_to={due_to}&sort=due"
    # Overdue conditions are on the architect's dashboard, to be marked done.
    assert panels["overdue"].count == 1
    assert panels["overdue"].href == "/assessments/?conditions=overdue"
    assert [(c.text, c.state) for c in panels["overdue"].rows] == [
        ("Rotate keys", "overdue"),
        ("Add SSO", "overdue"),
    ]
    assert "</span> approval with an overdue condition</a>" in html
    _lands_on_its_list(client, response)


def test_the_board_sees_what_was_decided_the_conditions_due_and_the_vendors_at_risk(
    client, questionnaire, viewer_user
):
    now = timezone.now()
    with_conditions = build(
        questionnaire, status="approved_with_conditions", decided_at=now - 2 * DAY
    )
    condition(with_conditions, due_in_days=-4, owner="Vendor management", text="Rotate keys")
    condition(with_conditions, due_in_days=20, owner="Security team", text="Add SSO")
    condition(with_conditions, due_in_days=-9, done=True, text="Sign the DPA")
    later = build(questionnaire, status="approved_with_conditions", decided_at=now - 5 * DAY)
    condition(later, due_in_days=60, text="Annual pen test")
    rejected = build(questionnaire, status="rejected", decided_at=now - DAY, summary={"grade": "E"})
    # A D that a newer decision on the same offering replaced puts nobody at risk.
    offering = OfferingFactory()
    build(
        questionnaire,
        status="approved",
        offering=offering,
        decided_at=now - 30 * DAY,
        summary={"grade": "D"},
    )
    build(questionnaire, status="approved", offering=offering, decided_at=now - 3 * DAY)
    build(questionnaire, status="in_review", summary={"grade": "E"})  # not decided: no risk yet
    build(questionnaire, status="approved", decided_at=now - 120 * DAY)  # not recent
    client.force_login(viewer_user)
    response = client.get("/")
    html = response.content.decode()
    assert "You have no assessments yet" not in html
    panels = _panels(response)
    assert set(panels) == {"decided", "conditions", "at_risk"}
    assert panels["decided"].count == 5
    assert panels["decided"].rows[0].pk == rejected.pk
    since = (timezone.localdate() - 90 * DAY).isoformat()
    assert panels["decided"].href == (
        "/assessments/?decision=approved&decision=approved_with_conditions&decision=rejected"
        f"&decided_from={since}&sort=-decision"
    )
    assert panels["conditions"].count == 1
    assert panels["conditions"].href == "/assessments/?conditions=due"
    assert [(c.text, c.state) for c in panels["conditions"].rows] == [
        ("Rotate keys", "overdue"),
        ("Add SSO", "open"),
    ]
    at_risk = {v["name"]: v for v in panels["at_risk"].rows}
    assert set(at_risk) == {
        with_conditions.offering.vendor.name,
        rejected.offering.vendor.name,
    }
    assert at_risk[with_conditions.offering.vendor.name]["overdue"] == 1
    assert [g["grade"] for g in at_risk[rejected.offering.vendor.name]["graded"]] == ["E"]
    assert panels["at_risk"].rows[0]["name"] == rejected.offering.vendor.name  # worst first
    assert panels["at_risk"].count == 2 and panels["at_risk"].href == "/assessments/?at_risk=1"
    _lands_on_its_list(client, response)
    assert _in_html(response, "/assessments/?conditions=overdue")
    assert _in_html(response, "/assessments/conditions/?state=due")


def test_an_admin_sees_every_panel(client, questionnaire, admin_user):
    client.force_login(admin_user)
    response = client.get("/")
    headings = [heading for heading, _ in response.context["panel_groups"]]
    assert headings == ["Procurement", "Review", "Board"]
    assert len(_panels(response)) == 10


@pytest.mark.parametrize(
    ("who", "sentences"),
    [
        (
            "procurement_user",
            [
                "No drafts. Start an assessment",
                "No vendor is answering for you now.",
                "No architect is waiting for an answer from you.",
            ],
        ),
        (
            "architect_user",
            [
                "Nothing is waiting for review.",
                "You are not reviewing anything. Take the oldest assessment",
                "No decision is due in the next 14 days.",
                "No condition of approval is overdue.",
            ],
        ),
        (
            "viewer_user",
            [
                "Nothing was decided in the last 90 days.",
                "No condition of approval is due in the next 30 days.",
                "No vendor is at risk",
            ],
        ),
    ],
)
def test_each_empty_panel_says_what_to_do_next(client, request, questionnaire, who, sentences):
    client.force_login(request.getfixturevalue(who))
    html = client.get("/").content.decode()
    for sentence in sentences:
        assert sentence in html


def test_the_admin_dashboard_costs_the_same_few_queries_at_hundreds_of_assessments(
    client, questionnaire, admin_user, procurement_user, django_assert_max_num_queries
):
    today = timezone.localdate()
    client.force_login(admin_user)
    client.get("/")  # warm the per-process caches (questionnaire structure)
    for n in range(60):
        build(questionnaire, requester=admin_user, due_date=today + (n % 20) * DAY)
        build(questionnaire, status="submitted", requester=procurement_user)
        build(questionnaire, status="in_review", reviewer=admin_user, due_date=today + n % 9 * DAY)
        approved = build(questionnaire, status="approved_with_conditions")
        condition(approved, due_in_days=n % 40 - 10)
        build(questionnaire, status="rejected", summary={"grade": "E"})
    with django_assert_max_num_queries(25):
        response = client.get("/")
    panels = _panels(response)
    assert panels["queue"].count == 60 and panels["drafts"].count == 60
    assert len(panels["at_risk"].rows) == 8


@pytest.mark.parametrize("who", ["admin_user", "architect_user", "viewer_user"])
def test_reviewers_the_board_and_admins_count_every_assessment_by_status(
    client, request, questionnaire, procurement_user, who
):
    build(questionnaire, requester=procurement_user)
    build(questionnaire, requester=procurement_user)
    build(questionnaire, status="in_review")
    build(questionnaire, status="rejected")
    client.force_login(request.getfixturevalue(who))
    response = client.get("/")
    counts = {label: (n, href) for label, n, href in response.context["status_counts"]}
    assert counts["Draft"] == (2, "/assessments/?status=draft")
    assert counts["In review"] == (1, "/assessments/?status=in_review")
    assert counts["Rejected"] == (1, "/assessments/?status=rejected")
    assert "All assessments, by status" in response.content.decode()
    for _, n, href in response.context["status_counts"]:
        assert _in_html(response, href)
        assert client.get(href).context["count"] == n, href


def test_procurement_counts_its_own_and_the_clarifications_it_owes(
    client, questionnaire, procurement_user, architect_user
):
    from assessments.models import Comment

    asked = build(questionnaire, status="changes_requested", requester=procurement_user)
    answered = build(questionnaire, status="changes_requested", requester=procurement_user)
    build(questionnaire, status="changes_requested")  # someone else's
    for assessment, resolved in ((asked, None), (answered, timezone.now())):
        for key in ("q1", "q2"):  # two questions, one assessment to answer
            Comment.objects.create(
                assessment=assessment,
                question_key=key,
                kind=Comment.Kind.CLARIFICATION,
                body="Where are the keys held?",
                author=architect_user,
                resolved_at=resolved,
            )
    client.force_login(procurement_user)
    response = client.get("/")
    counts = {label: (n, href) for label, n, href in response.context["status_counts"]}
    assert counts["Changes requested"] == (
        2,
        "/assessments/?status=changes_requested&requester=me",
    )
    assert response.context["clarification_count"] == (
        1,
        "/assessments/?requester=me&awaiting=clarification",
    )
    html = response.content.decode()
    assert "Assessments I requested, by status" in html
    assert "</span> assessment with questions from architects</a>" in html
    assert client.get(response.context["clarification_count"][1]).context["count"] == 1


def test_my_assessments_shows_the_soonest_due_twenty_and_says_how_many_more(
    client, questionnaire, procurement_user
):
    today = timezone.localdate()
    for n in range(22):
        build(questionnaire, requester=procurement_user, due_date=today + n * DAY)
    client.force_login(procurement_user)
    response = client.get("/")
    rows = response.context["assessments"]
    assert [a.due_date for a in rows] == [today + n * DAY for n in range(20)]
    assert "soonest due first:\n    20 of 22." in response.content.decode()


def test_every_row_links_to_the_assessment_it_names(client, questionnaire, admin_user):
    """Rows build their links without reverse() per row; each must still open its own page."""
    now = timezone.now()
    draft = build(questionnaire, requester=admin_user, due_date=timezone.localdate() + DAY)
    _invite(draft)
    queued = build(questionnaire, status="submitted")
    mine = build(questionnaire, status="in_review", reviewer=admin_user)
    approved = build(questionnaire, status="approved_with_conditions", decided_at=now - DAY)
    condition(approved, due_in_days=-2)
    rejected = build(questionnaire, status="rejected", decided_at=now, summary={"grade": "E"})
    client.force_login(admin_user)
    response = client.get("/")
    panels = _panels(response)
    expected = {
        "drafts": [draft],
        "invitations": [draft],
        "queue": [queued],
        "reviewing": [mine],
        "overdue": [approved],
        "conditions": [approved],
        "decided": [rejected, approved],
    }
    for key, assessments in expected.items():
        links = [row.detail_url for row in panels[key].rows]
        assert links == [f"/assessments/{a.pk}/" for a in assessments], key
    graded = [g for vendor in panels["at_risk"].rows for g in vendor["graded"]]
    assert [g["url"] for g in graded] == [f"/assessments/{rejected.pk}/"]
    mine_table = [a.detail_url for a in response.context["assessments"]]
    assert f"/assessments/{draft.pk}/" in mine_table and f"/assessments/{mine.pk}/" in mine_table
    for assessment in (draft, queued, mine, approved, rejected):
        href = f"/assessments/{assessment.pk}/"
        assert _in_html(response, href), href
        assert client.get(href).status_code == 200
