"""An architect records what a vendor's SOC 2 report covers, in a real browser: it names another
product and its period ended 14 months ago, so the answer marked attested is counted as documented
with both flags beside it; a bridge letter and the architect's reason the scope still applies
clear them, and the evidenced score rises."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from assessments.evidence import evidence_add
from assessments.lifecycle.services import assessment_create, assessment_submit
from assessments.questionnaire.structure import questionnaire_structure
from assessments.review.services.verdicts import review_start
from assessments.scoring_adapter import assessment_score
from tests.assessments.helpers import answer_all
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory
from tests.support import files

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = datetime.date.today()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _in_review_with_files(questionnaire, procurement_user, architect_user):
    offering = OfferingFactory(name="Acme Treasury Connect", vendor__name="Acme")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire
    )
    answer_all(assessment, procurement_user)
    card = assessment_score(assessment=assessment).scorecard
    key = next(t.key for t in card.trace if t.status == "answered" and t.raw_score)
    for name in ("soc2-acme-payments.pdf", "bridge-letter.pdf"):
        upload = SimpleUploadedFile(name, files.PDF, "application/pdf")
        evidence_add(actor=procurement_user, assessment=assessment, question_key=key, upload=upload)
    assessment_submit(actor=procurement_user, assessment_pk=assessment.pk)
    review_start(actor=architect_user, assessment_pk=assessment.pk)
    return assessment, key


def _evidenced(assessment) -> float:
    return assessment_score(assessment=assessment).scorecard.evidenced


def _row(page, key):
    return page.locator(f"[id='r-{key}']")


def test_a_soc2_report_for_another_product_and_an_old_period_is_flagged_until_bridged_and_justified(
    page, questionnaire, procurement_user, architect_user
):
    assessment, key = _in_review_with_files(questionnaire, procurement_user, architect_user)
    domain = questionnaire_structure(questionnaire).question(key).domain_key
    review = f"/assessments/{assessment.pk}/review/?domain={domain}"
    login(page, architect_user.username, TEST_PASSWORD)

    # The report: what it says it covers, and when.
    page.goto(review)
    _row(page, key).get_by_role("link", name="Say what this document is").first.click()
    page.get_by_label("What kind of document is it?").select_option("soc2_type2")
    expect(page.get_by_label("Expires on")).to_be_hidden()  # not a fact of a SOC 2 report
    page.get_by_label("Issued by").fill("Example LLP")
    page.get_by_label("About (legal entity)").fill("Acme Ltd")
    page.get_by_label("Products and services in scope").fill("Acme Payments")
    page.get_by_label("Audit period from").fill((TODAY - datetime.timedelta(days=790)).isoformat())
    page.get_by_label("Audit period to").fill((TODAY - datetime.timedelta(days=426)).isoformat())
    page.get_by_role("button", name="Save the facts").click()
    flags = page.locator(".scope-flags")
    expect(flags).to_contain_text("Attestation covers another product")
    expect(flags).to_contain_text(
        "The SOC 2 Type II report by Example LLP covers Acme Payments, not Acme Treasury Connect."
    )
    expect(flags).to_contain_text("Audit period too old")
    expect(flags).to_contain_text("ended 14 months ago")
    report_page = page.url

    # Marked attested, it counts as documented while the flags stand.
    before = _evidenced(assessment)
    page.goto(review)
    row = _row(page, key)
    if row.locator("details.row-actions").get_attribute("open") is None:
        row.locator("details.row-actions > summary").click()
    row.get_by_label("Evidence level").select_option("attested")
    row.get_by_role("button", name="Set level").click()
    # The row comes back from the server counted as documented, with the reason beside it.
    expect(row.get_by_text("set attested, counted documented")).to_be_visible()
    expect(row.locator("[data-level-label]")).to_have_text("documented")
    page.reload()
    row = _row(page, key)
    expect(row.get_by_text("set attested, counted documented")).to_be_visible()
    expect(row.locator(".scope-flags")).to_contain_text("Audit period too old")
    flagged = _evidenced(assessment)
    assert flagged == before  # exactly as documented: the attested factor is not applied

    # A bridge letter for the months since the period, and why the scope still applies.
    row.get_by_role("link", name="Say what this document is").first.click()
    page.get_by_label("What kind of document is it?").select_option("bridge_letter")
    page.get_by_label("Extends which report").select_option(index=1)
    page.get_by_label("Issued on").fill(TODAY.isoformat())
    page.get_by_label("Audit period to").fill(TODAY.isoformat())
    page.get_by_role("button", name="Save the facts").click()
    expect(page.get_by_text("A bridge letter: it extends the SOC 2 Type II report")).to_be_visible()
    page.goto(report_page)
    expect(page.locator(".scope-flags")).not_to_contain_text("Audit period too old")
    page.get_by_label("Why it applies although its scope does not name this offering").fill(
        "Treasury Connect is a module of the audited Acme Payments platform (SOC 2 section 3)."
    )
    page.get_by_role("button", name="Confirm the facts").click()
    expect(page.get_by_text("Yes: its scope covers this offering")).to_be_visible()

    page.goto(review)
    expect(_row(page, key).locator("[data-level-label]")).to_have_text("attested")
    assert _evidenced(assessment) > flagged
