"""The vendor marks their part done: procurement gets an e-mail (once), and the page says so."""

import pytest
from django.core import mail

from assessments.models import Invitation
from core.bidi import isolate_text

pytestmark = pytest.mark.django_db


def test_done_sends_procurement_one_mail_and_the_page_shows_it(
    vendor, assessment, procurement_user, mail_now
):
    procurement_user.email = "pat@buyer.example"
    procurement_user.save()
    mail.outbox = []
    with mail_now():
        response = vendor.post(f"/vendor/assessments/{assessment.pk}/done/", {"confirm": "1"})
    assert response.status_code == 302
    assert response["Location"] == f"/vendor/assessments/{assessment.pk}/"
    assert Invitation.objects.get().done_at is not None
    assert len(mail.outbox) == 1
    done = mail.outbox[0]
    assert done.to == ["pat@buyer.example"]
    assert f"{isolate_text('Jo Vendor')} finished their part" in done.subject
    assert f"/assessments/{assessment.pk}/" in done.body
    page = vendor.get(f"/vendor/assessments/{assessment.pk}/").content.decode()
    assert "You marked your part as done" in page
    with mail_now():
        vendor.post(f"/vendor/assessments/{assessment.pk}/done/", {"confirm": "1"})
    assert len(mail.outbox) == 1


def test_the_invitation_mail_carries_the_link_and_what_it_is_for(
    assessment, invite, mail_now, settings
):
    settings.APP_BASE_URL = "https://dd.buyer.example"
    mail.outbox = []
    with mail_now():
        invitation, token = invite(assessment)
    message = mail.outbox[0]
    assert message.to == ["jo@vendor.example"]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert f"https://dd.buyer.example/vendor/invite/{token}/" in message.body
    assert "Key and secret isolation" in message.body
    assert "works once" in message.body
    invitation.refresh_from_db()
    assert invitation.sent_at is not None
