"""LOCAL_LOGIN=0: the password form signs in only the break-glass accounts, everywhere a password
is accepted; the sign-in page leads with the provider."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from core.roles import Role
from sso.config import parse_role_map, settings_check
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-for-tests-1"


@pytest.fixture
def accounts(settings):
    settings.LOCAL_LOGIN = False
    settings.LOCAL_LOGIN_BREAK_GLASS = ["breakglass"]
    made = {}
    for name, role in (("breakglass", Role.ADMIN), ("arch", Role.ARCHITECT)):
        user = UserFactory(username=name, role=role)
        user.set_password(PASSWORD)
        user.save()
        made[name] = user
    return made


def _sign_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": PASSWORD})


def test_only_the_break_glass_admin_signs_in_with_a_password(client, accounts):
    refused = _sign_in(client, "arch")
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    assert "correct username and password" in refused.content.decode()
    assert _sign_in(client, "breakglass").status_code == 302
    assert client.session["_auth_user_id"] == str(accounts["breakglass"].pk)


def test_the_api_token_endpoint_obeys_it_too(client, accounts):
    response = client.post(
        "/api/v1/auth/token/",
        {"username": "arch", "password": PASSWORD, "name": "ci"},
        content_type="application/json",
    )
    assert response.status_code in (400, 401)
    assert "token" not in response.json() and "key" not in response.json()


def test_the_page_folds_the_form_behind_an_emergency_link(client, accounts, oidc):
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Test IdP" in page
    assert 'name="password"' not in page and "emergency sign-in" in page
    emergency = client.get("/accounts/login/?local=1").content.decode()
    assert 'name="password"' in emergency and "Emergency administrator sign-in" in emergency


def test_with_local_login_on_both_ways_show(client, oidc, settings):
    settings.LOCAL_LOGIN = True
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in with Test IdP" in page and 'name="password"' in page
    assert "Or with a username and password" in page


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("sec-architects=archtect", "'archtect' in 'sec-architects=archtect' is not a role"),
        ("sec-architects", "is not a pair"),
        ("=architect", "is not a pair"),
    ],
)
def test_a_bad_role_map_is_refused_by_name(raw, says):
    with pytest.raises(ImproperlyConfigured, match="OIDC_ROLE_MAP") as error:
        parse_role_map(raw)
    assert says in str(error.value)


def test_role_map_pairs():
    assert parse_role_map(" a=architect, b = viewer ,a=admin,") == (
        ("a", "architect"),
        ("b", "viewer"),
        ("a", "admin"),
    )


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"OIDC_ISSUER": "http://idp.example.com"}, "must be the provider's https://"),
        ({"ALLOW_EMBEDDED_SERVICES": False}, "plain-http provider on this machine"),
        ({"OIDC_CLIENT_SECRET": " "}, "OIDC_CLIENT_SECRET must be set"),
        ({"OIDC_SCOPES": "email profile"}, "OIDC_SCOPES must include openid"),
        ({"OIDC_CLOCK_SKEW_SECONDS": 3600}, "OIDC_CLOCK_SKEW_SECONDS"),
        ({"OIDC_ISSUER": "", "LOCAL_LOGIN": False}, "would let nobody sign in"),
    ],
)
def test_settings_mistakes_stop_the_start(settings, changes, says):
    settings.OIDC_ISSUER = "http://127.0.0.1:5999"
    settings.OIDC_CLIENT_ID = "app"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings.LOCAL_LOGIN_BREAK_GLASS = []
    for name, value in changes.items():
        setattr(settings, name, value)
    with pytest.raises(ImproperlyConfigured, match=says):
        settings_check()


def test_good_settings_pass(settings):
    settings.OIDC_ISSUER = "https://login.example.com/tenant"
    settings.OIDC_CLIENT_ID = "app"
    settings.OIDC_CLIENT_SECRET = "secret"
    settings_check()
