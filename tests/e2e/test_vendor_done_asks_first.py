"""In a real browser (vendor pages post through vendor-actions.js): "Mark my part as done" with
questions still open shows the page that lists them; "Mark my part as done anyway" goes through
and the form says so; "Go back" lands on the first open question."""

import re

from django.core.cache import cache
from playwright.sync_api import expect

from assessments.invitations.services import invitation_create
from assessments.lifecycle.services import assessment_create
from assessments.models import Invitation
from tests.factories import OfferingFactory

DOMAIN = "key_isolation"


def test_done_with_open_questions_asks_then_goes_through(
    page, live_server, questionnaire, procurement_user
):
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
