from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD


def test_anonymous_visitor_is_sent_to_login_and_can_sign_in(page, procurement_user):
    page.goto("/")
    expect(page).to_have_url("/accounts/login/?next=/")
    login(page, procurement_user.username, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    expect(page.get_by_text("pat · procurement")).to_be_visible()


def test_wrong_password_shows_a_clear_error(page, procurement_user):
    login(page, procurement_user.username, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text(
        "Please enter a correct username and password"
    )
