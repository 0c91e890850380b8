"""The invitation e-mail's dates agree: the link works at least until the assessment's due date
plus the grace period (INVITATION_GRACE_DAYS), and the e-mail states the due date and the link's
end together, saying exactly what happens when there is no due date or it has passed."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from assessments.invitations.links import InvitationUnusable, invitation_preview
from assessments.invitations.services import invitation_resend
from assessments.lifecycle.services import assessment_create
from tests.assessments.invitations.conftest import confirm, link_in
from tests.factories import OfferingFactory

pytestmark = pytest.mark.django_db


def _today() -> date:
    return timezone.localdate()


def _long(day) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def due_in(questionnaire, procurement_user):
    def make(days: int | None):
        due = None if days is None else _today() + timedelta(days=days)
        return assessment_create(
            actor=procurement_user,
            offering=OfferingFactory(),
            questionnaire=questionnaire,
            due_date=due,
        )

    return make


def _grace_end(due: date, grace: int) -> datetime:
    return datetime.combine(
        due + timedelta(days=grace), time(23, 59), tzinfo=timezone.get_default_timezone()
    )


def test_a_due_date_beyond_the_chosen_days_lengthens_the_link_to_the_grace_periods_end(
    due_in, invite, mail_now, settings
):
    settings.INVITATION_GRACE_DAYS = 7
    assessment = due_in(30)
    with mail_now():
        invitation, _ = invite(assessment, days=14)
    end = _grace_end(assessment.due_date, 7)
    assert invitation.expires_at == end
    (message,) = mail.outbox
    body = " ".join(message.body.split())
    assert f"We would like your answers by {_long(assessment.due_date)}." in body
    assert f"The link works until {_long(end.date())}, 23:59" in body
    assert "7 days after the due date" in body
    # No other date in the mail contradicts them.
    assert _long(timezone.localdate() + timedelta(days=14)) not in body


def test_the_link_still_works_on_the_last_day_of_grace_and_not_after(
    due_in, invite, monkeypatch, settings
):
    settings.INVITATION_GRACE_DAYS = 7
    assessment = due_in(30)
    _, token = invite(assessment, days=14)
    last_day = assessment.due_date + timedelta(days=7)
    zone = timezone.get_default_timezone()
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.combine(last_day, time(18, 0), tzinfo=zone)
    )
    assert invitation_preview(token=token, ip="192.0.2.1").pk
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.combine(last_day + timedelta(days=1), time(0, 5), zone)
    )
    with pytest.raises(InvitationUnusable):
        invitation_preview(token=token, ip="192.0.2.1")


def test_the_vendor_session_lasts_as_long_as_the_lengthened_link(due_in, invite, client):
    assessment = due_in(40)
    invitation, token = invite(assessment, days=14)
    assert confirm(client, token).status_code == 302
    session = invitation.sessions.get()
    assert session.expires_at == invitation.expires_at >= _grace_end(assessment.due_date, 7)


def test_the_grace_period_is_a_setting(due_in, invite, settings):
    settings.INVITATION_GRACE_DAYS = 2
    assessment = due_in(30)
    invitation, _ = invite(assessment, days=14)
    assert invitation.expires_at == _grace_end(assessment.due_date, 2)


def test_without_a_due_date_the_link_works_the_chosen_days_and_the_mail_says_so(
    due_in, invite, mail_now
):
    assessment = due_in(None)
    before = timezone.now()
    with mail_now():
        invitation, _ = invite(assessment, days=10)
    assert before + timedelta(days=10) <= invitation.expires_at <= timezone.now() + timedelta(10)
    body = " ".join(mail.outbox[0].body.split())
    expires = timezone.localtime(invitation.expires_at)
    assert "There is no fixed due date" in body
    assert f"stops working on {_long(expires.date())}, {expires:%H:%M}" in body
    assert "would like your answers by" not in body


def test_a_due_date_in_the_past_says_it_has_passed_and_when_the_link_ends(due_in, invite, mail_now):
    assessment = due_in(-3)
    with mail_now():
        invitation, _ = invite(assessment, days=14)
    # Nothing to extend to: the chosen days stand.
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    assert invitation.expires_at < timezone.now() + timedelta(days=15)
    body = " ".join(mail.outbox[0].body.split())
    expires = timezone.localtime(invitation.expires_at)
    assert f"Your answers were due on {_long(assessment.due_date)}, which has passed" in body
    assert f"The link works until {_long(expires.date())}" in body
    assert "ask for a new one" in body


def test_a_short_due_date_keeps_the_chosen_days(due_in, invite, mail_now):
    assessment = due_in(2)  # due + grace ends before the chosen 14 days do
    with mail_now():
        invitation, _ = invite(assessment, days=14)
    assert invitation.expires_at > timezone.now() + timedelta(days=13)
    body = " ".join(mail.outbox[0].body.split())
    assert f"We would like your answers by {_long(assessment.due_date)}." in body


def test_a_resent_link_follows_the_same_rule(due_in, invite, procurement_user, mail_now):
    assessment = due_in(60)
    invitation, _ = invite(assessment, days=14)
    with mail_now():
        resent, _ = invitation_resend(
            actor=procurement_user, invitation_pk=invitation.pk, expires_in_days=5
        )
    assert resent.expires_at == _grace_end(assessment.due_date, 7)
    assert link_in(mail.outbox[0])
