"""An idle session warns before it ends, can be kept going, and ends on the sign-in page with the reason."""

from datetime import timedelta

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def short_idle_limit(settings):
    settings.SESSION_IDLE_TIMEOUT = timedelta(seconds=6)
    settings.SESSION_IDLE_WARNING = timedelta(seconds=4)


def test_the_idle_warning_appears_keeps_the_session_and_then_it_ends(short_idle_limit, sign_in, live_server):
    page = sign_in("north.staff")
    warning = page.get_by_role("alert").filter(has_text="You will be signed out in")
    warning.wait_for(timeout=5_000)
    page.get_by_role("button", name="Stay signed in").click()
    warning.wait_for(state="hidden")
    # Left alone again, the warning comes back and then the session ends on the sign-in page.
    warning.wait_for(timeout=5_000)
    page.get_by_text("You were signed out after").wait_for(timeout=10_000)
    assert page.url.startswith(f"{live_server.url}/sign-in/")
