"""Procurement imports a vendor's completed CAIQ v4 workbook (made by the tests in the official
layout) in a real browser: a file with a bad answer is refused naming its sheet, row and column;
the good one shows a preview with exact and partial matches and the rows they came from; a whole
domain and one more question are accepted, and become the vendor's claims with the file attached."""

import hashlib

import pytest
from playwright.sync_api import expect

from assessments.lifecycle.services import assessment_create
from assessments.models import Answer, Evidence
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory
from tests.interchange.caiq import caiq_rows, caiq_workbook, row_of

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = {
    "DSP-05.1": ("Yes", "A data-flow register per product."),
    "DSP-19.1": ("Yes", "EU regions only: Frankfurt, Dublin."),
    "DSP-16.1": ("Yes", "Retention follows our published schedule."),
    "SEF-04.1": ("Yes", "Quarterly incident response drills with the on-call team."),
    "A&A-02.1": ("Yes", "ISO 27001 audit every year."),
    "BCR-11.1": ("Yes", "Redundant power."),
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_caiq_workbook_imports_through_the_preview_as_the_vendors_claims(
    page, questionnaire_v3, procurement_user, tmp_path
):
    offering = OfferingFactory(name="Acme Treasury Connect", vendor__name="Acme")
    assessment = assessment_create(
        actor=procurement_user, offering=offering, questionnaire=questionnaire_v3
    )
    bad_rows = caiq_rows({**ANSWERS, "SEF-04.1": ("Maybe", "")})
    bad = tmp_path / "caiq-bad.xlsx"
    bad.write_bytes(caiq_workbook(bad_rows))
    good = tmp_path / "caiq-acme.xlsx"
    content = caiq_workbook(caiq_rows(ANSWERS))
    good.write_bytes(content)

    login(page, procurement_user.username, TEST_PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/")
    page.get_by_role("link", name="Import the vendor's spreadsheet").click()
    page.get_by_label("The file is").select_option(label="CSA CAIQ v4.0.x")

    # A bad answer: the whole file is refused, and the message says where.
    page.get_by_label("The vendor's file").set_input_files(str(bad))
    page.get_by_role("button", name="Show the preview").click()
    expect(page.locator(".error-summary")).to_contain_text(
        f"CAIQv4.0.3 sheet, row {row_of(bad_rows, 'SEF-04.1')}, column C (CSP CAIQ Answer): "
        "answer “Maybe” is not Yes, No or NA."
    )
    assert not Answer.objects.filter(assessment=assessment).exists()

    page.get_by_label("The file is").select_option(label="CSA CAIQ v4.0.x")
    page.get_by_label("The vendor's file").set_input_files(str(good))
    page.get_by_role("button", name="Show the preview").click()
    expect(page.get_by_role("heading", name="caiq-acme.xlsx")).to_be_visible()
    expect(page.locator(".import-summary")).to_contain_text("1 exact")
    drills = page.locator(".import-row", has_text="rehearse its incident response")
    expect(drills.locator(".badge")).to_have_text("Exact match")
    drills.get_by_text("Where it comes from").click()
    expect(drills).to_contain_text(
        f"row {row_of(caiq_rows(ANSWERS), 'SEF-04.1')} · SEF-04.1 · answer “Yes”"
    )
    expect(drills).to_contain_text("Quarterly incident response drills")
    failure = page.locator(".import-row", has_text="breaks or is switched off")
    expect(failure.locator(".badge")).to_have_text("Explanation only")
    expect(failure.get_by_role("checkbox")).not_to_be_checked()
    assert not Answer.objects.filter(assessment=assessment).exists()  # nothing before the choice

    # The whole data residency domain, by its box, and the explanation-only row by hand.
    page.locator("fieldset", has_text="Data residency and compliance").get_by_role(
        "checkbox"
    ).first.uncheck()
    page.locator("fieldset", has_text="Data residency and compliance").get_by_role(
        "checkbox"
    ).first.check()
    failure.get_by_role("checkbox").check()
    page.locator("fieldset", has_text="Incident readiness").locator(
        "input[name=accept]"
    ).first.uncheck()
    page.locator(".import-row", has_text="Has an independent party assessed").get_by_role(
        "checkbox"
    ).uncheck()
    expect(page.locator("[data-ticked-count]")).to_have_text("6 answers ticked")
    page.get_by_role("button", name="Import the ticked answers").click()
    expect(page.locator(".messages")).to_contain_text("Imported 6 answers as the vendor's claims")

    answers = {
        a.question.key: a
        for a in Answer.objects.filter(assessment=assessment).select_related("question", "option")
    }
    assert set(answers) == {
        "data_residency.data_flows_documented",
        "data_residency.region_selection",
        "data_residency.processing_location",
        "data_residency.retention",
        "data_residency.deletion_proof",
        "integration.failure_mode",
    }
    assert answers["data_residency.region_selection"].option.key == "fixed_known"
    assert answers["integration.failure_mode"].option is None
    assert "Redundant power." in answers["integration.failure_mode"].explanation
    assert {a.evidence_level for a in answers.values()} == {"claim"}
    digest = hashlib.sha256(content).hexdigest()
    assert set(
        Evidence.objects.filter(answer__assessment=assessment).values_list("sha256", flat=True)
    ) == {digest}
    assert Evidence.objects.filter(answer__assessment=assessment).count() == 6
