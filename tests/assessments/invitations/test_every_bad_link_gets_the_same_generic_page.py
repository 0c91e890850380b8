"""Wrong, expired, used, revoked, tampered and superseded links: one page, one status, for GET and
POST alike — a response never tells which kind of bad a link is."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from assessments.invitations.links import LINK_UNUSABLE
from assessments.invitations.services import invitation_resend, invitation_revoke
from assessments.models import Invitation
from tests.assessments.invitations.conftest import confirm, link

pytestmark = pytest.mark.django_db


def _bad_tokens(assessment, invite, procurement_user) -> dict[str, str]:
    _, expired = invite(assessment, email="expired@vendor.example")
    Invitation.objects.filter(contact__email="expired@vendor.example").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    _, used = invite(assessment, email="used@vendor.example")
    confirm(Client(), used)
    revoked_invitation, revoked = invite(assessment, email="revoked@vendor.example")
    invitation_revoke(actor=procurement_user, invitation_pk=revoked_invitation.pk)
    _, valid = invite(assessment, email="valid@vendor.example")
    resent_invitation, superseded = invite(assessment, email="resent@vendor.example")
    invitation_resend(actor=procurement_user, invitation_pk=resent_invitation.pk)
    tampered = valid[:-1] + ("A" if valid[-1] != "A" else "B")
    return {
        "unknown": "x" * 43,
        "malformed": "not a token!",
        "expired": expired,
        "used": used,
        "revoked": revoked,
        "tampered": tampered,
        "superseded by a resend": superseded,
    }


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_kind_of_bad_link_gets_the_identical_generic_page(
    assessment, invite, procurement_user, method
):
    pages = {}
    for kind, token in _bad_tokens(assessment, invite, procurement_user).items():
        response = getattr(Client(REMOTE_ADDR=f"10.0.0.{len(pages) + 1}"), method)(link(token))
        pages[kind] = (response.status_code, response.content)
    assert {status for status, _ in pages.values()} == {404}
    assert len({content for _, content in pages.values()}) == 1, list(pages)
    assert LINK_UNUSABLE.encode() in next(iter(pages.values()))[1]


def test_a_bad_link_never_opens_a_vendor_session(assessment, invite, procurement_user):
    for token in _bad_tokens(assessment, invite, procurement_user).values():
        client = Client()
        client.post(link(token))
        page = client.get(f"/vendor/assessments/{assessment.pk}/")
        assert page.status_code == 403
