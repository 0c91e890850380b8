"""Procurement invites a vendor contact; the contact answers one domain through the e-mailed link in
a browser of their own and marks it done; procurement sees the answers as that contact's claims."""

import re

from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from assessments.lifecycle.services import assessment_create
from assessments.models import Answer, Invitation
from config.celery import app as celery_app
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD, OfferingFactory

DOMAIN, DOMAIN_TITLE = "key_isolation", "Key and secret isolation"
LINK = re.compile(r"https?://[^\s/]+(/vendor/invite/[A-Za-z0-9_-]+/)")


def _answer_every_visible_question(section) -> None:
    """The first option of every visible question; a choice may reveal a follow-up, so repeat."""
    for _ in range(3):
        for box in section.locator("fieldset.question:visible").all():
            if not box.locator("input[type=radio]:checked").count():
                box.locator("input[type=radio]").first.check()


def test_a_vendor_answers_their_domain_through_the_mailed_link(
    page, browser, live_server, questionnaire, procurement_user, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.APP_BASE_URL = live_server.url
    eager = (celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates)
    celery_app.conf.task_always_eager = celery_app.conf.task_eager_propagates = True
    cache.clear()
    mail.outbox = []
    try:
        _round_trip(page, browser, live_server, questionnaire, procurement_user)
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = eager


def _round_trip(page, browser, live_server, questionnaire, procurement_user):
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )

    # Procurement invites the contact from the assessment page.
    login(page, procurement_user.username, TEST_PASSWORD)
    page.goto(f"/assessments/{assessment.pk}/")
    panel = page.locator("section.invitations")
    panel.get_by_text("Invite a vendor contact").click()  # the form is folded away by default
    panel.get_by_label("Contact name").fill("Jo Vendor")
    panel.get_by_label("Contact e-mail").fill("jo@vendor.example")
    panel.get_by_label(DOMAIN_TITLE).check()
    panel.get_by_label("Link expires after (days)").fill("10")
    panel.get_by_role("button", name="Send invitation").click()
    expect(page.locator("[data-invitation-status]")).to_have_text("pending")
    expect(page.locator("section.invitations")).to_contain_text("jo@vendor.example")

    # The link comes from the mail that was sent; the vendor opens it in a browser of their own.
    invitation_mail = next(m for m in mail.outbox if m.to == ["jo@vendor.example"])
    path = LINK.search(invitation_mail.body).group(1)
    vendor_context = browser.new_context(base_url=live_server.url)
    vendor = vendor_context.new_page()
    try:
        vendor.goto(path)
        expect(vendor.get_by_role("heading", name=re.compile("Questions about"))).to_be_visible()
        assert Invitation.objects.get().used_at is None  # opening uses nothing up
        vendor.get_by_role("button", name="Continue to the questions").click()
        vendor.wait_for_url(f"**/vendor/assessments/{assessment.pk}/")
        token = path.split("/")[-2]
        assert token not in vendor.url and token not in vendor.content()
        expect(vendor.locator("section.domain")).to_have_count(1)

        # Every question of the invited domain, then "done".
        section = vendor.locator(f"section[data-domain={DOMAIN}]")
        _answer_every_visible_question(section)
        first = section.locator("fieldset.question").first
        first.locator("textarea").fill("Signing keys stay in the HSM cluster.")
        expect(vendor.locator("[data-save-summary]")).to_have_text(
            "All changes saved.", timeout=15_000
        )
        answered = section.locator("fieldset.question:visible").count()
        expect(vendor.locator(f"[data-domain-progress={DOMAIN}]")).to_have_text(
            f"{answered}/{answered}"
        )
        vendor.get_by_role("button", name="Mark my part as done").click()
        expect(vendor.locator("[data-vendor-done]")).to_contain_text("You marked your part as done")
    finally:
        vendor_context.close()

    answers = Answer.objects.filter(assessment=assessment)
    assert answers.count() == answered
    assert {(a.evidence_level, a.answered_by_contact.name, a.updated_by) for a in answers} == {
        ("claim", "Jo Vendor", None)
    }
    done = [m for m in mail.outbox if "finished their part" in m.subject]
    assert len(done) == 1 and done[0].to == [procurement_user.email]

    # Procurement sees the answers marked as the contact's claims.
    page.goto(f"/assessments/{assessment.pk}/form/")
    expect(page.locator(".vendor-claim")).to_have_count(answered)
    expect(page.locator(".vendor-claim").first).to_have_text("vendor claim — Jo Vendor")
    page.goto(f"/assessments/{assessment.pk}/review/?show=vendor")
    expect(page.locator(".vendor-claim")).to_have_count(answered)
    expect(page.locator(".vendor-claim").first).to_have_text("vendor: Jo Vendor")
    page.goto(f"/assessments/{assessment.pk}/")
    expect(page.locator("section.invitations")).to_contain_text("used")
