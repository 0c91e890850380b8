"""In a real browser: "Mark my part as done" with questions still open shows the page that lists
them; "Mark my part as done anyway" goes through and the form says so; "Go back" links to the
first open question. With the page's script (vendor-actions.js) and without any script at all."""

import re

from django.core.cache import cache
from playwright.sync_api import expect

from assessments.invitations.services import invitation_create
from assessments.lifecycle.services import assessment_create
from assessments.models import Invitation
from tests.factories import OfferingFactory

DOMAIN = "key_isolation"


def _vendor_on_the_form(page, questionnaire, procurement_user):
    cache.clear()
    assessment = assessment_create(
        actor=procurement_user, offering=OfferingFactory(), questionnaire=questionnaire
    )
    _, token = invitation_create(
        actor=procurement_user,
        assessment=assessment,
        email="jo@vendor.example",
        name="Jo Vendor",
        domain_keys=[DOMAIN],
        expires_in_days=14,
    )
    page.goto(f"/vendor/invite/{token}/")
    page.get_by_role("button", name="Continue to the questions").click()
    page.wait_for_url(f"**/vendor/assessments/{assessment.pk}/")
    return assessment


def _done_asks_then_goes_through(page, assessment):
    page.get_by_role("button", name="Mark my part as done").click()
    expect(page.get_by_role("heading", name="Some questions have no answer yet")).to_be_visible()
    items = page.locator(".unanswered-list li")
    assert items.count() >= 1
    assert Invitation.objects.get().done_at is None

    back = page.get_by_role("link", name="Go back and answer them")
    assert re.search(
        rf"/vendor/assessments/{assessment.pk}/#q-{DOMAIN}\.", back.get_attribute("href")
    )
    page.get_by_role("button", name="Mark my part as done anyway").click()
    page.wait_for_url(f"**/vendor/assessments/{assessment.pk}/")
    expect(page.locator("[data-vendor-done]")).to_contain_text("You marked your part as done")
    assert Invitation.objects.get().done_at is not None


def test_done_with_open_questions_asks_then_goes_through(page, questionnaire, procurement_user):
    _done_asks_then_goes_through(page, _vendor_on_the_form(page, questionnaire, procurement_user))


def test_the_same_without_any_script(page, browser, live_server, questionnaire, procurement_user):
    # Confirming the link itself needs the script (its page sends no Referer at all); the form
    # and the "done" pages behind it do not.
    assessment = _vendor_on_the_form(page, questionnaire, procurement_user)
    state = page.context.storage_state()
    context = browser.new_context(
        base_url=live_server.url, storage_state=state, java_script_enabled=False
    )
    try:
        plain = context.new_page()
        plain.goto(f"/vendor/assessments/{assessment.pk}/")
        _done_asks_then_goes_through(plain, assessment)
    finally:
        context.close()
