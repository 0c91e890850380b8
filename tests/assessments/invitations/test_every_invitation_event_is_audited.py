"""Every invitation event lands in the assessment's audit trail: who (a user, or the vendor
contact by name), what, and the values — created, sent, accepted, refused, revoked, resent,
session ended, answered, done, reminded."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments.invitations.services import (
    invitation_resend,
    invitation_revoke,
    vendor_session_revoke,
)
from assessments.invitations.tasks import send_reminders
from assessments.models import AuditEvent
from tests.assessments.invitations.conftest import INVITED, answer_url, confirm, question_of

pytestmark = pytest.mark.django_db

VENDOR = "vendor: Jo Vendor <jo@vendor.example>"


def test_the_whole_life_of_an_invitation_is_in_the_trail(
    assessment, invite, procurement_user, questionnaire, mail_now
):
    assessment.due_date = timezone.localdate() + timedelta(days=3)
    assessment.save(update_fields=["due_date"])
    with mail_now():
        invitation, token = invite(assessment)
    vendor = Client()
    confirm(vendor, token)
    Client().post(f"/vendor/invite/{token}/")  # a second use: refused
    key = question_of(questionnaire, INVITED).key
    vendor.put(
        answer_url(assessment, key),
        {"option": question_of(questionnaire, INVITED).options.all()[0].key},
        content_type="application/json",
    )
    with mail_now():
        vendor.post(f"/vendor/assessments/{assessment.pk}/done/", {"confirm": "1"})
        send_reminders(
            today=(timezone.localdate() - timedelta(days=10)).isoformat()
        )  # nothing due yet
    vendor_session_revoke(actor=procurement_user, invitation_pk=invitation.pk)
    with mail_now():
        invitation_resend(actor=procurement_user, invitation_pk=invitation.pk)
    invitation_revoke(actor=procurement_user, invitation_pk=invitation.pk)

    events = list(
        AuditEvent.objects.filter(assessment=assessment)
        .exclude(action="assessment.created")
        .values_list("action", "actor__username", "actor_label")
    )
    assert events == [
        ("invitation.created", "pat", "pat"),
        ("invitation.sent", None, "system"),
        ("invitation.accepted", None, VENDOR),
        ("invitation.refused", None, "unconfirmed link holder"),
        ("answer.saved", None, VENDOR),
        ("invitation.done", None, VENDOR),
        ("invitation.session_revoked", "pat", "pat"),
        ("invitation.resent", "pat", "pat"),
        ("invitation.sent", None, "system"),
        ("invitation.revoked", "pat", "pat"),
    ]
    created = AuditEvent.objects.get(action="invitation.created")
    assert created.new["domains"] == [INVITED]
    assert created.new["email"] == "jo@vendor.example"
    refused = AuditEvent.objects.get(action="invitation.refused")
    assert refused.new["status"] == "used"
    assert all(token not in str(e.new) + str(e.old) for e in AuditEvent.objects.all())


def test_reminders_are_audited_as_the_system(assessment, invite, mail_now):
    assessment.due_date = timezone.localdate() + timedelta(days=7)
    assessment.save(update_fields=["due_date"])
    invite(assessment)
    with mail_now():
        send_reminders()
    event = AuditEvent.objects.get(action="invitation.reminded")
    assert (event.actor, event.actor_label, event.new["kind"]) == (None, "system", "due-7")
