"""Company sign-in through a real OpenID provider process (tests/sso/provider.py): users made
just in time and matched by subject, roles from groups at every sign-in, each bad case refused
with its own page, and sign-out at the provider too."""

import logging
import threading
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import ApiToken
from core.roles import Role, roles_of
from sso.models import SsoIdentity
from tests.factories import UserFactory, api_key_for
from tests.sso.flow import sso_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

User = get_user_model()


def _user(sub: str):
    return SsoIdentity.objects.select_related("user").get(subject=sub).user


def test_first_sign_in_makes_the_user_with_the_mapped_role(client, oidc):
    oidc.users(alice={"groups": ["sec-architects", "unrelated"], "email": "alice@example.com",
                      "given_name": "Alice", "family_name": "Archer"})  # fmt: skip
    response = sso_sign_in(client, oidc, "alice")
    assert response.status_code == 302 and response["Location"] == "/"
    user = _user("sub-alice")
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.ARCHITECT}
    assert (user.username, user.email, user.first_name) == ("alice", "alice@example.com", "Alice")
    assert not user.has_usable_password()
    identity = user.sso_identity
    assert identity.issuer == oidc.url and identity.last_groups == ["sec-architects", "unrelated"]
    page = client.get("/")
    assert page.status_code == 200 and page.context["user"].pk == user.pk


def test_next_page_is_kept_through_the_provider_and_foreign_next_is_dropped(client, oidc):
    oidc.users(bob={"groups": ["procurement-team"]})
    assert sso_sign_in(client, oidc, "bob", next_url="/vendors/")["Location"] == "/vendors/"
    client.post("/accounts/logout/")
    assert sso_sign_in(client, oidc, "bob", next_url="https://evil.example/")["Location"] == "/"


def test_a_removed_group_removes_the_role_and_the_api_tokens_at_next_sign_in(client, oidc):
    oidc.users(carol={"groups": ["sec-architects", "sbd-admins"]})
    sso_sign_in(client, oidc, "carol")
    user = _user("sub-carol")
    assert roles_of(User.objects.get(pk=user.pk)) == {Role.ARCHITECT, Role.ADMIN}
    assert User.objects.get(pk=user.pk).is_superuser
    api_key_for(user)
    client.post("/accounts/logout/")

    oidc.users(carol={"groups": ["sec-architects"]})
    sso_sign_in(client, oidc, "carol")
    fresh = User.objects.get(pk=user.pk)
    assert roles_of(fresh) == {Role.ARCHITECT}
    assert not fresh.is_superuser and not fresh.is_staff
    token = ApiToken.objects.get(user=user)
    assert token.revoked_at is not None
    # The new session survives the cut-off its own sign-in set.
    assert client.get("/").status_code == 200


def test_unknown_group_signs_in_with_no_role_and_the_page_says_whom_to_ask(client, oidc, settings):
    settings.SUPPORT_CONTACT = "iam-team@example.com"
    oidc.users(dave={"groups": ["marketing"]})
    assert sso_sign_in(client, oidc, "dave").status_code == 302
    assert roles_of(User.objects.get(pk=_user("sub-dave").pk)) == frozenset()
    page = client.get("/").content.decode()
    assert "none of your groups in Test IdP gives a role here" in page
    assert "Test IdP" in page and "iam-team@example.com" in page and "marketing" in page


def test_users_are_matched_by_subject_never_by_email_or_username(client, oidc):
    local = UserFactory(username="erin", email="erin@example.com", role=Role.ADMIN)
    oidc.users(erin={"groups": ["risk-board"], "email": "erin@example.com"})
    sso_sign_in(client, oidc, "erin")
    made = _user("sub-erin")
    assert made.pk != local.pk and made.username == "erin-2"
    assert roles_of(User.objects.get(pk=local.pk)) == {Role.ADMIN}  # untouched
    # The same subject with a new e-mail and username is still the same person.
    client.post("/accounts/logout/")
    oidc.users(erin={"sub": "sub-erin", "groups": ["risk-board"], "email": "e.new@example.com",
                     "preferred_username": "erin.new"})  # fmt: skip
    sso_sign_in(client, oidc, "erin")
    assert _user("sub-erin").pk == made.pk
    assert User.objects.get(pk=made.pk).email == "e.new@example.com"


