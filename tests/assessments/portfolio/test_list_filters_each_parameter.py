"""Each parameter of the shared contract narrows the list to what it names, on the page and in
the API, read through one parser (assessments/portfolio/filters.py)."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import Comment, Condition, Invitation
from tests.assessments.portfolio.conftest import listed
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db
S = "assessments.Assessment.Status"


def _ids(*assessments) -> set[str]:
    return {str(a.pk) for a in assessments}


def _page(client, params) -> set[str]:
    response = client.get("/assessments/", params)
    assert response.status_code == 200
    assert not response.context["query"].problems
    return set(listed(response))


def _api(api_client, params) -> set[str]:
    response = api_client.get("/api/v1/assessments/", params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def portfolio(make, procurement_user, architect_user, questionnaire_v2):
    today = timezone.localdate()
    return {
        "draft": make(vendor="Acme", offering="Gateway", status="draft"),
        "submitted": make(
            vendor="Borealis",
            offering="Vault",
            status="submitted",
            due_date=today + datetime.timedelta(days=5),
            summary={"grade": "B", "open_high": 2},
        ),
        "in_review": make(
            vendor="Cobalt",
            offering="Gateway Pro",
            status="in_review",
            reviewer=architect_user,
            due_date=today + datetime.timedelta(days=40),
            summary={"grade": "D", "open_critical": 1},
            questionnaire=questionnaire_v2,
        ),
        "approved": make(vendor="Delta", status="approved", summary={"grade": "A"}),
        "conditional": make(
            vendor="Echo",
            status="approved_with_conditions",
            reviewer=architect_user,
            requester=architect_user,
            summary={"grade": "C", "open_low": 3},
        ),
        "rejected": make(vendor="Foxtrot", status="rejected", summary={"grade": "E"}),
    }


@pytest.fixture
def both(client, api, viewer_user):
    """Ask the page and the API the same question; they must give the same answer."""
    client.force_login(viewer_user)
    reader = api(viewer_user)

    def ask(params) -> set[str]:
        on_page = _page(client, params)
        assert _api(reader, params) == on_page
        return on_page

    return ask


def test_status_repeats(both, portfolio):
    p = portfolio
    assert both({"status": ["draft", "submitted"]}) == _ids(p["draft"], p["submitted"])


def test_vendor_and_offering(both, portfolio):
    p = portfolio
    assert both({"vendor": str(p["submitted"].offering.vendor_id)}) == _ids(p["submitted"])
    assert both({"offering": str(p["in_review"].offering_id)}) == _ids(p["in_review"])


def test_grade_repeats_and_reads_the_stored_summary(both, portfolio):
    p = portfolio
    assert both({"grade": ["a", "E"]}) == _ids(p["approved"], p["rejected"])


def test_decision(both, portfolio):
    p = portfolio
    assert both({"decision": ["approved", "rejected"]}) == _ids(p["approved"], p["rejected"])


def test_requester_and_reviewer_by_id_and_me(
    client, api, portfolio, architect_user, procurement_user
):
    p = portfolio
    client.force_login(architect_user)
    assert _page(client, {"reviewer": "me"}) == _ids(p["in_review"], p["conditional"])
    assert _page(client, {"requester": "me"}) == _ids(p["conditional"])
    assert _api(api(architect_user), {"requester": "me"}) == _ids(p["conditional"])
    mine = {str(p[k].pk) for k in p if k != "conditional"}
    assert _page(client, {"requester": procurement_user.pk}) == mine


def test_due_date_range(both, portfolio):
    p = portfolio
    today = timezone.localdate()
    window = {"due_from": today.isoformat(), "due_to": str(today + datetime.timedelta(days=30))}
    assert both(window) == _ids(p["submitted"])
    assert both({"due_from": str(today + datetime.timedelta(days=6))}) == _ids(p["in_review"])


def test_open_findings_by_severity(both, portfolio):
    p = portfolio
    assert both({"findings": "critical"}) == _ids(p["in_review"])
    assert both({"findings": "high"}) == _ids(p["submitted"])
    assert both({"findings": "low"}) == _ids(p["conditional"])


def test_questionnaire_version(both, portfolio, questionnaire_v2):
    assert both({"questionnaire": questionnaire_v2.pk}) == _ids(portfolio["in_review"])


def test_free_text_on_vendor_and_offering_names(both, portfolio):
    p = portfolio
    assert both({"q": "gateway"}) == _ids(p["draft"], p["in_review"])
    assert both({"q": "cobalt gateway"}) == _ids(p["in_review"])
    assert both({"q": "borealis"}) == _ids(p["submitted"])


def test_conditions_due_and_overdue(both, portfolio, make):
    p = portfolio
    today = timezone.localdate()
    Condition.objects.create(
        assessment=p["conditional"], text="Fix TLS", owner="Ops", due_date=today
    )
    later = make(vendor="Golf", status="approved_with_conditions")
    Condition.objects.create(
        assessment=later, text="Pen test", owner="Sec", due_date=today + datetime.timedelta(90)
    )
    late = make(vendor="Hotel", status="approved_with_conditions")
    Condition.objects.create(
        assessment=late, text="SSO", owner="IT", due_date=today - datetime.timedelta(days=2)
    )
    assert both({"conditions": "due"}) == _ids(p["conditional"], late)
    assert both({"conditions": "overdue"}) == _ids(late)
    # A condition marked done is no longer due.
    Condition.objects.filter(assessment=late).update(done_at=timezone.now())
    assert both({"conditions": "due"}) == _ids(p["conditional"])
    assert both({"conditions": "overdue"}) == set()


def test_decision_date_range(both, portfolio):
    p = portfolio
    today = timezone.localdate()
    long_ago = timezone.now() - datetime.timedelta(days=200)
    type(p["approved"]).objects.filter(pk=p["approved"].pk).update(decided_at=long_ago)
    recent = both({"decided_from": str(today - datetime.timedelta(days=90))})
    assert recent == _ids(p["conditional"], p["rejected"])
    assert both({"decided_to": str(today - datetime.timedelta(days=100))}) == _ids(p["approved"])


def test_awaiting_a_vendor_or_answers_to_clarifications(both, portfolio, make, architect_user):
    p = portfolio
    now = timezone.now()

    def invite(assessment, **fields):
        return Invitation.objects.create(
            assessment=assessment,
            contact=ContactFactory(vendor=assessment.offering.vendor),
            domain_keys=["key_isolation"],
            token_hash=f"{assessment.pk.hex}{len(fields)}",
            token_prefix="abcdef",
            expires_at=fields.pop("expires_at", now + datetime.timedelta(days=7)),
            **fields,
        )

    invite(p["draft"])
    revoked = make(vendor="Revoked", status="draft")
    invite(revoked, revoked_at=now)
    done = make(vendor="Done", status="draft")
    invite(done, used_at=now, done_at=now)
    answering = make(vendor="Answering", status="changes_requested")
    invite(answering, used_at=now, expires_at=now - datetime.timedelta(days=1))
    invite(p["submitted"])  # submitted: nobody waits for the vendor any more
    assert both({"awaiting": "vendor"}) == _ids(p["draft"], answering)

    asked = make(vendor="Asked", status="changes_requested")
    for assessment, resolved in ((asked, None), (answering, now)):
        Comment.objects.create(
            assessment=assessment,
            question_key="q1",
            kind=Comment.Kind.CLARIFICATION,
            body="Which HSM holds the keys?",
            author=architect_user,
            resolved_at=resolved,
        )
    assert both({"awaiting": "clarification"}) == _ids(asked)


def test_at_risk_is_the_latest_decision_graded_d_or_e_or_an_overdue_condition(
    both, portfolio, make
):
    p = portfolio
    today = timezone.localdate()
    type(p["rejected"]).objects.filter(pk=p["rejected"].pk).update(decided_grade="E")
    late = make(vendor="Late", status="approved_with_conditions", decided_grade="B")
    Condition.objects.create(
        assessment=late, text="SSO", owner="IT", due_date=today - datetime.timedelta(days=2)
    )
    old_d = make(
        vendor="Replaced",
        status="approved",
        decided_grade="D",
        decided_at=timezone.now() - datetime.timedelta(days=30),
    )
    # A newer decision on the same offering, graded B, replaces the D.
    type(old_d).objects.create(
        offering=old_d.offering,
        questionnaire=old_d.questionnaire,
        requester=old_d.requester,
        status="approved",
        decided_grade="B",
        decided_at=timezone.now(),
    )
    assert both({"at_risk": "1"}) == _ids(p["rejected"], late)


def test_filters_combine(both, portfolio):
    p = portfolio
    assert both({"q": "gateway", "status": "in_review", "findings": "critical"}) == _ids(
        p["in_review"]
    )
    assert both({"q": "gateway", "status": "draft", "findings": "critical"}) == set()


def test_an_outsider_sees_nothing_and_is_refused(client, api, portfolio, outsider_user):
    client.force_login(outsider_user)
    assert client.get("/assessments/").status_code == 403
    assert api(outsider_user).get("/api/v1/assessments/").status_code == 403
    assert client.get("/assessments/export/csv/").status_code == 403
