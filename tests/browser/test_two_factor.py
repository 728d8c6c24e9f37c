"""Two-factor sign-in in a real browser, as required in production: set up at the first sign-in, sign in again
with a code; every page accessible (axe-core) and within the Content-Security-Policy."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from organisations.demo import DEMO_PASSWORD
from tests.browser.axe import axe_check
from tests.browser.test_content_security_policy import RECORD_VIOLATIONS

pytestmark = [pytest.mark.browser, pytest.mark.two_factor]


def code(key: bytes, steps_ahead: int = 0) -> str:
    """What the person's authenticator app shows now (or that many 30-second periods on)."""
    return f"{totp(key, drift=steps_ahead):06d}"


def no_csp_violations(page, where: str):
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__cspViolations") == [], where


def sign_in_with_password(page, base: str, username: str):
    response = page.goto(f"{base}/sign-in/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()


def test_set_up_at_the_first_sign_in_then_sign_in_with_a_code(page, live_server, demo_data):
    base = live_server.url
    page.add_init_script(RECORD_VIOLATIONS)

    sign_in_with_password(page, base, "north.staff")
    page.wait_for_url(f"{base}/account/two-factor/set-up/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-factor sign-in")
    expect(page.get_by_role("img", name="QR code to scan with your authenticator app")).to_be_visible()
    no_csp_violations(page, "set-up page")
    axe_check(page, "two-factor set-up page")

    # Nothing else opens before set-up is finished.
    page.goto(f"{base}/almos/")
    page.wait_for_url(f"{base}/account/two-factor/set-up/")

    secret = page.locator("#two-factor-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))

    page.fill("#id_code", "12345")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the code as 6 digits")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_code")
    assert page.title().startswith("Error: ")
    no_csp_violations(page, "set-up page with an error")
    axe_check(page, "two-factor set-up page with an error")

    page.fill("#id_code", code(key))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Two-factor sign-in is set up")).to_be_visible()
    recovery_codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(recovery_codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", c) for c in recovery_codes)
    no_csp_violations(page, "recovery codes page")
    axe_check(page, "recovery codes page")
    page.get_by_role("link", name="I have saved my recovery codes").click()
    page.wait_for_url(f"{base}/")

    page.get_by_role("button", name="Sign out").click()
    sign_in_with_password(page, base, "north.staff")
    page.wait_for_url(f"{base}/sign-in/code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your security code")
    no_csp_violations(page, "code page")
    axe_check(page, "two-factor code page")

    # A later code than the one set-up used: each code signs in once.
    page.fill("#id_code", code(key, steps_ahead=1))
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{base}/")
    page.get_by_role("button", name="Sign out").wait_for()

    page.get_by_role("link", name="Two-factor sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-factor sign-in")
    expect(page.locator(".govuk-summary-list")).to_contain_text("On")
    no_csp_violations(page, "account page")
    axe_check(page, "two-factor account page")
