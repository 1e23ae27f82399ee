"""A facilitator sets up two-factor authentication in the browser, then signs in with it."""

from base64 import b32decode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from hub.core.tests.browser.axe import assert_no_axe_violations
from hub.core.tests.browser.pages import (
    AccountPage,
    HubPage,
    SignInPage,
    TwoFactorCodePage,
    authenticator_code,
)
from hub.demo.services import DEMO_PASSWORD

FACILITATOR = "facilitator@example.org"


@pytest.mark.browser
def test_a_facilitator_sets_up_an_authenticator_and_signs_in_with_its_code(hub_page):
    TOTPDevice.objects.filter(user__email=FACILITATOR).delete()  # a facilitator new to it

    SignInPage(hub_page).goto().sign_in(FACILITATOR, DEMO_PASSWORD)
    set_up = HubPage(hub_page)
    expect(set_up.heading).to_have_text("Set up two-factor authentication")
    expect(hub_page.get_by_role("img", name="QR code")).to_be_visible()
    assert_no_axe_violations(hub_page)

    # Typing the key into an app instead of scanning: read it as a person would.
    hub_page.get_by_text("I cannot scan the QR code").click()
    secret = hub_page.get_by_test_id("authenticator-secret").inner_text()
    key_hex = b32decode(secret.replace(" ", "")).hex()
    code_field = hub_page.get_by_label("Code from your authenticator app")
    code_field.fill("123")
    set_up.submit(hub_page.get_by_role("button", name="Continue"))
    expect(hub_page.locator(".govuk-error-summary")).to_contain_text("Enter the code as 6 digits")
    assert_no_axe_violations(hub_page)
    code_field.fill(authenticator_code(key_hex, account=FACILITATOR))
    set_up.submit(hub_page.get_by_role("button", name="Continue"))

    expect(set_up.heading).to_have_text("Your backup codes")
    expect(hub_page.get_by_test_id("backup-codes").locator("li")).to_have_count(10)
    assert_no_axe_violations(hub_page)
    set_up.submit(hub_page.get_by_role("button", name="I have saved my backup codes"))
    expect(set_up.heading).to_have_text("Your account")
    expect(hub_page.locator("#two-factor + .govuk-summary-list")).to_contain_text("On")
    AccountPage(hub_page).sign_out()

    # Signing in again: the password, then the code the app shows now.
    signin = SignInPage(hub_page).goto()
    hub_page.get_by_label("Email address").fill(FACILITATOR)
    hub_page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    signin.submit(hub_page.get_by_role("main").get_by_role("button", name="Sign in"))
    expect(signin.heading).to_have_text("Enter the code from your authenticator app")
    assert_no_axe_violations(hub_page)
    signin.submit(hub_page.get_by_role("link", name="Use a backup code instead"))
    expect(signin.heading).to_have_text("Enter a backup code")
    assert_no_axe_violations(hub_page)
    signin.submit(hub_page.get_by_role("link", name="Back"))
    TwoFactorCodePage(hub_page).enter_code(authenticator_code(key_hex, account=FACILITATOR))
    expect(signin.heading).to_have_text("Your account")


@pytest.mark.browser
def test_five_wrong_passwords_show_the_lockout_page(hub_page):
    sign_in = SignInPage(hub_page)
    for _ in range(5):
        sign_in.goto().sign_in("councillor@example.org", "not-the-password-at-all")
    expect(sign_in.heading).to_have_text("You cannot sign in for 15 minutes")
    expect(hub_page.locator("main")).to_contain_text("15 minutes")
    assert_no_axe_violations(hub_page)
    # Even the right password is refused until the lockout ends.
    sign_in.goto().sign_in("councillor@example.org", DEMO_PASSWORD)
    expect(hub_page.locator("main")).to_contain_text("15 minutes")
