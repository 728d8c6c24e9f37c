"""The council dashboard and benchmarking on screen, in a browser: axe finds nothing serious, a phone needs no
sideways scroll, JavaScript is not needed, and a red line's commentary is two clicks from the dashboard."""

import pytest

from tests.browser.axe import axe_check
from tests.browser.test_narrow_screens import PHONE, assert_fits_a_phone

pytestmark = [pytest.mark.browser]


def test_a_council_officer_reaches_a_red_lines_commentary_in_two_clicks(signed_in, live_server):
    officer = signed_in("council.officer")
    officer.get_by_role("link", name="Dashboard", exact=True).click()  # the first click: into the dashboard
    officer.wait_for_url(f"{live_server.url}/dashboards/councils/harrowfield/")
    axe_check(officer, "council dashboard")
    red = officer.locator("td.portal-scorecard__cell:has(.govuk-tag--red) a").first
    red.click()  # the second click: the line in its return
    officer.wait_for_url("**/delivery-plans/returns/*/#indicator-*")
    anchor = officer.url.split("#", 1)[1]
    assert officer.locator(f"#{anchor}").get_by_text("Red", exact=True).count() >= 1


def test_the_filters_work_with_javascript_off(browser, live_server, plans_demo):
    from organisations.demo import DEMO_PASSWORD

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "council.officer")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.goto(f"{live_server.url}/dashboards/councils/harrowfield/")
    page.select_option("#id_theme", "Repairs")
    page.get_by_role("button", name="Apply filters").click()
    assert "theme=Repairs" in page.url
    assert page.locator(".portal-scorecard tbody tr").count() >= 1
    assert page.locator("svg.portal-sparkline").count() >= 1
    context.close()


def test_the_dashboard_and_the_comparison_fit_a_phone(signed_in, live_server):
    officer = signed_in("council.officer", viewport=PHONE)
    assert_fits_a_phone(officer, f"{live_server.url}/dashboards/councils/harrowfield/")
    assert_fits_a_phone(officer, f"{live_server.url}/benchmarking/compare/")


def test_benchmarking_on_screen_passes_axe(signed_in, live_server):
    officer = signed_in("council.officer")
    officer.goto(f"{live_server.url}/benchmarking/compare/")
    axe_check(officer, "benchmarking on screen")
    assert officer.locator("svg.portal-chart").count() >= 1
