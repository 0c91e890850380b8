"""An architect reviews, asks for clarification, and approves with conditions; procurement
answers and resubmits; the result is frozen and the timeline shows every step."""

from playwright.sync_api import expect

from assessments.answers.services import answer_save
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.models import Answer, Assessment, AuditAction, AuditEvent, Option
from assessments.questionnaire.structure import questionnaire_structure
from tests.assessments.helpers import answer_all
from tests.e2e.conftest import CHROMIUM_ARGS, login  # noqa: F401
from tests.factories import TEST_PASSWORD, OfferingFactory


def _submitted_assessment(questionnaire, procurement_user):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user, pick="best", level="claim")
    structure = questionnaire_structure(questionnaire)
    flagged = []
    for question in structure.questions:
        option = next((o for o in question.options if o.finding_severity == "high"), None)
        if option and not question.show_if and len(flagged) < 2:
            answer = Answer.objects.get(assessment=assessment, question_id=question.id)
            answer_save(
                actor=procurement_user,
                assessment_pk=assessment.pk,
                question_key=question.key,
                option_key=option.key,
                evidence_level="claim",
                expected_version=answer.version,
            )
            flagged.append(question.key)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    return assessment, flagged


def _row(page, key):
    return page.locator(f"[id='r-{key}']")


def test_review_round_trip_to_approval_with_conditions(
    page, browser, live_server, questionnaire, procurement_user, architect_user
):
    assessment, flagged = _submitted_assessment(questionnaire, procurement_user)
    plain = [
        q.key
        for q in questionnaire_structure(questionnaire).questions
        if not q.show_if and q.key not in flagged
    ][:3]

    login(page, architect_user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Review queue").click()
    page.get_by_role("link", name=assessment.offering.vendor.name, exact=False).click()
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_role("heading", name="Decision", exact=True)).to_be_visible()
    evidenced_before = Assessment.objects.get(pk=assessment.pk)

    # Upgrade evidence on two answers.
    for key in plain[:2]:
        row = _row(page, key)
        row.get_by_label("Evidence level").select_option("verified")
        row.get_by_role("button", name="Set level").click()
        expect(_row(page, key).locator("[data-level-label]")).to_contain_text("verified")
    # Attach what was verified: an empty form is refused in place, then a test log is stored.
    row = _row(page, plain[0])
    row.get_by_role("button", name="Attach evidence").click()
    expect(row.locator("form[data-endpoint$='/evidence/'] [data-errors]")).to_contain_text(
        "Attach a file or give a link"
    )
    row.get_by_label("Attach what you verified").set_input_files(
        files=[
            {
                "name": "lab-test.txt",
                "mimeType": "text/plain",
                "buffer": b"Failover drill 2026-11-20: data plane kept serving for 14 min.\n",
            }
        ]
    )
    row.get_by_label("Note").fill("Our own failover drill")
    row.get_by_role("button", name="Attach evidence").click()
    expect(_row(page, plain[0]).locator(".evidence-list")).to_contain_text("lab-test.txt")
    expect(_row(page, plain[0]).locator(".evidence-list")).to_contain_text("Our own failover drill")
    # Override one score with a justification; a missing justification is refused first.
    row = _row(page, plain[2])
    row.get_by_label("Override score").fill("40")
    row.get_by_label("Justification").fill("short")
    row.get_by_role("button", name="Override").click()
    expect(row.locator("form[data-endpoint$='/override/'] [data-errors]")).to_contain_text(
        "at least 10 characters"
    )
    expect(row.get_by_label("Justification")).to_have_value("short")  # nothing typed is lost
    row.get_by_label("Justification").fill("Lab test showed the fallback path is manual.")
    row.get_by_role("button", name="Override").click()
    expect(_row(page, plain[2])).to_contain_text("Lab test showed the fallback path is manual.")
    # Ask for clarification on one flagged answer.
    _row(page, flagged[0]).get_by_label("Ask the requester to clarify").check()
    page.get_by_label("What needs clarifying").fill("Is the kernel component optional?")
    page.get_by_role("button", name="Send back for clarification").click()
    expect(page.locator(".badge.status-changes_requested")).to_be_visible()
    assert evidenced_before.status == "in_review"

    # Procurement answers and resubmits.
    context = browser.new_context(base_url=live_server.url)
    other = context.new_page()
    login(other, procurement_user.username, TEST_PASSWORD)
    other.goto(f"/assessments/{assessment.pk}/form/")
    expect(other.get_by_text("Is the kernel component optional?").first).to_be_visible()
    box = other.locator(f"[id='q-{flagged[0]}']")
    box.locator("textarea").fill("The vendor confirmed the kernel driver can be left out.")
    expect(other.locator("[data-save-summary]")).to_have_text("All changes saved.", timeout=10_000)
    other.get_by_role("button", name="Submit for review").first.click()
    expect(other.get_by_text("Submitted for review")).to_be_visible()
    context.close()

    # The architect accepts one finding, adds a condition and approves with conditions.
    page.goto(f"/assessments/{assessment.pk}/review/")
    page.get_by_role("button", name="Start review").click()
    finding = page.locator(f"[id='finding-{flagged[1]}']")
    finding.get_by_text("Accept this risk…").click()
    finding.get_by_label("Why the risk is acceptable").fill(
        "Compensating control: network segmentation of the management plane."
    )
    finding.get_by_role("button", name="Accept risk").click()
    expect(page.locator(f"[id='finding-{flagged[1]}']")).to_contain_text("accepted")
    page.get_by_label("Condition", exact=True).fill("Staged rollout enabled before go-live")
    page.get_by_label("Owner").fill("Platform team")
    page.get_by_label("Due date").fill("2027-03-31")
    page.get_by_label("Linked findings").select_option(flagged[0])
    page.get_by_role("button", name="Add condition").click()
    expect(page.get_by_text("Staged rollout enabled before go-live")).to_be_visible()
    page.get_by_label("Approve with conditions").check()
    page.get_by_label("Rationale (what the board should know)").fill(
        "Acceptable once staged rollout is enabled; one risk accepted with a compensating control."
    )
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_role("heading", name="Decision: Approved with conditions")).to_be_visible()

    # Frozen for everyone, and the timeline shows every step.
    assessment.refresh_from_db()
    assert assessment.status == "approved_with_conditions"
    answer = Answer.objects.get(assessment=assessment, question__key=plain[2])
    assert answer.override_score == 40 and Option.objects.get(pk=answer.option_id).score == 100
    page.goto(f"/assessments/{assessment.pk}/form/")
    expect(page.get_by_text("Read-only")).to_be_visible()
    page.goto(f"/assessments/{assessment.pk}/history/")
    timeline = page.locator(".timeline")
    for action in (
        "assessment.submitted",
        "review.started",
        "answer.evidence_level",
        "evidence.added",
        "answer.override",
        "review.changes_requested",
        "answer.saved",
        "finding.accepted",
        "condition.added",
        "assessment.decided",
    ):
        expect(timeline).to_contain_text(AuditAction(action).label)
    assert AuditEvent.objects.filter(assessment=assessment, action="review.started").count() == 2
    added = AuditEvent.objects.get(assessment=assessment, action="evidence.added")
    assert (added.actor, added.new["name"]) == (architect_user, "lab-test.txt")
