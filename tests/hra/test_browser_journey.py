"""The issue's "done when", in Chromium and scanned with axe: a council officer sets a year's HRA with an ALMO's fee;
the ALMO proposes a re-profile of Decent Homes spend that the council agrees; an outturn shows red variances with
their commentary; the 31 March stock position follows from the movements; the 30-year chart shows the year the money
runs short; and another ALMO's officer gets a 404 on every one of these pages."""

import re

import pytest

from organisations.demo import DEMO_PASSWORD
from tests.browser.axe import axe_check
from tests.browser.fixtures import TIMEOUT_MS, VIEWPORT

pytestmark = [pytest.mark.browser]


@pytest.fixture
def hra_demo(transactional_db, live_server):
    from hra import demo
    from organisations import demo as organisations_demo

    organisations_demo.load()
    demo.load()


@pytest.fixture
def person(browser, live_server, hra_demo):  # noqa: F811
    """person(username): a page signed in as that demo user, in a browser context of its own."""
    contexts = []

    def _person(username):
        context = browser.new_context(viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/sign-in/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in", exact=True).click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    yield _person
    for context in contexts:
        context.close()


def _set_up_a_year(officer, live_server):
    officer.goto(f"{live_server.url}/hra/")
    axe_check(officer, "HRA front page")
    officer.get_by_role("link", name="Set up a year's HRA").click()
    officer.get_by_label("Financial year").select_option(label="2027/28")
    officer.get_by_label("Working balance at 1 April").fill("6,100,000")
    officer.get_by_label("Minimum working balance").fill("4,000,000")
    officer.get_by_label("Agreed level of General Fund recharges").fill("1,950,000")
    officer.get_by_label("Tolerance for variances").fill("2")
    officer.get_by_role("button", name="Set up the year").click()
    officer.get_by_role("heading", name="Housing Revenue Account 2027/28").wait_for()
    axe_check(officer, "a new year")
    officer.get_by_role("link", name="Add a line").click()
    officer.get_by_label("Category").select_option(label="Management fee to the ALMO")
    officer.get_by_label("Line").fill("Management fee: Harrowfield North Homes")
    officer.get_by_label("Held by").select_option(label="Harrowfield North Homes")
    officer.get_by_label("Budget").fill("-5")
    officer.get_by_role("button", name="Add the line").click()
    assert "cannot be negative" in officer.locator(".govuk-error-summary").inner_text()
    axe_check(officer, "a line with an error")
    officer.get_by_label("Budget").fill("15,200,000")
    officer.get_by_role("button", name="Add the line").click()
    officer.get_by_role("link", name="Set an ALMO's allocation").click()
    axe_check(officer, "allocation form")
    officer.get_by_label("ALMO", exact=True).select_option(label="Harrowfield North Homes")
    officer.get_by_label("Management fee").fill("15,200,000")
    officer.get_by_label("ALMO share of capital receipts").fill("20")
    officer.get_by_label("Council share of capital receipts").fill("55")
    officer.get_by_label("Pooled share of capital receipts").fill("25")
    officer.get_by_role("button", name="Save").click()
    officer.get_by_role("button", name="Agree the allocation").click()
    officer.get_by_text("Your agreement is recorded").wait_for()
    axe_check(officer, "allocation agreed by the council")
    return officer.url


def _reprofile(staff, officer, live_server):
    staff.goto(f"{live_server.url}/hra/")
    staff.get_by_role("link", name=re.compile(r"2026\/27 Decent Homes programme, Harrowfield North Homes")).click()
    axe_check(staff, "programme")
    staff.get_by_role("link", name="Propose a re-profile").click()
    q3, q4 = (
        staff.get_by_label("New profile for Q3 (October to December)"),
        staff.get_by_label("New profile for Q4 (January to March)"),
    )
    q3_value = int(q3.input_value().replace(",", "").split(".")[0])
    q4_value = int(q4.input_value().replace(",", "").split(".")[0])
    q3.fill(str(q3_value - 300000))
    q4.fill(str(q4_value + 300000))
    staff.get_by_label("Why should the profile change?").fill("Kitchen starts move into the new year.")
    staff.get_by_role("button", name="Propose the re-profile").click()
    staff.get_by_role("heading", name="Re-profile of Decent Homes spend").wait_for()
    axe_check(staff, "re-profile proposed")
    officer.goto(staff.url)
    officer.get_by_role("button", name="Agree the re-profile").click()
    officer.get_by_text("The re-profile is agreed.").wait_for()
    return staff.url


def test_the_hra_and_decent_homes_as_people_use_them(person, live_server):
    officer = person("council.officer")
    allocation_url = _set_up_a_year(officer, live_server)
    staff = person("north.staff")
    staff.goto(allocation_url)
    staff.get_by_role("button", name="Agree the allocation").click()
    staff.get_by_text("Agreed by both sides", exact=True).wait_for()
    reprofile_url = _reprofile(staff, officer, live_server)

    officer.goto(f"{live_server.url}/hra/")
    officer.get_by_role("link", name=re.compile(r"^2025\/26 HRA, Harrowfield")).click()
    figures = officer.locator("#line-table")
    assert "Red" in figures.inner_text()
    officer.get_by_role("link", name="Repairs and maintenance: Harrowfield North Homes").click()
    assert "Storm damage" in officer.locator("main").inner_text()
    axe_check(officer, "a red line with commentary")
    year_url = officer.url

    staff.goto(f"{live_server.url}/hra/")
    staff.get_by_role("link", name=re.compile(r"2025\/26 stock condition, Harrowfield North Homes")).click()
    assert staff.locator("#movements").inner_text().count("At 31 March") == 1
    axe_check(staff, "stock condition")
    stock_url = staff.url
    staff.goto(f"{live_server.url}/hra/")
    staff.get_by_role("link", name=re.compile(r"Harrowfield North Homes: Thirty-year")).click()
    assert "The money runs short in" in staff.locator("#shortfall").inner_text()
    axe_check(staff, "thirty-year plan")
    plan_url = staff.url

    stranger = person("kelworth.staff")
    for url in (allocation_url, reprofile_url, year_url, stock_url, plan_url):
        response = stranger.goto(url)
        assert response.status == 404, url
