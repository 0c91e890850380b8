from django_otp.oath import totp
from playwright.sync_api import expect

from core.totp import totp_setup_begin, totp_setup_confirm
from tests.e2e.conftest import login
from tests.factories import TEST_PASSWORD


def test_an_architect_with_an_authenticator_app_signs_in_with_its_code(page, architect_user):
    device = totp_setup_begin(actor=architect_user, ip="192.0.2.1")
    device = totp_setup_confirm(
        actor=architect_user, code=f"{totp(device.bin_key):06d}", ip="192.0.2.1"
    ).device
    login(page, architect_user.username, TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()
    page.goto("/vendors/")  # nothing else opens before the code
    expect(page.get_by_role("heading", name="Enter your code")).to_be_visible()

    page.get_by_label("Code from your authenticator app").fill(
        f"{totp(device.bin_key, drift=1):06d}"
    )
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url("/vendors/")
    expect(page.get_by_role("link", name="Account security")).to_be_visible()


def test_an_architect_without_their_phone_signs_in_with_a_recovery_code(page, architect_user):
    device = totp_setup_begin(actor=architect_user, ip="192.0.2.1")
    codes = totp_setup_confirm(
        actor=architect_user, code=f"{totp(device.bin_key):06d}", ip="192.0.2.1"
    ).recovery_codes
    login(page, architect_user.username, TEST_PASSWORD)
    page.get_by_role("link", name="Use a recovery code instead").click()
    expect(page.get_by_role("heading", name="Enter a recovery code")).to_be_visible()

    page.get_by_label("Recovery code").fill(codes[0].upper())
    page.get_by_role("button", name="Verify").click()
    expect(page).to_have_url("/")
    expect(page.get_by_text("You signed in with a recovery code")).to_be_visible()
