"""Times print one way, in the reader's time zone: chosen on the Settings page, else taken from
the browser (and stored), else the server's; the UTC moment is always in the markup."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone

from core.models import UserPreference
from core.timezones import UNKNOWN_ZONE
from tests.reports.conftest import assessment_of

pytestmark = pytest.mark.django_db

MOMENT = datetime.datetime(2026, 12, 7, 20, 15, tzinfo=datetime.UTC)
URL = "/accounts/preferences/"


def _render(value) -> str:
    return Template("{% load when %}{{ value|when }}").render(Context({"value": value}))


def test_a_datetime_prints_in_the_active_zone_with_utc_in_the_markup():
    with timezone.override(zoneinfo.ZoneInfo("Europe/Paris")):
        html = _render(MOMENT)
    assert html == (
        '<time datetime="2026-12-07T20:15:00Z" title="7 Dec 2026, 20:15 UTC">'
        "7 Dec 2026, 21:15</time>"
    )


def test_a_date_alone_is_a_calendar_day_and_is_not_converted():
    with timezone.override(zoneinfo.ZoneInfo("Pacific/Kiritimati")):
        assert _render(datetime.date(2026, 12, 7)) == (
            '<time datetime="2026-12-07">7 Dec 2026</time>'
        )
    assert _render(None) == ""


def test_the_day_of_a_moment_is_the_readers_day_with_the_moment_in_the_markup():
    late = Template("{% load when %}{{ value|day }}")
    with timezone.override(zoneinfo.ZoneInfo("Asia/Tokyo")):  # 05:15 the next morning there
        html = late.render(Context({"value": MOMENT}))
    assert html == (
        '<time datetime="2026-12-07T20:15:00Z" title="7 Dec 2026, 20:15 UTC">8 Dec 2026</time>'
    )
    on_a_date = late.render(Context({"value": datetime.date(2026, 12, 7)}))
    assert on_a_date == '<time datetime="2026-12-07">7 Dec 2026</time>'
    assert Template("{% load when %}{{ value|day:'—' }}").render(Context({"value": None})) == "—"


def test_the_browsers_zone_is_stored_for_a_person_who_chose_none(client, procurement_user):
    client.force_login(procurement_user)
    client.cookies["tz"] = "America/New_York"
    client.get(URL)
    assert UserPreference.objects.get(user=procurement_user).time_zone == "America/New_York"
    assert not UserPreference.objects.get(user=procurement_user).time_zone_chosen


def test_a_bogus_cookie_zone_is_ignored(client, procurement_user):
    client.force_login(procurement_user)
    client.cookies["tz"] = "Mars/Olympus_Mons"
    page = client.get(URL).content.decode()
    assert not UserPreference.objects.filter(user=procurement_user).exclude(time_zone="").exists()
    assert "the server's time zone" in page


def test_a_chosen_zone_wins_over_the_browser_and_shows_on_every_page(
    client, procurement_user, questionnaire
):
    assessment = assessment_of(questionnaire, procurement_user)
    client.force_login(procurement_user)
    client.cookies["tz"] = "America/New_York"
    response = client.post(URL, {"time_zone": "Asia/Tokyo"})
    assert response.status_code == 302
    preference = UserPreference.objects.get(user=procurement_user)
    assert (preference.time_zone, preference.time_zone_chosen) == ("Asia/Tokyo", True)

    page = client.get(f"/assessments/{assessment.pk}/history/").content.decode()
    created = assessment.audit_events.first().created_at
    local = timezone.localtime(created, zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert f">{local.day} {local:%b %Y, %H:%M}</time>" in page


def test_an_unknown_zone_is_refused_naming_the_field(client, procurement_user):
    client.force_login(procurement_user)
    response = client.post(URL, {"time_zone": "Europe/Atlantis"})
    assert response.status_code == 400
    assert UNKNOWN_ZONE in response.content.decode()
    assert 'aria-describedby="id_time_zone_error"' in response.content.decode()
    assert not UserPreference.objects.filter(time_zone="Europe/Atlantis").exists()


def test_automatic_follows_the_browser_again(client, procurement_user):
    client.force_login(procurement_user)
    client.post(URL, {"time_zone": "Asia/Tokyo"})
    client.post(URL, {"time_zone": ""})
    client.cookies["tz"] = "Europe/Lisbon"
    client.get(URL)
    assert UserPreference.objects.get(user=procurement_user).time_zone == "Europe/Lisbon"


def test_the_settings_page_is_refused_to_outsiders_and_anonymous(client, outsider_user):
    assert client.get(URL).status_code == 302
    client.force_login(outsider_user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"time_zone": "Asia/Tokyo"}).status_code == 403
