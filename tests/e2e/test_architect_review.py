"""An architect's day in the review workspace, in a real browser: domain by domain and through the
"open findings" filter, verdicts recorded without a page reload (what is ticked and typed elsewhere
survives), a round of clarification with procurement, and a decision that departs from the
recommendation — stopped until each open high finding is accepted or conditioned and the departure
is explained, confirmed in a dialog, and stated in the board report's PDF."""

import re

import pytest
from playwright.sync_api import expect

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Answer, AuditEvent, Option
from assessments.questionnaire.structure import questionnaire_structure
from assessments.scoring_adapter import assessment_score
from reports.rendering import report_render
from reports.services import report_request
from reports.storage import artifact_read_verified
from scoring import hidden_questions
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory
from tests.reports.conftest import pdf_contains, pdf_text

DEPARTURE = (
    "The product runs only in the isolated pilot network with synthetic data for three months, "
    "and the vendor has contractually committed to close both findings before production."
)


def _submitted_grade_d(questionnaire, procurement_user):
    """Every visible question answered (best options, alternately claim and documented) except
    two that raise high findings: grade D, "high risk", two open high findings."""
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    structure = questionnaire_structure(questionnaire)
    chosen: dict[str, str] = {}
    flagged: list[str] = []
    for index, question in enumerate(structure.questions):
        if question.key in hidden_questions(structure.rubric, chosen):
            continue
        known = sorted((o for o in question.options if not o.is_unknown), key=lambda o: -o.score)
        option = known[0]
        high = next((o for o in question.options if o.finding_severity == "high"), None)
        if high and not question.show_if and len(flagged) < 2:
            option = high
            flagged.append(question.key)
        answer_save(
            actor=procurement_user,
            assessment_pk=assessment.pk,
            question_key=question.key,
            option_key=option.key,
            evidence_level="documented" if index % 2 else "claim",
        )
        chosen[question.key] = option.key
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    return assessment, flagged


def _row(page, key):
    return page.locator(f"[id='r-{key}']")


def _actions(page, key):
    row = _row(page, key)
    details = row.locator("details.row-actions")
    if details.get_attribute("open") is None:
        row.locator("details.row-actions > summary").click()
    return row


@pytest.fixture(autouse=True)
def _reports_in_process(settings, tmp_path, monkeypatch):
    settings.STORAGES = {
        **settings.STORAGES,
        "reports": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "reports")},
        },
    }
    monkeypatch.setattr("reports.tasks.report_enqueue", lambda report_id: None)


