"""API tokens have a lifecycle (issue 19): named, hashed at rest, expiring, read-only or
read-write, with a last-used time; listed and revoked by their owner (page and API) and revoked
by an admin, who never sees a key; revoked with the owner's other sessions when the password,
the authenticator app, the active flag or a role changes; and every use is named in the audit
trail."""

import datetime
import hashlib
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from assessments.models import AuditEvent
from core.models import ApiToken
from core.tokens import authentication, services
from core.tokens.services import api_token_create
from tests.factories import TEST_PASSWORD, OfferingFactory

pytestmark = pytest.mark.django_db
OBTAIN, LIST, PAGE = "/api/v1/auth/token/", "/api/v1/auth/tokens/", "/accounts/tokens/"


def _as(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _works(key: str) -> bool:
    status = _as(key).get("/api/v1/vendors/").status_code
    assert status in (200, 401), status
    return status == 200


def _obtain(user, **extra):
    return APIClient().post(
        OBTAIN, {"username": user.username, "password": TEST_PASSWORD, **extra}, format="json"
    )


# ---- issued, stored, shown -------------------------------------------------------------------


def test_the_password_endpoint_issues_a_named_token_once_and_stores_only_its_hash(
    procurement_user, settings
):
    settings.API_TOKEN_DEFAULT_DAYS = 30
    response = _obtain(procurement_user)
    assert response.status_code == 200  # as before: scripts that read "token" need no change
    body = response.json()
    key = body["token"]
    assert key.startswith("sbd_") and len(key) > 40
    assert body["name"] == "Issued at /api/v1/auth/token/"
    assert body["prefix"] == key[:12] and body["state"] == "working"
    stored = ApiToken.objects.get(pk=body["id"])
    assert stored.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in str(list(ApiToken.objects.values_list()))  # no column holds the key
    expires = datetime.datetime.fromisoformat(body["expires_at"])
    assert abs(expires - (timezone.now() + datetime.timedelta(days=30))) < datetime.timedelta(
        minutes=1
    )
    assert _works(key)
    # A second call makes a second token; the first keeps working.
    second = _obtain(procurement_user, name="CI export", read_only=True, expires_in_days=7)
    assert second.status_code == 200
    assert second.json()["name"] == "CI export" and second.json()["read_only"] is True
    assert _works(key) and _works(second.json()["token"])


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"expires_in_days": 366}, "expires_in_days"),
        ({"expires_in_days": 0}, "expires_in_days"),
        ({"expires_in_days": "soon"}, "expires_in_days"),
        ({"name": "x" * 101}, "name"),
        ({"name": "CI\u202eexport"}, "name"),
        ({"name": "CI\x00"}, "name"),
        ({"read_only": "perhaps"}, "read_only"),
    ],
)
def test_a_bad_token_request_names_its_field_and_makes_nothing(procurement_user, extra, field):
    response = _obtain(procurement_user, **extra)
    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not ApiToken.objects.exists()


def test_the_deployment_caps_the_lifetime(procurement_user, settings):
    settings.API_TOKEN_MAX_DAYS = 30
    response = _obtain(procurement_user, expires_in_days=31)
    assert response.status_code == 400
    assert response.json() == {"expires_in_days": ["Choose between 1 and 30 days."]}


def test_one_person_holds_a_limited_number_of_working_tokens(procurement_user, settings):
    settings.API_TOKEN_MAX_PER_USER = 2
    assert _obtain(procurement_user).status_code == 200
    assert _obtain(procurement_user).status_code == 200
    refused = _obtain(procurement_user)
    assert refused.status_code == 400
    assert "API_TOKEN_MAX_PER_USER" in refused.json()["detail"]
    assert ApiToken.objects.count() == 2
    first = ApiToken.objects.filter(user=procurement_user).first()
    services.api_token_revoke(actor=procurement_user, token=first)
    assert _obtain(procurement_user).status_code == 200  # revoked ones do not count


# ---- refused ---------------------------------------------------------------------------------


