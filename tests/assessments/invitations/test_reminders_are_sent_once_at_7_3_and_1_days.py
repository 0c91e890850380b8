"""The daily job reminds invited contacts 7, 3 and 1 days before the due date and tells
procurement about invitations still not done after it — each once, however often it runs."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from assessments.invitations.services import invitation_revoke
from assessments.invitations.tasks import send_reminders
from assessments.models import AuditEvent, ReminderLog
from tests.assessments.invitations.conftest import confirm

pytestmark = pytest.mark.django_db

# Inside the invitation's 14 days, so the link is still good on every reminder day.
DUE = timezone.localdate() + timedelta(days=10)


@pytest.fixture
def due_assessment(assessment):
    assessment.due_date = DUE
    assessment.save(update_fields=["due_date"])
    return assessment


def _run(mail_now, day: date, times: int = 2) -> list:
    before = len(mail.outbox)
    for _ in range(times):
        with mail_now():
            send_reminders(today=day.isoformat())
    return mail.outbox[before:]


def test_each_reminder_goes_out_once_at_7_3_and_1_days(due_assessment, invite, mail_now):
    invite(due_assessment)
    mail.outbox = []
    sent = {}
    for days in range(10, -1, -1):
        sent[days] = _run(mail_now, DUE - timedelta(days=days))
    assert {days: len(mails) for days, mails in sent.items() if mails} == {7: 1, 3: 1, 1: 1}
    assert all(m.to == ["jo@vendor.example"] for m in sent[7] + sent[3] + sent[1])
    assert "due in 7 days" in sent[7][0].subject
    assert "due in 1 day" in sent[1][0].subject
    assert "/vendor/invite/" not in sent[7][0].body  # a reminder never carries a link
    assert sorted(ReminderLog.objects.values_list("kind", flat=True)) == ["due-1", "due-3", "due-7"]


def test_a_day_the_job_missed_is_caught_up_once(due_assessment, invite, mail_now):
    invite(due_assessment)
    mail.outbox = []
    assert len(_run(mail_now, DUE - timedelta(days=5))) == 1  # the 7-day one, late
    assert len(_run(mail_now, DUE - timedelta(days=2))) == 1  # the 3-day one, late
    assert len(_run(mail_now, DUE - timedelta(days=1))) == 1


def test_done_and_revoked_invitations_get_no_reminder(
    due_assessment, invite, procurement_user, mail_now
):
    _, token = invite(due_assessment, email="done@vendor.example")
    client = Client()
    confirm(client, token)
    with mail_now():
        client.post(f"/vendor/assessments/{due_assessment.pk}/done/", {"confirm": "1"})
    revoked, _ = invite(due_assessment, email="gone@vendor.example")
    invitation_revoke(actor=procurement_user, invitation_pk=revoked.pk)
    mail.outbox = []
    assert _run(mail_now, DUE - timedelta(days=7)) == []


def test_procurement_hears_once_about_an_invitation_not_done_by_the_due_date(
    due_assessment, invite, procurement_user, mail_now
):
    procurement_user.email = "pat@buyer.example"
    procurement_user.save()
    invite(due_assessment)
    mail.outbox = []
    overdue = _run(mail_now, DUE + timedelta(days=1)) + _run(mail_now, DUE + timedelta(days=2))
    assert len(overdue) == 1
    assert overdue[0].to == ["pat@buyer.example"]
    assert "Overdue" in overdue[0].subject and "Jo Vendor" in overdue[0].subject
    assert AuditEvent.objects.filter(action="invitation.overdue_notice").count() == 1


def test_the_beat_task_runs_the_same_job(due_assessment, invite, mail_now):
    due_assessment.due_date = timezone.localdate() + timedelta(days=3)
    due_assessment.save(update_fields=["due_date"])
    invite(due_assessment)
    with mail_now():
        assert send_reminders() == 1
    with mail_now():
        assert send_reminders() == 0
