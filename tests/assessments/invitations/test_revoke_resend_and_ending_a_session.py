"""Procurement can revoke an invitation, end a vendor's session, or resend the link (which
stops the old one) at any time; the vendor's next request shows the change."""

import pytest
from django.core import mail
from django.test import Client

from assessments.invitations.services import (
    ALREADY_REVOKED,
    NO_OPEN_SESSION,
    invitation_resend,
    invitation_revoke,
    vendor_session_revoke,
)
from assessments.models import Invitation
from core.errors import ConflictError
from tests.assessments.invitations.conftest import (
    INVITED,
    answer_url,
    confirm,
    link,
    link_in,
    question_of,
)

pytestmark = pytest.mark.django_db


def test_revoking_stops_the_link_and_the_open_session(
    vendor, assessment, questionnaire, procurement_user, invite
):
    pending, token = invite(assessment, email="later@vendor.example")
    invitation_revoke(actor=procurement_user, invitation_pk=vendor.invitation.pk)
    invitation_revoke(actor=procurement_user, invitation_pk=pending.pk)
    assert vendor.get(f"/vendor/assessments/{assessment.pk}/").status_code == 403
    key = question_of(questionnaire, INVITED).key
    assert (
        vendor.put(
            answer_url(assessment, key), {"option": None}, content_type="application/json"
        ).status_code
        == 403
    )
    assert Client().get(link(token)).status_code == 404
    with pytest.raises(ConflictError, match=ALREADY_REVOKED):
        invitation_revoke(actor=procurement_user, invitation_pk=pending.pk)
    assert Invitation.objects.get(pk=pending.pk).status == "revoked"


def test_ending_the_session_signs_the_vendor_out_but_leaves_the_invitation(
    vendor, assessment, procurement_user
):
    assert vendor_session_revoke(actor=procurement_user, invitation_pk=vendor.invitation.pk) == 1
    page = vendor.get(f"/vendor/assessments/{assessment.pk}/")
    assert page.status_code == 403
    assert b"Your access has ended" in page.content
    assert Invitation.objects.get(pk=vendor.invitation.pk).status == "used"
    with pytest.raises(ConflictError, match=NO_OPEN_SESSION):
        vendor_session_revoke(actor=procurement_user, invitation_pk=vendor.invitation.pk)


def test_resending_mails_a_new_link_and_the_old_one_stops_working(
    assessment, invite, procurement_user, mail_now
):
    with mail_now():
        invitation, old = invite(assessment)
    first_mail = mail.outbox[-1]
    assert link_in(first_mail) == link(old)
    with mail_now():
        _, new = invitation_resend(
            actor=procurement_user, invitation_pk=invitation.pk, expires_in_days=30
        )
    assert new != old
    assert link_in(mail.outbox[-1]) == link(new)
    assert Client().get(link(old)).status_code == 404
    client = Client()
    assert confirm(client, new).status_code == 302
    invitation.refresh_from_db()
    assert (invitation.expires_at - invitation.created_at).days in (29, 30)


def test_a_used_link_can_be_resent_for_a_vendor_who_lost_their_browser(
    vendor, assessment, procurement_user
):
    _, new = invitation_resend(actor=procurement_user, invitation_pk=vendor.invitation.pk)
    assert Invitation.objects.get(pk=vendor.invitation.pk).status == "pending"
    assert confirm(Client(), new).status_code == 302
    assert confirm(Client(), vendor.token).status_code == 404


def test_a_mail_queued_before_a_resend_is_not_sent(assessment, invite, procurement_user, mail_now):
    from assessments.invitations.tasks import send_invitation

    invitation, old = invite(assessment)
    invitation_resend(actor=procurement_user, invitation_pk=invitation.pk)
    send_invitation(str(invitation.pk), old)
    assert mail.outbox == []
    invitation.refresh_from_db()
    assert invitation.sent_at is None
