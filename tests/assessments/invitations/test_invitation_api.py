"""The invitations API: procurement invites, lists, revokes, resends and ends sessions; readers
list; nobody ever gets the link's token back; outsiders 403, anonymous 401."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from assessments.invitations.services import BAD_EMAIL, BAD_EXPIRY, NO_DOMAINS, NOT_INVITABLE
from assessments.models import Invitation
from tests.assessments.invitations.conftest import INVITED, confirm, link_in

pytestmark = pytest.mark.django_db

BODY = {
    "email": "Jo@Vendor.example",
    "name": "Jo Vendor",
    "domains": [INVITED],
    "expires_in_days": 10,
}


def _url(assessment) -> str:
    return f"/api/v1/assessments/{assessment.pk}/invitations/"


def test_procurement_invites_and_gets_201_without_the_token(
    api, assessment, procurement_user, mail_now
):
    with mail_now():
        response = api(procurement_user).post(_url(assessment), BODY, format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    assert set(body) == {
        "id",
        "assessment",
        "contact",
        "domains",
        "status",
        "expires_at",
        "sent_at",
        "send_error",
        "used_at",
        "done_at",
        "revoked_at",
        "created_by",
        "created_at",
    }
    assert (body["status"], body["domains"]) == ("pending", [INVITED])
    assert body["contact"]["email"] == "Jo@Vendor.example"
    token = link_in(mail.outbox[-1]).split("/")[-2]
    assert token not in response.content.decode()
    invitation = Invitation.objects.get()
    assert invitation.token_hash not in response.content.decode()
    assert mail.outbox[-1].to == ["Jo@Vendor.example"]


def test_an_existing_contact_is_reused_whatever_the_case_of_the_address(
    api, assessment, procurement_user
):
    first = api(procurement_user).post(_url(assessment), BODY, format="json").json()
    second = (
        api(procurement_user)
        .post(
            _url(assessment),
            {**BODY, "email": "JO@vendor.EXAMPLE", "name": "Someone else"},
            format="json",
        )
        .json()
    )
    assert first["contact"]["id"] == second["contact"]["id"]
    assert second["contact"]["name"] == "Jo Vendor"
    assert assessment.offering.vendor.contacts.count() == 1


def test_the_list_shows_each_status(api, assessment, invite, procurement_user, viewer_user):
    invite(assessment, email="pending@vendor.example")
    _, token = invite(assessment, email="used@vendor.example")
    confirm(Client(), token)
    expired, _ = invite(assessment, email="expired@vendor.example")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(1))
    revoked, _ = invite(assessment, email="revoked@vendor.example")
    api(procurement_user).post(f"/api/v1/invitations/{revoked.pk}/revoke/")
    response = api(viewer_user).get(_url(assessment))
    assert response.status_code == 200
    statuses = {row["contact"]["email"]: row["status"] for row in response.json()}
    assert statuses == {
        "pending@vendor.example": "pending",
        "used@vendor.example": "used",
        "expired@vendor.example": "expired",
        "revoked@vendor.example": "revoked",
    }
    assert "token" not in response.content.decode()


def test_revoke_resend_and_end_sessions(api, assessment, invite, procurement_user, mail_now):
    invitation, token = invite(assessment)
    client = api(procurement_user)
    vendor = Client()
    confirm(vendor, token)
    ended = client.post(f"/api/v1/invitations/{invitation.pk}/end-sessions/")
    assert ended.status_code == 200
    assert vendor.get(f"/vendor/assessments/{assessment.pk}/").status_code == 403
    assert client.post(f"/api/v1/invitations/{invitation.pk}/end-sessions/").status_code == 409
    with mail_now():
        resent = client.post(
            f"/api/v1/invitations/{invitation.pk}/resend/", {"expires_in_days": 3}, format="json"
        )
    assert resent.status_code == 200
    assert resent.json()["status"] == "pending"
    new = link_in(mail.outbox[-1])
    assert new.split("/")[-2] not in resent.content.decode()
    revoked = client.post(f"/api/v1/invitations/{invitation.pk}/revoke/")
    assert (revoked.status_code, revoked.json()["status"]) == (200, "revoked")
    assert client.post(f"/api/v1/invitations/{invitation.pk}/revoke/").status_code == 409
    assert client.post(f"/api/v1/invitations/{invitation.pk}/resend/").status_code == 409
    assert Client().get(new).status_code == 404


def test_bad_input_is_refused_with_sentences(api, assessment, procurement_user):
    client = api(procurement_user)
    response = client.post(
        _url(assessment),
        {**BODY, "email": "not-an-address", "domains": [], "expires_in_days": 91},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "email": [BAD_EMAIL],
        "domains": [NO_DOMAINS],
        "expires_in_days": [BAD_EXPIRY],
    }
    unknown = client.post(_url(assessment), {**BODY, "domains": ["scoring_secrets"]}, format="json")
    assert unknown.status_code == 400
    assert list(unknown.json()) == ["domains"]
    assert not Invitation.objects.exists()


def test_a_submitted_assessment_takes_no_invitation(api, assessment, procurement_user):
    assessment.status = "submitted"
    assessment.save(update_fields=["status"])
    response = api(procurement_user).post(_url(assessment), BODY, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == NOT_INVITABLE.format(status="submitted")


@pytest.mark.parametrize("principal", ["architect_user", "viewer_user", "outsider_user"])
def test_only_procurement_and_admins_change_invitations(
    request, api, assessment, invite, principal
):
    user = request.getfixturevalue(principal)
    invitation, _ = invite(assessment)
    client = api(user)
    assert client.post(_url(assessment), BODY, format="json").status_code == 403
    for action in ("revoke", "resend", "end-sessions"):
        assert client.post(f"/api/v1/invitations/{invitation.pk}/{action}/").status_code == 403
    reads = client.get(_url(assessment)).status_code
    assert reads == (403 if principal == "outsider_user" else 200)
    assert Invitation.objects.get().status == "pending"


def test_anonymous_callers_get_401(api, assessment, invite):
    invitation, _ = invite(assessment)
    anonymous = api(None)
    for method, path in [
        ("get", _url(assessment)),
        ("post", _url(assessment)),
        ("post", f"/api/v1/invitations/{invitation.pk}/revoke/"),
        ("post", f"/api/v1/invitations/{invitation.pk}/resend/"),
        ("post", f"/api/v1/invitations/{invitation.pk}/end-sessions/"),
    ]:
        response = getattr(anonymous, method)(path, {}, format="json")
        assert response.status_code == 401, path
        assert response["WWW-Authenticate"] == "Token"


def test_an_admin_can_invite_and_an_unknown_invitation_is_404(api, assessment, admin_user):
    assert api(admin_user).post(_url(assessment), BODY, format="json").status_code == 201
    assert api(admin_user).post(f"/api/v1/invitations/{uuid.uuid4()}/revoke/").status_code == 404
