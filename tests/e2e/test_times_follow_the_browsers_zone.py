"""A browser in Tokyo sees times in Tokyo time without choosing anything: timezone.js tells the
server its zone once, and the server stores it for the signed-in person."""

import zoneinfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.models import UserPreference
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD
from tests.reports.conftest import assessment_of

TOKYO = "Asia/Tokyo"


@pytest.fixture
def tokyo_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id=TOKYO)
    page = context.new_page()
    yield page
    context.close()


def test_the_history_prints_times_in_the_browsers_zone(tokyo_page, procurement_user, questionnaire):
    assessment = assessment_of(questionnaire, procurement_user)
    created = assessment.audit_events.first().created_at
    local = timezone.localtime(created, zoneinfo.ZoneInfo(TOKYO))

    login(tokyo_page, procurement_user.username, TEST_PASSWORD)
    # The first page sets the cookie; the zone applies from the next request on.
    tokyo_page.goto(f"/assessments/{assessment.pk}/history/")
    tokyo_page.reload()

    stamp = tokyo_page.locator(".timeline time").first
    expect(stamp).to_have_text(f"{local.day} {local:%b %Y, %H:%M}")
    expect(stamp).to_have_attribute("title", f"{created:%-d %b %Y, %H:%M} UTC")
    assert UserPreference.objects.get(user=procurement_user).time_zone == TOKYO
