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


@pytest.fixture
def whole_demo(plans_demo):
    """Every app's demo records, so each domain's panel has something to show."""
    from agreements.ladder import load_ladder
    from agreements.models import InterventionStage, StageDeadline
    from core import registries
    from hra.categories import load_categories
    from hra.models import LineCategory
    from inspections.framework_data import load_frameworks
    from inspections.models import Area, Framework, Question

    # A browser test's database is emptied between tests, the migrations' reference rows too.
    load_ladder(InterventionStage, StageDeadline)
    load_categories(LineCategory)
    load_frameworks(Framework, Area, Question)
    for loader in registries.demo_loaders:
        loader.load()


def test_almo_staff_land_on_their_dashboard_and_reach_their_to_do_list(signed_in, live_server, whole_demo):
    staff = signed_in("north.staff")
    staff.get_by_role("link", name="Dashboard", exact=True).click()
    staff.wait_for_url(f"{live_server.url}/dashboards/almos/harrowfield-north-homes/")
    axe_check(staff, "ALMO dashboard")
    to_do = staff.locator("#to-do + .portal-table-wrapper tbody tr")
    assert to_do.count() >= 1
    first = to_do.first.locator("a")
    target = first.get_attribute("href")
    first.click()
    staff.wait_for_url(f"{live_server.url}{target}")
    # An observer reads the ALMO they are granted, with nothing for them to do.
    observer = signed_in("observer")
    observer.get_by_role("link", name="Dashboard", exact=True).click()
    observer.wait_for_url(f"{live_server.url}/dashboards/almos/kelworth-homes/")
    axe_check(observer, "ALMO dashboard, as an observer")
    assert observer.get_by_text("Nothing is waiting for you.").count() == 1


def test_a_board_member_reads_the_board_dashboard_on_a_phone_without_javascript(
    browser, signed_in, live_server, whole_demo
):
    from organisations.demo import DEMO_PASSWORD

    member = signed_in("board.member")
    member.get_by_role("link", name="Dashboard", exact=True).click()
    member.wait_for_url(f"{live_server.url}/dashboards/almos/harrowfield-north-homes/board/")
    axe_check(member, "board dashboard")
    assert member.get_by_role("heading", name="What the board is asked to note").count() == 1
    assert member.locator("svg.portal-chart").count() >= 1
    assert member.get_by_role("heading", name="The latest board pack").count() == 1

    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", "board.member")
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    assert_fits_a_phone(page, f"{live_server.url}/dashboards/almos/harrowfield-north-homes/")
    assert_fits_a_phone(page, f"{live_server.url}/dashboards/almos/harrowfield-north-homes/board/")
    # The figures are there as text for anyone who cannot see the charts.
    page.get_by_text("The figures as a table").first.click()
    assert page.locator(".portal-board-line table").first.is_visible()
    context.close()