def test_deactivated_here_is_refused_whatever_the_provider_says(client, oidc):
    oidc.users(frank={"groups": ["sec-architects"]})
    sso_sign_in(client, oidc, "frank")
    client.post("/accounts/logout/")
    User.objects.filter(pk=_user("sub-frank").pk).update(is_active=False)
    response = sso_sign_in(client, oidc, "frank")
    assert response.status_code == 403
    assert "switched off" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("bend", "status", "says"),
    [
        ({"aud": "another-app"}, 403, "meant for another application"),
        ({"exp_offset": -600}, 400, "The sign-in had expired"),
        ({"iss": "https://idp.evil.example"}, 403, "unexpected provider"),
        ({"nonce": "replayed"}, 403, "could not be trusted"),
    ],
)
def test_a_bent_id_token_is_refused_with_its_own_page(client, oidc, bend, status, says):
    oidc.users(gina={"groups": ["sec-architects"]})
    oidc.bend_next_token(**bend)
    response = sso_sign_in(client, oidc, "gina")
    assert response.status_code == status
    assert says in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not SsoIdentity.objects.filter(subject="sub-gina").exists()


def test_an_expired_token_within_the_clock_skew_is_accepted(client, oidc, settings):
    settings.OIDC_CLOCK_SKEW_SECONDS = 120
    oidc.users(hal={"groups": ["risk-board"]})
    oidc.bend_next_token(exp_offset=-60)
    assert sso_sign_in(client, oidc, "hal").status_code == 302


def test_a_wrong_state_is_refused_and_the_code_is_never_exchanged(client, oidc):
    oidc.users(ivy={"groups": ["sec-architects"]})
    start = client.get("/accounts/sso/start/")
    back = urlsplit(oidc.sign_in(start["Location"], "ivy"))
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    response = client.get(back.path, {"code": query["code"], "state": "forged"})
    assert response.status_code == 400
    assert "was not started here" in response.content.decode()
    assert oidc.counters()["token_requests"] == 0
    # A callback in another browser (no session at all) is refused the same way.
    other = client.__class__()
    assert other.get(back.path + "?" + back.query).status_code == 400


def test_an_answer_naming_another_issuer_is_refused_before_its_code_is_used(client, oidc):
    oidc.users(ian={"groups": ["sec-architects"]})
    start = client.get("/accounts/sso/start/")
    back = urlsplit(oidc.sign_in(start["Location"], "ian"))
    query = {k: v[0] for k, v in parse_qs(back.query).items()}
    response = client.get(back.path, {**query, "iss": "https://idp.evil.example"})
    assert response.status_code == 403 and "unexpected provider" in response.content.decode()
    assert oidc.counters()["token_requests"] == 0


def test_two_first_sign_ins_at_once_make_one_account(client, oidc, monkeypatch):
    """Another request commits the person's account between this one's look-up and its insert:
    the insert fails on the unique key, and the retry signs in to the account the other made."""
    from django.db import IntegrityError, connection, transaction

    from sso import services

    oidc.users(uma={"groups": ["risk-board"]})
    real = services._identity_for
    calls = []

    def the_other_request(issuer, subject, claims):
        try:
            with transaction.atomic():
                real(issuer, subject, claims)
        finally:
            connection.close()

    def racing(issuer, subject, claims):
        calls.append(subject)
        if len(calls) == 1:
            other = threading.Thread(target=the_other_request, args=(issuer, subject, claims))
            other.start()
            other.join()
            raise IntegrityError("duplicate key value violates unique constraint")
        return real(issuer, subject, claims)

    monkeypatch.setattr(services, "_identity_for", racing)
    assert sso_sign_in(client, oidc, "uma").status_code == 302
    assert SsoIdentity.objects.filter(subject="sub-uma").count() == 1
    assert User.objects.filter(username__startswith="uma").count() == 1
    assert len(calls) == 2


