"""What the workspace's script asks for after an action (the changed row, the panel, the counts),
the decision's confirmation step, marking a whole domain reviewed, and the page's query budget."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessments.models import AuditEvent
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services import answer_review_mark
from assessments.review.workspace import review_rows
from tests.assessments.helpers import DEPARTURE
from tests.assessments.review.workspace.conftest import page
from tests.support.bidi import without_isolates

pytestmark = pytest.mark.django_db


def _ids(html: str) -> list[str]:
    """The ids of the top-level elements, which the page swaps in."""
    return re.findall(r'^<\w+[^>]*?\bid="([^"]+)"', html, re.M)


def test_fragments_carry_the_changed_row_the_panel_and_the_navigation_and_no_form(
    client, in_review, architect_user
):
    data = review_rows(assessment=in_review, user=architect_user)
    key = next(r.key for r in data.rows if r.reviewable)
    answer_review_mark(actor=architect_user, assessment_pk=in_review.pk, question_key=key)
    client.force_login(architect_user)
    response = client.get(
        f"/assessments/{in_review.pk}/review/fragments/?rows={key},nope&domain={data.rows[0].domain_key}"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert _ids(html) == ["review-nav", "review-panel", "domain-progress", f"rv-{key}"]
    row = html[html.index(f'id="rv-{key}"') :]
    assert '<span class="badge ok">reviewed</span>' in row
    assert "Reviewed 1 of" in html
    assert "<form" not in html and "<textarea" not in html


def test_the_decision_preview_lists_what_is_missing_and_writes_nothing(
    client, in_review, architect_user
):
    client.force_login(architect_user)
    url = f"/assessments/{in_review.pk}/review/decision-preview/"
    events = AuditEvent.objects.filter(assessment=in_review).count()
    refused = client.post(url, {"decision": "approved", "rationale": "Looks fine overall."})
    html = refused.content.decode()
    assert refused.status_code == 200
    assert "Not yet: the decision needs more" in html
    assert "accept its risk or link a condition to it" in html
    assert "at least 12 words" in html
    assert "data-confirm-decision" not in html
    rejected = client.post(
        url, {"decision": "rejected", "rationale": "The design cannot be accepted for us."}
    ).content.decode()
    assert "Confirm the decision" in rejected and "data-confirm-decision" in rejected
    needless = client.post(
        url,
        {"decision": "rejected", "rationale": "Not for us.", "departure_justification": DEPARTURE},
    ).content.decode()
    assert "takes no departure justification" in needless
    unknown = client.post(url, {"decision": "maybe", "rationale": "x"}).content.decode()
    assert "Choose approved, approved with conditions or rejected." in unknown
    in_review.refresh_from_db()
    assert in_review.status == "in_review"
    assert AuditEvent.objects.filter(assessment=in_review).count() == events


def test_marking_a_domain_reviewed_marks_its_pending_answers_once(
    api, client, in_review, architect_user
):
    structure = questionnaire_structure(in_review.questionnaire)
    domain = structure.domains[2]
    data = review_rows(assessment=in_review, user=architect_user)
    pending = [r.key for r in data.rows if r.domain_key == domain.key and r.reviewable]
    url = f"/api/v1/assessments/{in_review.pk}/domains/{domain.key}/reviewed/"
    first = api(architect_user).post(url)
    assert first.status_code == 200 and first.json() == {"marked": len(pending)}
    again = api(architect_user).post(url)
    assert again.status_code == 409
    event = AuditEvent.objects.get(assessment=in_review, action="domain.reviewed")
    assert sorted(event.new["questions"]) == sorted(pending)
    html = page(client, architect_user, in_review, f"?domain={domain.key}").content.decode()
    assert f"Reviewed {len(pending)} of {len(pending)} answers in this domain." in html
    assert "Mark this domain reviewed" not in html


@pytest.mark.parametrize("query", ["", "?show=unreviewed", "?show=decision"])
def test_the_review_page_stays_within_its_query_budget(client, in_review, architect_user, query):
    client.force_login(architect_user)
    client.get(f"/assessments/{in_review.pk}/review/{query}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/assessments/{in_review.pk}/review/{query}")
    assert response.status_code == 200
    assert len(queries) <= 15, [q["sql"][:80] for q in queries]


def test_the_decision_view_tells_the_latest_activity_in_words(client, in_review, architect_user):
    data = review_rows(assessment=in_review, user=architect_user)
    row = next(r for r in data.rows if r.reviewable)
    answer_review_mark(actor=architect_user, assessment_pk=in_review.pk, question_key=row.key)
    html = without_isolates(
        page(client, architect_user, in_review, "?show=decision").content.decode()
    )
    assert "Latest activity" in html
    assert f"reviewed “{row.question.text}” and kept its evidence level (claim)" in html
    assert "answer.reviewed" not in html and "review.started" not in html
