"""Browser tests: Debian's Chromium driven by Playwright's sync API against pytest-django's live server.

One Chromium for the whole session, for every app's tests: `tests/conftest.py` imports these fixtures once, so
no app may define or import them again (a second session browser would start Playwright inside the first one's
asyncio loop, which Playwright refuses); each test gets a fresh context (no shared cookies) and page.

Playwright's sync API leaves an asyncio loop marked as running in the main thread between calls,
so Django refuses database work there ("You cannot call this from an async context"): loading
the demo data, and pytest-django's flush after each test. The `browser` fixture therefore sets
DJANGO_ALLOW_ASYNC_UNSAFE for as long as Playwright runs, and puts it back afterwards. It is set
only when a browser test runs, never on import.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from organisations.demo import DEMO_PASSWORD
from tests.browser.axe import axe_check  # noqa: F401  (re-exported for the tests)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM}: install the `chromium` package "
            "(apt-get install chromium). Playwright's own browser download is not used.",
            pytrace=False,
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def demo_data(transactional_db, live_server):
    """The fictional demo organisations and users, committed so the live server's thread sees them."""
    from organisations import demo

    return demo.load()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def sign_in(page, live_server, demo_data):
    """sign_in(username): sign in through the form as a demo user and land on the home page."""

    def _sign_in(username: str):
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{live_server.url}/")
        # The header only offers "Sign out" to a signed-in user.
        page.get_by_role("button", name="Sign out").wait_for()
        return page

    return _sign_in


@pytest.fixture
def plans_demo(demo_data):
    """The demo with its Delivery Plans, returns, amendments and concerns."""
    from delivery_plans import demo
    from delivery_plans.library import load_library
    from delivery_plans.models import Indicator

    load_library(Indicator)  # a transactional test database starts without the migration's rows
    demo.load()


@pytest.fixture
def signed_in(browser, live_server, plans_demo):
    """signed_in(username, viewport=VIEWPORT): a page of that demo user's own, in a browser context of its own."""
    contexts = []

    def _signed_in(username, viewport=VIEWPORT):
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _signed_in
    for context in contexts:
        context.close()