def test_an_expired_token_is_refused_and_says_so(procurement_user):
    issued = api_token_create(user=procurement_user, name="old", expires_in_days=1)
    ApiToken.objects.filter(pk=issued.token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = _as(issued.key).get("/api/v1/vendors/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_an_unknown_or_mangled_token_is_refused(procurement_user):
    issued = api_token_create(user=procurement_user, name="ok")
    assert _as(issued.key).get("/api/v1/vendors/").status_code == 200
    assert _as(issued.key[:-1] + "x").get("/api/v1/vendors/").status_code == 401
    assert _as(issued.key.upper()).get("/api/v1/vendors/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key} extra")
    assert client.get("/api/v1/vendors/").json()["detail"] == authentication.MALFORMED
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {issued.key}")
    assert client.get("/api/v1/vendors/").status_code == 200


def test_a_read_only_token_reads_but_cannot_change_anything(procurement_user):
    issued = api_token_create(user=procurement_user, name="reader", read_only=True)
    client = _as(issued.key)
    assert client.get("/api/v1/vendors/").status_code == 200
    response = client.post("/api/v1/vendors/", {"name": "Acme"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == authentication.READ_ONLY
    writer = api_token_create(user=procurement_user, name="writer")
    assert _as(writer.key).post("/api/v1/vendors/", {"name": "Acme"}).status_code == 201


def test_last_use_is_recorded_at_most_once_a_minute(procurement_user):
    issued = api_token_create(user=procurement_user, name="ci")
    client = _as(issued.key)
    client.get("/api/v1/auth/tokens/")
    used = ApiToken.objects.get(pk=issued.token.pk).last_used_at
    assert used is not None and timezone.now() - used < datetime.timedelta(seconds=10)
    client.get("/api/v1/auth/tokens/")
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at == used
    ApiToken.objects.filter(pk=issued.token.pk).update(
        last_used_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    client.get("/api/v1/auth/tokens/")
    assert ApiToken.objects.get(pk=issued.token.pk).last_used_at > used


# ---- listed and revoked ----------------------------------------------------------------------


def test_owners_list_their_own_tokens_without_keys(procurement_user, viewer_user):
    mine = api_token_create(user=procurement_user, name="mine")
    api_token_create(user=viewer_user, name="theirs")
    listed = _as(mine.key).get(LIST).json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["name"] for r in rows] == ["mine"]
    assert "token" not in rows[0] and "key_hash" not in rows[0]
    assert mine.key not in str(listed)


def test_an_owner_revokes_a_token_and_it_stops_at_once(procurement_user, viewer_user):
    issued = api_token_create(user=procurement_user, name="ci")
    other = api_token_create(user=procurement_user, name="other")
    url = f"/api/v1/auth/tokens/{issued.token.pk}/revoke/"
    # Someone else cannot revoke it, nor learn that it exists.
    stranger = api_token_create(user=viewer_user, name="v")
    assert _as(stranger.key).post(url).status_code == 404
    assert _works(issued.key)
    response = _as(other.key).post(url)
    assert response.status_code == 200
    assert response.json()["state"] == "revoked"
    assert response.json()["revoked_reason"] == services.REVOKED_BY_OWNER
    refused = _as(issued.key).get("/api/v1/vendors/")
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    assert _works(other.key)


def test_an_admin_revokes_anyones_token_but_never_sees_a_key(client, admin_user, procurement_user):
    issued = api_token_create(user=procurement_user, name="ci")
    admin_key = api_token_create(user=admin_user, name="admin").key
    client.force_login(admin_user)
    listing = client.get("/admin/core/apitoken/").content.decode()
    page = client.get(f"/admin/core/apitoken/{issued.token.pk}/change/").content.decode()
    for html in (listing, page):
        assert issued.token.prefix in html
        assert issued.key not in html and issued.token.key_hash not in html
    assert client.get("/admin/core/apitoken/add/").status_code == 403
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404  # DRF's plain keys
    response = _as(admin_key).post(f"/api/v1/auth/tokens/{issued.token.pk}/revoke/")
    assert response.status_code == 200
    assert response.json()["revoked_reason"] == "Revoked by an administrator (root-admin)."
    assert not _works(issued.key)
    again = api_token_create(user=procurement_user, name="ci 2")
    client.post(
        "/admin/core/apitoken/",
        {"action": "revoke_selected", "_selected_action": [str(again.token.pk)]},
    )
    assert not _works(again.key)


# ---- credentials change: tokens and other sessions end ---------------------------------------


def _signed_in(user) -> Client:
    browser = Client()
    browser.force_login(user)
    assert browser.get("/").status_code == 200
    return browser


def _signed_out(browser: Client) -> bool:
    response = browser.get("/")
    return response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_a_new_password_revokes_the_tokens(procurement_user):
    issued = api_token_create(user=procurement_user, name="ci")
    browser = _signed_in(procurement_user)
    procurement_user.set_password("a-whole-new-passphrase-42")
    procurement_user.save()
    assert not _works(issued.key)
    assert ApiToken.objects.get().revoked_reason == services.CREDENTIALS_CHANGED
    assert _signed_out(browser)


def test_a_sign_in_saving_last_login_revokes_nothing(procurement_user):
    issued = api_token_create(user=procurement_user, name="ci")
    signed_in = Client().post(
        "/accounts/login/", {"username": procurement_user.username, "password": TEST_PASSWORD}
    )
    assert signed_in.status_code == 302  # signing in saves last_login on the user
    procurement_user.first_name = "Pat"
    procurement_user.save()  # a change of name is not a change of credentials
    assert _works(issued.key)


def test_deactivation_revokes_the_tokens(procurement_user):
    issued = api_token_create(user=procurement_user, name="ci")
    procurement_user.is_active = False
    procurement_user.save()
    assert ApiToken.objects.get().revoked_reason == services.DEACTIVATED
    procurement_user.is_active = True
    procurement_user.save()
    assert not _works(issued.key)  # reactivation does not bring a revoked token back


@pytest.mark.parametrize(
    "remove",
    [
        lambda user, group: user.groups.remove(group),
        lambda user, group: group.user_set.remove(user),
        lambda user, group: user.groups.clear(),
        lambda user, group: group.user_set.clear(),
    ],
    ids=["user-side", "group-side", "user-clear", "group-clear"],
)
def test_a_removed_role_revokes_the_tokens_and_ends_other_sessions(architect_user, remove):
    issued = api_token_create(user=architect_user, name="ci")
    browser = _signed_in(architect_user)
    remove(architect_user, Group.objects.get(name="architect"))
    assert ApiToken.objects.get().revoked_reason == services.ROLE_REMOVED
    assert not _works(issued.key)
    assert _signed_out(browser)


def test_losing_superuser_status_revokes_the_tokens(admin_user):
    issued = api_token_create(user=admin_user, name="ci")
    admin_user.groups.clear()
    admin_user.save()
    api_token_create(user=admin_user, name="after the group went")
    admin_user.is_superuser = False
    admin_user.save()
    assert not ApiToken.objects.filter(user=admin_user, revoked_at__isnull=True).exists()
    assert not _works(issued.key)


def test_an_admins_reset_of_the_app_revokes_tokens_and_ends_the_owners_sessions(
    client, admin_user, architect_user
):
    device = TOTPDevice.objects.create(user=architect_user, name="phone", confirmed=True)
    issued = api_token_create(user=architect_user, name="ci")
    browser = Client()
    browser.force_login(architect_user)
    client.force_login(admin_user)
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_reason == services.SECOND_FACTOR_CHANGED
    assert not _works(issued.key)
    assert _signed_out(browser)
    assert client.get("/").status_code == 200  # the admin's own session is not touched


def test_a_change_made_in_ones_own_session_keeps_that_session(architect_user):
    """The session that made the change just proved who it is; the others end."""
    issued = api_token_create(user=architect_user, name="ci")
    mine, other = _signed_in(architect_user), _signed_in(architect_user)
    # A request of `mine` during which the person's role changes (as an admin page saving one's
    # own account would): the cutoff excludes the session serving it.
    from core import sessions

    session = mine.session
    token = sessions.current_session_var.set((architect_user.pk, session))
    try:
        architect_user.groups.remove(Group.objects.get(name="architect"))
    finally:
        sessions.current_session_var.reset(token)
    session.save()
    architect_user.groups.add(Group.objects.get(name="architect"))
    assert not _works(issued.key)
    assert mine.get("/").status_code == 200
    assert _signed_out(other)


def test_an_unconfirmed_app_removed_revokes_nothing(architect_user):
    issued = api_token_create(user=architect_user, name="ci")
    TOTPDevice.objects.create(user=architect_user, name="phone", confirmed=False).delete()
    assert _works(issued.key)


# ---- attributed ------------------------------------------------------------------------------


def test_every_token_use_is_named_in_the_audit_trail(procurement_user, questionnaire):
    issued = api_token_create(user=procurement_user, name="CI export")
    response = _as(issued.key).post(
        "/api/v1/assessments/", {"offering": str(OfferingFactory().pk)}, format="json"
    )
    assert response.status_code == 201, response.content
    event = AuditEvent.objects.get(assessment_id=response.json()["id"])
    assert event.actor_label == "pat via token «CI export»"
    assert event.actor == procurement_user
    vendor = _as(issued.key).post("/api/v1/vendors/", {"name": "Acme"}, format="json")
    from vendors.models import CatalogueEvent

    assert CatalogueEvent.objects.get(vendor_id=vendor.json()["id"]).actor_label == (
        "pat via token «CI export»"
    )
    browser = APIClient()
    browser.force_login(procurement_user)
    signed_in = browser.post(
        "/api/v1/assessments/", {"offering": str(OfferingFactory().pk)}, format="json"
    )
    assert AuditEvent.objects.get(assessment_id=signed_in.json()["id"]).actor_label == "pat"


# ---- plain-text tokens from before -----------------------------------------------------------


def test_plain_text_tokens_from_before_become_hashed_and_keep_working(procurement_user):
    old = Token.objects.create(user=procurement_user)
    migration = importlib.import_module("core.migrations.0004_convert_plain_api_tokens")
    migration.convert(apps, None)
    assert not Token.objects.exists()
    converted = ApiToken.objects.get(user=procurement_user)
    assert converted.key_hash == hashlib.sha256(old.key.encode()).hexdigest()
    assert converted.name == migration.NAME
    assert _works(old.key)
