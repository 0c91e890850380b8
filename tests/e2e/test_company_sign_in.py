"""A person signs in through the test OpenID provider in a real browser: the provider's groups
give the role, a group removed at the provider takes it away at the next sign-in, and signing
out ends the provider's session too."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.roles import Role, roles_of
from sso.models import SsoIdentity
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in_through_provider(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Sign in with Test IdP").click()
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("Provider username").fill(username)
    page.get_by_role("button", name="Continue").click()


def test_architect_signs_in_with_the_provider_and_loses_the_role_with_the_group(
    page, oidc, settings
):
    settings.LOCAL_LOGIN = False
    settings.LOCAL_LOGIN_BREAK_GLASS = ["breakglass"]
    settings.SUPPORT_CONTACT = "iam-team@example.com"
    oidc.users(ada={"groups": ["sec-architects"], "amr": ["pwd", "mfa"], "given_name": "Ada"})

    _sign_in_through_provider(page, "ada")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("heading", name="Review", exact=True)).to_be_visible()
    user = SsoIdentity.objects.get(subject="sub-ada").user
    assert roles_of(get_user_model().objects.get(pk=user.pk)) == {Role.ARCHITECT}

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert len(oidc.counters()["logouts"]) == 1  # the provider's session ended too

    oidc.users(ada={"groups": ["marketing"], "amr": ["pwd", "mfa"]})
    _sign_in_through_provider(page, "ada")
    expect(page.get_by_text("none of your groups in Test IdP gives a role here")).to_be_visible()
    expect(page.get_by_role("link", name="iam-team@example.com")).to_be_visible()
    expect(page.get_by_role("heading", name="Review", exact=True)).to_have_count(0)
    assert roles_of(get_user_model().objects.get(pk=user.pk)) == frozenset()
    assert page.goto("/assessments/").status == 403


def test_a_bent_token_gets_its_page_in_the_browser(page, oidc):
    oidc.users(bea={"groups": ["sec-architects"]})
    oidc.bend_next_token(aud="someone-else")
    _sign_in_through_provider(page, "bea")
    expect(
        page.get_by_role("heading", name="The sign-in was meant for another application")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Back to the sign-in page")).to_be_visible()


def test_with_local_login_off_only_the_break_glass_admin_gets_in_with_a_password(
    page, oidc, settings
):
    settings.LOCAL_LOGIN = False
    settings.LOCAL_LOGIN_BREAK_GLASS = ["breakglass"]
    for name, role in (("breakglass", Role.ADMIN), ("archie", Role.ARCHITECT)):
        user = UserFactory(username=name, role=role)
        user.set_password("a-long-password-for-tests-1")
        user.save()
    page.goto("/accounts/login/")
    expect(page.get_by_label("Password")).to_have_count(0)
    page.get_by_role("link", name="emergency sign-in").click()
    page.get_by_label("Username").fill("archie")
    page.get_by_label("Password").fill("a-long-password-for-tests-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    page.get_by_label("Username").fill("breakglass")
    page.get_by_label("Password").fill("a-long-password-for-tests-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
