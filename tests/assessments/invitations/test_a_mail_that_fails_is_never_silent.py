"""A link's mail that fails is never silent: the invitation says "Not sent: …" to whoever can
manage it, in the page and the API, until a send goes through (Resend sends it again); a name
with a line break cannot break the mail's headers; and in production without a mail server the
app refuses to invite, saying why, instead of printing bearer links into a log (issue 19)."""

import smtplib

import pytest
from django.core import mail
from django.test import Client

from assessments.invitations import tasks
from assessments.invitations.mail import NO_MAIL_SERVER
from assessments.models import Invitation
from vendors.models import Vendor

pytestmark = pytest.mark.django_db


def _refusing(*args, **kwargs):
    raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def test_a_failed_send_is_shown_and_a_resend_clears_it(
    assessment, invite, procurement_user, api, monkeypatch, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invitation, token = invite(assessment)
    monkeypatch.setattr("django.core.mail.EmailMessage.send", _refusing)
    reasons = []
    record = tasks.invitation_mark_not_sent
    monkeypatch.setattr(
        tasks,
        "invitation_mark_not_sent",
        lambda **kw: (reasons.append(kw["reason"]), record(**kw)),
    )
    # Eager, the task's five retries run at once: each failure is recorded, the last one says
    # it gave up and what to do.
    assert tasks.send_invitation.apply(args=[str(invitation.pk), token]).failed()
    assert reasons[0] == tasks.RETRYING.format(error="SMTPServerDisconnected")
    assert len(reasons) == 6
    invitation.refresh_from_db()
    assert invitation.sent_at is None
    assert invitation.send_error == reasons[-1]
    assert "after 6 tries" in invitation.send_error and "Use Resend" in invitation.send_error

    browser = Client()
    browser.force_login(procurement_user)
    page = browser.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "Not\n          sent: The mail server could not take it after 6 tries" in page
    listed = api(procurement_user).get(f"/api/v1/assessments/{assessment.pk}/invitations/")
    rows = listed.json()["results"] if isinstance(listed.json(), dict) else listed.json()
    assert rows[0]["send_error"] == invitation.send_error

    monkeypatch.undo()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    resent = api(procurement_user).post(f"/api/v1/invitations/{invitation.pk}/resend/")
    assert resent.status_code == 200, resent.content
    invitation.refresh_from_db()
    assert invitation.send_error == ""


def test_a_send_that_goes_through_clears_an_earlier_failure(assessment, invite, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invitation, token = invite(assessment)
    Invitation.objects.filter(pk=invitation.pk).update(send_error="The mail server …")
    mail.outbox = []
    assert tasks.send_invitation.apply(args=[str(invitation.pk), token]).successful()
    invitation.refresh_from_db()
    assert invitation.sent_at is not None and invitation.send_error == ""
    assert len(mail.outbox) == 1


def test_a_name_with_a_line_break_cannot_break_the_subject(assessment, invite, settings):
    """Names are one line now (core/text.py), but older rows may hold anything."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    invitation, token = invite(assessment)
    Vendor.objects.filter(pk=assessment.offering.vendor_id).update(
        name="Acme\r\nBcc: attacker@evil.example"
    )
    mail.outbox = []
    assert tasks.send_invitation.apply(args=[str(invitation.pk), token]).successful()
    [sent] = mail.outbox
    assert "\n" not in sent.subject and "\r" not in sent.subject
    assert sent.bcc == [] and "attacker@evil.example" not in sent.recipients()
    assert "Bcc:" not in sent.message().as_string().split("\n\n")[0].replace(sent.subject, "")


def test_without_a_mail_server_production_refuses_to_invite_and_says_why(
    assessment, procurement_user, api, settings
):
    settings.ALLOW_EMBEDDED_SERVICES = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    response = api(procurement_user).post(
        f"/api/v1/assessments/{assessment.pk}/invitations/",
        {"email": "jo@vendor.example", "name": "Jo", "domains": ["key_isolation"]},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"detail": NO_MAIL_SERVER}
    assert not Invitation.objects.exists()
