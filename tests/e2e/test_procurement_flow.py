"""A procurement user does the whole job in a real browser."""

import re

from playwright.sync_api import expect

from assessments.models import Answer, Assessment, Evidence
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD
from tests.support import files


def _domain_questions(questionnaire, domain_key):
    return list(
        questionnaire.questions.filter(domain__key=domain_key)
        .order_by("position")
        .prefetch_related("options")
    )


def _best(question):
    return max((o for o in question.options.all() if not o.is_unknown), key=lambda o: o.score)


def _answer_visible_questions(page, section):
    """Choose the first option of every visible question; choices may reveal or hide others."""
    ids = section.locator("fieldset.question").evaluate_all("els => els.map(e => e.id)")
    for element_id in ids:
        box = page.locator(f"[id='{element_id}']")
        if box.is_visible() and not box.locator("input[type=radio]:checked").count():
            box.locator("input[type=radio]").first.check()


def test_procurement_registers_a_vendor_answers_and_submits(
    page, questionnaire, procurement_user, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path / "media"
    login(page, procurement_user.username, TEST_PASSWORD)

    # Vendor and offering.
    page.get_by_role("link", name="Vendors").click()
    page.get_by_role("link", name="New vendor").click()
    page.get_by_label("Name").fill("Acme Edge Security")
    page.get_by_label("Website").fill("https://acme-edge.example")
    page.get_by_role("button", name="Create vendor").click()
    expect(page.get_by_role("heading", name="Acme Edge Security")).to_be_visible()
    page.get_by_role("link", name="Add offering").click()
    page.get_by_label("Name").fill("Acme PQ Gateway")
    page.get_by_label("Deployment model").select_option("hybrid")
    page.get_by_role("button", name=re.compile("offering", re.I)).click()
    expect(page.get_by_text("Acme PQ Gateway").first).to_be_visible()

    # Start the assessment.
    page.get_by_role("link", name=re.compile("Start assessment of Acme PQ Gateway")).click()
    expect(page.get_by_label("Offering")).to_have_value(re.compile(".+"))
    page.get_by_role("button", name="Start assessment").click()
    expect(page.get_by_role("heading", name="Answers")).to_be_visible()
    assessment = Assessment.objects.get(offering__name="Acme PQ Gateway")

    # Answer the first domain, making a follow-up appear on the way.
    integration = _domain_questions(questionnaire, "integration")
    follow_up = next(q for q in integration if q.show_if)
    parent = next(q for q in integration if q.key == follow_up.show_if["question"])
    follow_box = page.locator(f"[id='q-{follow_up.key}']")
    expect(follow_box).to_be_hidden()
    page.locator(f"[id='q-{parent.key}'] input[value='{follow_up.show_if['any_of'][0]}']").check()
    expect(follow_box).to_be_visible()
    section = page.locator("section[data-domain=integration]")
    for question in integration:
        box = page.locator(f"[id='q-{question.key}']")
        if question.key == parent.key or not box.is_visible():
            continue
        box.locator(f"input[value='{_best(question).key}']").check()
    note = "Facade for now; native support next year."
    page.locator(f"[id='q-{parent.key}'] textarea").fill(note)
    expect(page.locator("[data-save-summary]")).to_have_text("All changes saved.", timeout=15_000)
    answered = section.locator("fieldset.question:visible").count()
    expect(page.locator("[data-domain-progress=integration]")).to_have_text(
        f"{answered}/{answered}"
    )

    # Reload: every answer is still there.
    page.reload()
    for fieldset in section.locator("fieldset.question:visible").all():
        expect(fieldset.locator("input[type=radio]:checked")).to_have_count(1)
    expect(page.locator(f"[id='q-{parent.key}'] textarea")).to_have_value(note)
    assert Answer.objects.filter(assessment=assessment).count() == answered

    # Evidence upload.
    pdf = tmp_path / "architecture-narrative.pdf"
    pdf.write_bytes(files.PDF)
    box = page.locator(f"[id='q-{parent.key}']")
    box.get_by_role("button", name="Attach evidence").click()
    dialog = page.get_by_role("dialog", name="Attach evidence")
    expect(dialog).to_be_visible()
    dialog.get_by_label("File").set_input_files(str(pdf))
    dialog.get_by_label("Note").fill("Design narrative, v3")
    dialog.get_by_role("button", name="Attach", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(box.locator("[data-evidence-list]")).to_contain_text("architecture-narrative.pdf")
    assert Evidence.objects.get().original_name == "architecture-narrative.pdf"

    # Submitting too early is refused and lists what is missing.
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_role("alert")).to_contain_text("required question")
    missing = page.locator(".missing-list a")
    assert missing.count() > 10
    missing.first.click()
    expect(page.get_by_role("heading", name="Answers")).to_be_visible()

    # Complete every other domain and submit.
    for link in page.locator("[data-domain-link]").all():
        link.click()
        key = link.get_attribute("data-domain-link")
        section = page.locator(f"section[data-domain={key}]")
        _answer_visible_questions(page, section)
        _answer_visible_questions(page, section)  # follow-ups revealed by the first pass
    expect(page.locator("[data-save-summary]")).to_have_text("All changes saved.", timeout=30_000)
    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted for review")).to_be_visible()
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    page.goto(f"/assessments/{assessment.pk}/form/")
    expect(page.get_by_text("Read-only")).to_be_visible()