def test_the_provider_refusing_says_so(client, oidc):
    oidc.users()
    response = sso_sign_in(client, oidc, "nobody")
    assert response.status_code == 400
    assert "Test IdP did not sign you in" in response.content.decode()


def test_pkce_and_nonce_are_sent(client, oidc):
    query = parse_qs(urlsplit(client.get("/accounts/sso/start/")["Location"]).query)
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["nonce"] and query["state"] and "openid" in query["scope"][0].split()


def test_provider_mfa_means_no_local_code_otherwise_the_totp_rule_applies(client, oidc):
    oidc.users(jo={"groups": ["sec-architects"], "amr": ["pwd", "mfa"]})
    sso_sign_in(client, oidc, "jo")
    TOTPDevice.objects.create(user=_user("sub-jo"), name="app", confirmed=True)
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    oidc.users(jo={"groups": ["sec-architects"], "amr": ["pwd"]})
    sso_sign_in(client, oidc, "jo")
    assert client.get("/")["Location"].startswith("/accounts/login/code/")


def test_provider_mfa_by_acr_when_configured(client, oidc, settings):
    settings.OTP_REQUIRED_FOR_REVIEWERS = True
    settings.OIDC_MFA_ACR = ["urn:example:loa:2"]
    oidc.users(kim={"groups": ["sec-architects"], "acr": "urn:example:loa:2"})
    sso_sign_in(client, oidc, "kim")
    assert client.get("/").status_code == 200
    client.post("/accounts/logout/")
    # Without it, OTP_REQUIRED_FOR_REVIEWERS still holds: the architect must add an app first.
    oidc.users(kim={"groups": ["sec-architects"], "acr": "urn:example:loa:1"})
    sso_sign_in(client, oidc, "kim")
    assert client.get("/")["Location"] == "/accounts/security/"


def test_sign_out_ends_the_provider_session_too(client, oidc):
    oidc.users(lee={"groups": ["risk-board"]})
    sso_sign_in(client, oidc, "lee")
    response = client.post("/accounts/logout/")
    target = urlsplit(response["Location"])
    assert f"{target.scheme}://{target.netloc}" == oidc.url and target.path == "/logout"
    query = parse_qs(target.query)
    assert query["post_logout_redirect_uri"] == ["http://testserver/accounts/login/"]
    assert query["id_token_hint"][0].count(".") == 2
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 302


def test_an_unreachable_provider_gets_a_clear_page(client, oidc, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"
    response = client.get("/accounts/sso/start/")
    assert response.status_code == 502
    assert "could not be reached" in response.content.decode()


def test_no_token_or_code_reaches_the_logs(client, oidc, caplog):
    oidc.users(max={"groups": ["sec-architects"]})
    with caplog.at_level(logging.DEBUG):
        start = client.get("/accounts/sso/start/")
        back = urlsplit(oidc.sign_in(start["Location"], "max"))
        client.get(back.path + "?" + back.query)
    code = parse_qs(back.query)["code"][0]
    id_token = client.session["sso_id_token"]
    verifier_param = parse_qs(urlsplit(start["Location"]).query)["code_challenge"][0]
    text = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    assert "company sign-in: max" in text
    for secret in (code, id_token, id_token.split(".")[1], verifier_param):
        assert secret not in text


def test_routes_are_404_while_company_sign_in_is_off(client, settings):
    settings.OIDC_ISSUER = ""
    assert client.get("/accounts/sso/start/").status_code == 404
    assert client.get("/accounts/sso/callback/?code=x&state=y").status_code == 404
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()
