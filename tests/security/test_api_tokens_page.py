"""The account's API tokens page: a token is made with a name, an access and a lifetime, its key
shown in that one response and never again; bad input is named on its field and makes nothing;
a token is revoked from its row; a session ended by a change of credentials says why."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.html import escape
from rest_framework.test import APIClient

from core.middleware import CREDENTIALS_CHANGED
from core.models import ApiToken
from core.tokens.services import api_token_create
from core.tokens.views import REVOKED
from tests.support.csp import assert_no_inline_script_or_style

pytestmark = pytest.mark.django_db
PAGE = "/accounts/tokens/"


def _key_in(html: str) -> str | None:
    found = re.search(r'data-testid="new-token-key">([^<]+)<', html)
    return found.group(1) if found else None


def test_the_page_says_what_to_do_when_there_is_no_token(client, viewer_user):
    client.force_login(viewer_user)
    response = client.get(PAGE)
    assert_no_inline_script_or_style(response)
    html = response.content.decode()
    assert "You have no API tokens. Make one above" in html
    assert "no-store" in response["Cache-Control"]
    assert client.get("/accounts/preferences/").content.decode().count(PAGE) == 1


def test_a_token_made_on_the_page_shows_its_key_once_and_works(client, viewer_user):
    client.force_login(viewer_user)
    response = client.post(
        PAGE, {"name": "Risk register sync", "access": "read", "expires_in_days": "30"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    key = _key_in(html)
    assert key and key.startswith("sbd_")
    assert "Copy the key now: this page shows it only this once." in html
    token = ApiToken.objects.get(user=viewer_user)
    assert (token.name, token.read_only) == ("Risk register sync", True)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/vendors/").status_code == 200
    later = client.get(PAGE).content.decode()
    assert key not in later and _key_in(later) is None
    assert "Risk register sync" in later and f"{token.prefix}…" in later
    assert "Read only" in later and "Working" in later


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (
            {"name": "", "access": "read", "expires_in_days": "30"},
            "name",
            "Give the token a name that says where it is used",
        ),
        (
            {"name": "CI\u202eexport", "access": "read", "expires_in_days": "30"},
            "name",
            "text-direction control",
        ),
        (
            {"name": "x" * 101, "access": "read", "expires_in_days": "30"},
            "name",
            "at most 100 characters",
        ),
        (
            {"name": "CI", "access": "admin", "expires_in_days": "30"},
            "access",
            "Select a valid choice",
        ),
        (
            {"name": "CI", "access": "read", "expires_in_days": "0"},
            "expires_in_days",
            "Choose between 1 and 365 days.",
        ),
        (
            {"name": "CI", "access": "read", "expires_in_days": "9999"},
            "expires_in_days",
            "Choose between 1 and 365 days.",
        ),
        (
            {"name": "CI", "access": "read", "expires_in_days": "soon"},
            "expires_in_days",
            "Enter a whole number.",
        ),
    ],
)
def test_bad_input_is_named_on_its_field_and_makes_nothing(client, viewer_user, data, field, words):
    client.force_login(viewer_user)
    response = client.post(PAGE, data)
    assert response.status_code == 400
    assert words in " ".join(response.context["form"].errors[field])
    assert escape(words) in response.content.decode()
    assert not ApiToken.objects.exists()
    assert _key_in(response.content.decode()) is None


def test_the_limit_is_said_on_the_page(client, viewer_user, settings):
    settings.API_TOKEN_MAX_PER_USER = 1
    api_token_create(user=viewer_user, name="first")
    client.force_login(viewer_user)
    response = client.post(PAGE, {"name": "second", "access": "read", "expires_in_days": "30"})
    assert response.status_code == 400
    assert "You already have 1 working token" in response.content.decode()
    assert ApiToken.objects.count() == 1


def test_a_token_is_revoked_from_its_row_and_others_cannot(client, viewer_user, procurement_user):
    issued = api_token_create(user=viewer_user, name="Risk register sync")
    url = f"/accounts/tokens/{issued.token.pk}/revoke/"
    stranger = Client()
    stranger.force_login(procurement_user)
    assert stranger.post(url).status_code == 404
    client.force_login(viewer_user)
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    html = response.content.decode()
    assert escape(REVOKED.format(name="Risk register sync")) in html
    assert "Revoked by its owner." in html
    assert ApiToken.objects.get().revoked_at is not None


def test_a_session_ended_by_a_change_of_credentials_says_why(client, architect_user):
    client.force_login(architect_user)
    assert client.get("/").status_code == 200
    architect_user.groups.remove(Group.objects.get(name="architect"))
    response = client.get("/assessments/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=%2Fassessments%2F&ended=credentials"
    page = client.get(response.url).content.decode()
    assert CREDENTIALS_CHANGED in page
    assert "ended=<script>" not in client.get("/accounts/login/?ended=<script>").content.decode()