def test_an_architects_review_day_ends_in_a_guarded_departure_the_board_can_read(
    page, browser, live_server, questionnaire, procurement_user, architect_user
):
    assessment, flagged = _submitted_grade_d(questionnaire, procurement_user)
    card = assessment_score(assessment=assessment).scorecard
    assert (card.grade, card.recommendation) == ("D", "high_risk")
    assert [f.severity for f in card.findings if not f.accepted] == ["high", "high"]
    structure = questionnaire_structure(questionnaire)
    shown = {t.key for t in card.trace if t.status == "answered"}
    assert len(shown) >= 60
    domain = structure.domains[1]
    keys = [q.key for q in domain.questions if q.key in shown and q.key not in flagged][:3]

    login(page, architect_user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Review queue", exact=True).click()
    page.get_by_role("link", name=assessment.offering.vendor.name, exact=False).click()
    page.get_by_role("button", name="Start review").click()
    # Starting the review reloads the page; wait for it before navigating on.
    expect(page.locator(".page-head .badge.status-in_review")).to_be_visible()

    # Domain navigation: one domain at a time.
    page.locator(f".ws-nav a[href='?domain={domain.key}']").click()
    expect(page.locator("#view-title")).to_have_text(domain.title)
    expect(page.locator("[data-row]")).to_have_count(
        sum(1 for q in domain.questions if q.key in shown)
    )
    # State that must survive every action below: a tick and half-typed text.
    _actions(page, keys[0]).get_by_label("Ask the requester to clarify this answer").check()
    page.get_by_label("What needs clarifying").fill("Is the admin console reachable from the")
    _actions(page, keys[2]).get_by_label("Comment").fill("Draft note, not sent yet")
    page.evaluate("window.__sameDocument = true")

    # Verdicts without a reload: raise one level, keep another.
    row = _actions(page, keys[1])
    row.get_by_label("Evidence level").select_option("verified")
    row.get_by_role("button", name="Set level").click()
    expect(_row(page, keys[1]).locator("[data-level-label]")).to_have_text("verified")
    expect(_row(page, keys[1]).locator(".row-view")).to_contain_text("reviewed")
    expect(row.get_by_role("button", name="Set level")).to_be_focused()
    _actions(page, keys[2]).get_by_role("button", name="Keep the level (reviewed)").click()
    expect(_row(page, keys[2]).locator(".row-view .badge.ok")).to_have_text("reviewed")
    expect(page.locator(f".ws-nav a[href='?domain={domain.key}'] .prog")).to_contain_text("2/")
    assert page.evaluate("window.__sameDocument") is True  # no reload happened
    expect(
        _row(page, keys[0]).get_by_label("Ask the requester to clarify this answer")
    ).to_be_checked()
    expect(page.get_by_label("What needs clarifying")).to_have_value(
        "Is the admin console reachable from the"
    )
    expect(_row(page, keys[2]).get_by_label("Comment")).to_have_value("Draft note, not sent yet")
    # A refused override keeps what was typed and says why, in place.
    row = _actions(page, keys[1])
    row.get_by_label("Override score", exact=False).fill("40")
    row.get_by_label("Justification").fill("short")
    row.get_by_role("button", name="Override").click()
    expect(row.locator("form[data-endpoint$='/override/'] [data-errors]")).to_contain_text(
        "at least 10 characters"
    )
    expect(row.get_by_label("Justification")).to_have_value("short")
    row.get_by_label("Justification").fill("Lab test showed the fallback path is manual.")
    row.get_by_role("button", name="Override").click()
    expect(_row(page, keys[1]).locator(".row-view")).to_contain_text(
        "Lab test showed the fallback path is manual."
    )
    # Attach what was verified, from the same row.
    row.get_by_label("Attach what you verified").set_input_files(
        files=[{"name": "lab-test.txt", "mimeType": "text/plain", "buffer": b"Drill passed.\n"}]
    )
    row.get_by_label("Note").fill("Our own failover drill")
    row.get_by_role("button", name="Attach evidence").click()
    expect(_row(page, keys[1]).locator(".evidence-list")).to_contain_text("lab-test.txt")
    assert page.evaluate("window.__sameDocument") is True

    # The "open findings" filter lists both high findings, across domains.
    page.locator(".ws-nav a[href='?show=findings']").click()
    expect(page.locator("[data-row]")).to_have_count(2)
    for key in flagged:
        expect(_row(page, key)).to_be_visible()

    # The tick made in the other domain is still there: send it back for clarification.
    expect(page.locator("[data-selected-count]")).to_contain_text("1 answer ticked")
    page.get_by_label("What needs clarifying").fill(
        "Is the admin console reachable from the internet?"
    )
    page.get_by_role("button", name="Send back for clarification").click()
    expect(page.locator(".badge.status-changes_requested").first).to_be_visible()

    # Procurement sees the question by its text, answers, and resubmits.
    context = browser.new_context(base_url=live_server.url)
    other = context.new_page()
    login(other, procurement_user.username, TEST_PASSWORD)
    expect(other.get_by_text("Waiting for your clarification")).to_be_visible()
    question_text = structure.question(keys[0]).text
    other.get_by_role("link", name=question_text).click()
    expect(
        other.get_by_text("Is the admin console reachable from the internet?").first
    ).to_be_visible()
    other.locator(f"[id='q-{keys[0]}'] textarea").fill("Only from the management VPN.")
    expect(other.locator("[data-save-summary]")).to_have_text("All changes saved.", timeout=10_000)
    other.get_by_role("button", name="Submit for review").first.click()
    expect(other.get_by_text("Submitted for review")).to_be_visible()
    context.close()

    # The decision: approving a D with open high findings is stopped until each is covered.
    page.goto(f"/assessments/{assessment.pk}/review/")
    page.get_by_role("button", name="Start review").click()
    expect(page.locator(".page-head .badge.status-in_review")).to_be_visible()
    page.locator(".ws-nav a[href='?show=decision']").click()
    expect(page.locator("#view-title")).to_have_text("Findings and decision")
    page.get_by_label("Approve with conditions").check()
    rationale = "Acceptable for a closed pilot; both gaps are tracked as conditions or risks."
    page.get_by_label("Rationale (what the board should know)").fill(rationale)
    page.get_by_role("button", name="Review and confirm…").click()
    dialog = page.locator("#decision-dialog")
    expect(dialog).to_contain_text("Not yet: the decision needs more")
    expect(dialog.locator("[data-problems] li")).to_have_count(4)  # no condition, 2 findings, why
    expect(dialog.get_by_role("button", name="Record the decision")).to_have_count(0)
    dialog.get_by_role("button", name="Back to the decision").click()

    # Accept one risk and condition the other, without losing the typed rationale.
    page.evaluate("window.__sameDocument = true")
    finding = page.locator("table.findings tr", has_text=card.findings[0].title)
    finding.get_by_text("Accept this risk…").click()
    finding.get_by_label("Why the risk is acceptable").fill(
        "Compensating control: the pilot network is segmented from production."
    )
    finding.get_by_role("button", name="Accept risk").click()
    expect(page.locator(f"[id='fs-{card.findings[0].question}']")).to_contain_text("risk accepted")
    page.get_by_label("Condition", exact=True).fill(
        "Vendor closes the second finding before go-live"
    )
    page.get_by_label("Owner").fill("Vendor management")
    page.get_by_label("Due date").fill("2027-03-31")
    page.get_by_label("Findings it answers").select_option(card.findings[1].question)
    page.get_by_role("button", name="Add condition").click()
    expect(page.locator("#conditions-list")).to_contain_text("Vendor closes the second finding")
    expect(page.locator("#decision-status .uncovered")).to_have_count(0)
    assert page.evaluate("window.__sameDocument") is True
    expect(page.get_by_label("Rationale (what the board should know)")).to_have_value(rationale)

    # A thin departure reason is still refused; a real one passes to the confirmation.
    page.get_by_label("Why we depart from the recommendation", exact=False).fill("Pilot is fine.")
    page.get_by_role("button", name="Review and confirm…").click()
    expect(dialog.locator("[data-problems]")).to_contain_text("at least 12 words")
    dialog.get_by_role("button", name="Back to the decision").click()
    page.get_by_label("Why we depart from the recommendation", exact=False).fill(DEPARTURE)
    page.get_by_role("button", name="Review and confirm…").click()
    expect(dialog).to_contain_text("Confirm the decision")
    expect(dialog.locator(".freeze")).to_contain_text("Approved with conditions")
    expect(dialog.locator(".freeze")).to_contain_text("Vendor closes the second finding")
    dialog.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", name="Decision: Approved with conditions")).to_be_visible()
    expect(page.locator(".departure")).to_contain_text(
        "Approved with conditions with open critical or high findings"
    )

    assessment.refresh_from_db()
    assert assessment.status == "approved_with_conditions"
    assert (assessment.decided_grade, assessment.departure_justification) == ("D", DEPARTURE)
    answer = Answer.objects.get(assessment=assessment, question__key=keys[1])
    assert answer.override_score == 40 and Option.objects.get(pk=answer.option_id).score == 100
    decided = AuditEvent.objects.get(assessment=assessment, action="assessment.decided")
    assert decided.new["departure_justification"] == DEPARTURE

    # The history says it in words.
    page.goto(f"/assessments/{assessment.pk}/history/")
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text(
        f"raised the evidence level of “{structure.question(keys[1]).text}” from"
    )
    expect(timeline).to_contain_text("departing from the recommendation because")
    expect(timeline).not_to_contain_text("answer.evidence_level")

    # The board report states the departure.
    report, _ = report_request(actor=architect_user, assessment=assessment)
    report = report_render(report_id=report.pk)
    pdf = artifact_read_verified(name=report.artifact_name, expected_sha256=report.sha256)
    text = pdf_text(pdf)
    assert pdf_contains(text, "with open critical or high findings, each covered by")
    assert pdf_contains(text, DEPARTURE[:80])
    assert re.search(r"raised the evidence level of", text)
