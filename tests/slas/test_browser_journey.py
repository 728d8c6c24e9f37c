"""SLAs as people use them, in Chromium, scanned with axe: a red IT quarter, the legal charge against a market test,
a dispute moved to resolved by the council, and the reminders before the review date."""

import datetime as dt
import re

import pytest

from organisations.demo import DEMO_PASSWORD
from tests.browser.axe import axe_check

pytestmark = [pytest.mark.browser]


@pytest.fixture
def person(browser, live_server, demo_data):
    """person(username): a signed-in page of that demo user's own, in a browser context of its own."""
    from slas import demo

    demo.load()
    contexts = []

    def _person(username):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(15_000)
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


def open_sla(page, live_server, title):
    page.goto(f"{live_server.url}/slas/")
    page.get_by_role("row", name=re.compile(title)).get_by_role("link", name=title).click()
    page.get_by_role("heading", name=re.compile(title)).first.wait_for()


def test_an_sla_quarter_a_market_test_and_a_dispute(person, live_server):
    staff = person("north.staff")
    axe_check(staff, "home with the SLA panel")
    staff.goto(f"{live_server.url}/slas/")
    axe_check(staff, "SLA register")

    record_a_red_quarter(staff, live_server)
    compare_with_a_market_test(staff, live_server)
    dispute_url = raise_a_dispute(staff)
    officer = person("council.officer")
    resolve_the_dispute(officer, dispute_url)

    # The daily reminders: the IT SLA's review date (15 January 2027) is 7 days away on 8 January.
    from reporting.notices import send_reminders

    assert send_reminders(dt.date(2027, 1, 8)) > 0
    officer.goto(f"{live_server.url}/")
    officer.get_by_role("link", name=re.compile("Notifications")).click()
    review = re.compile("The review of the IT services SLA with Harrowfield North Homes is due in 7 days")
    officer.get_by_text(review).wait_for()
    axe_check(officer, "notifications")


def record_a_red_quarter(staff, live_server):
    """A quarter's performance against the IT SLA, one standard red: refused without commentary, then saved."""
    open_sla(staff, live_server, "IT services")
    axe_check(staff, "IT SLA")
    staff.get_by_role("link", name="Record a quarter's performance").click()
    staff.get_by_label("Financial year").select_option(label="2026/27")
    staff.get_by_label("Quarter").select_option(label="Q3 (October to December)")
    staff.get_by_label("Result for Incidents fixed within 8 working hours").fill("81")
    staff.get_by_role("button", name="Save the quarter's performance").click()
    staff.locator(".govuk-error-summary").wait_for()
    assert "is red: say what happened" in staff.locator(".govuk-error-summary").inner_text()
    axe_check(staff, "performance with errors")
    staff.get_by_label("What happened (Incidents fixed within 8 working hours)").fill("Fixes took longer.")
    staff.get_by_label("Why it happened (Incidents fixed within 8 working hours)").fill("Two engineers left.")
    staff.get_by_label("What is being done (Incidents fixed within 8 working hours)").fill("Agency engineers.")
    staff.get_by_role("button", name="Save the quarter's performance").click()
    staff.get_by_text("Performance for Q3 2026/27 is saved. 1 red: the other side has been told.").wait_for()


def compare_with_a_market_test(staff, live_server):
    """The legal SLA's charge against a new market-test quote in euros: refused without the rate, then flagged."""
    open_sla(staff, live_server, "Legal services")
    staff.get_by_role("link", name="Add a benchmark").click()
    axe_check(staff, "benchmark form")
    staff.get_by_label("Market-test quote").check()
    staff.get_by_label("Source").fill("Ashworth Solicitors")
    staff.get_by_label("Financial year it is priced at").select_option(label="2024/25")
    staff.get_by_label("Amount", exact=True).fill("120000")
    staff.get_by_label("A total for a year").check()
    staff.get_by_label("Currency", exact=True).fill("EUR")
    staff.get_by_role("button", name="Add the benchmark").click()
    summary = staff.locator(".govuk-error-summary")
    summary.wait_for()
    assert "This benchmark is in EUR" in summary.inner_text()
    staff.get_by_label("Pounds for one unit of the currency").fill("0.85")
    staff.get_by_role("button", name="Add the benchmark").click()
    staff.get_by_text("The benchmark is added.").wait_for()
    assert "more than the 10% margin" in staff.content()
    axe_check(staff, "legal SLA with benchmarks")


def raise_a_dispute(staff) -> str:
    staff.get_by_role("link", name="Raise a dispute").click()
    staff.get_by_label("Title").fill("Hourly rate above the market")
    staff.get_by_label("What is disputed, and what do you want to happen?").fill("Charge at the market rate.")
    staff.get_by_role("button", name="Raise the dispute").click()
    staff.get_by_text("The dispute is raised. The other side has been told.").wait_for()
    return staff.url


def resolve_the_dispute(officer, dispute_url):
    """A council officer moves the dispute through discussion and escalation to resolved."""
    officer.goto(dispute_url)
    axe_check(officer, "dispute")
    for stage, note in (("In discussion", "Meeting booked."), ("Escalated to chief officers", "No agreement.")):
        officer.get_by_label(stage).check()
        officer.get_by_label("What was discussed or decided").fill(note)
        officer.get_by_role("button", name="Move the dispute on").click()
        officer.get_by_text(re.compile("The dispute is now")).wait_for()
    officer.get_by_label("Resolved").check()
    officer.get_by_label("What was discussed or decided").fill("A lower rate from April.")
    officer.get_by_label("Outcome").select_option(label="Compromise agreed")
    officer.get_by_role("button", name="Move the dispute on").click()
    officer.get_by_text("The dispute is now resolved. The other side has been told.").wait_for()
    axe_check(officer, "resolved dispute")
