"""The quarter as people live it, in Chromium: fill in, query, answer, accept; amend by joint agreement; report."""

import re

import pytest

from tests.browser.axe import axe_check

pytestmark = [pytest.mark.browser]


@pytest.fixture
def person(signed_in):
    """person(username): a signed-in page of that demo user's own, in a separate browser context."""
    return signed_in


def open_plan(page, live_server, almo_name):
    page.goto(f"{live_server.url}/delivery-plans/")
    axe_check(page, "delivery plans")
    page.get_by_role("row", name=re.compile(almo_name)).get_by_role("link").first.click()
    page.get_by_role("heading", name="Delivery Plan 2024 to 2027").wait_for()


def test_a_quarter_from_figures_to_acceptance(person, live_server):
    from delivery_plans.models import Return

    staff = person("north.staff")
    open_plan(staff, live_server, "Harrowfield North Homes")
    axe_check(staff, "plan overview")
    staff.get_by_label("Financial year").select_option(label="2026/27")
    staff.get_by_label("Quarter").select_option(label="Q3 (October to December)")
    staff.get_by_role("button", name="Start a return").click()
    staff.get_by_role("heading", name="Enter figures for the Q3 2026/27 return").wait_for()
    axe_check(staff, "return entry")

    # Every ratio at 55 of 100, a poor quarter: several indicators come out red or amber.
    for field in staff.locator("input[name$='-numerator']").all():
        field.fill("55")
    for field in staff.locator("input[name$='-denominator']").all():
        field.fill("100")
    for field in staff.locator("input[name$='-value']").all():
        field.fill("1")
    # Submitting goes through a check of every line first; the return is refused there without its commentary.
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_role("heading", name="Check your answers before you submit the return").wait_for()
    axe_check(staff, "check your answers")
    staff.get_by_role("button", name="Submit the return to the council").click()
    summary = staff.locator(".govuk-error-summary")
    summary.wait_for()
    assert "is red: add what happened" in summary.inner_text()
    axe_check(staff, "check your answers with errors")
    staff.get_by_role("link", name="Go back to the figures").click()

    # Commentary for each line the portal says needs it, then submit.
    for fieldset in staff.locator("fieldset").all():
        if "(needed:" in fieldset.locator(".govuk-details__summary-text").inner_text():
            fieldset.locator("textarea[name$='-what_happened']").fill("Fewer jobs finished on time.")
            fieldset.locator("textarea[name$='-why']").fill("Storm damage in October took the crews.")
            fieldset.locator("textarea[name$='-recovery_action']").fill("Weekend working until January.")
            fieldset.locator("input[name$='-expected_recovery']").fill("2027-03-31")
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_role("button", name="Submit the return to the council").click()
    staff.get_by_text("The Q3 2026/27 return is submitted to the council.").wait_for()
    return_url = staff.url
    axe_check(staff, "submitted return")

    # The council queries one indicator.
    officer = person("council.officer")
    officer.goto(f"{live_server.url}/delivery-plans/review/")
    axe_check(officer, "review queue")
    officer.get_by_role("row", name=re.compile(r"Harrowfield North Homes.*Q3 2026.27")).get_by_role("link").click()
    officer.locator("details", has_text="Query BV212").locator("summary").click()
    officer.get_by_label("Your question for the ALMO about BV212").fill("Which estates had the longest voids?")
    officer.get_by_role("button", name="Send query").first.click()
    officer.get_by_text("Your query on BV212 has been sent to the ALMO.").wait_for()
    axe_check(officer, "queried return")

    # The ALMO answers and resubmits.
    staff.goto(return_url)
    staff.get_by_label("Your answer on BV212").fill("Mostly the Moorside tower blocks.")
    staff.get_by_role("button", name="Send answer").click()
    staff.get_by_role("link", name="Check and resubmit the return").click()
    staff.get_by_role("heading", name="Check your answers before you resubmit the return").wait_for()
    staff.get_by_role("button", name="Resubmit the return").click()
    staff.get_by_text("The return is resubmitted to the council.").wait_for()

    # The council accepts; the return is locked.
    officer.goto(return_url)
    assert "Mostly the Moorside tower blocks." in officer.content()
    officer.get_by_role("button", name="Accept the return").click()
    officer.get_by_text("The Q3 2026/27 return is accepted and locked.").wait_for()
    record = Return.objects.get(plan__almo__slug="harrowfield-north-homes", year=2026, quarter=3)
    assert record.status == "accepted"
    staff.goto(return_url)
    assert staff.get_by_role("link", name="Enter figures and commentary").count() == 0
    staff.goto(f"{return_url}edit/")
    staff.get_by_text("it cannot be changed now").wait_for()


def test_an_amendment_agreed_by_both_sides_makes_the_next_version(person, live_server):
    officer = person("council.officer")
    open_plan(officer, live_server, "Harrowfield North Homes")
    officer.get_by_role("link", name="Propose an amendment").click()
    axe_check(officer, "amendment form")
    officer.get_by_label("Change a target").check()
    target = officer.get_by_label("Which target?", exact=True)
    target.select_option(value=target.locator("option", has_text="BS01 Q4 2026/27").get_attribute("value"))
    officer.get_by_label("New target").fill("99.5")
    officer.get_by_label("Why should the plan change?").fill("The gas servicing contract now covers every block.")
    officer.get_by_role("button", name="Propose the amendment").click()
    officer.get_by_text("Your amendment is proposed.").wait_for()
    amendment_url = officer.url
    assert officer.get_by_role("button", name="Agree the amendment").count() == 0, "the proposer cannot agree"

    staff = person("north.staff")
    staff.goto(amendment_url)
    axe_check(staff, "amendment decision")
    staff.get_by_label("Your reasons").fill("Agreed at the October liaison meeting.")
    staff.get_by_role("button", name="Agree the amendment").click()
    staff.get_by_text("The amendment is agreed and the plan has a new version.").wait_for()

    open_plan(staff, live_server, "Harrowfield North Homes")
    staff.get_by_role("link", name="see every version").click()
    axe_check(staff, "plan versions")
    latest = staff.locator(".govuk-summary-card").first
    text = latest.inner_text()
    assert "The gas servicing contract now covers every block." in text
    assert "Agreed at the October liaison meeting." in text
    assert "99.5" in text


def test_the_council_asks_for_the_variance_report_and_downloads_it(person, live_server):
    officer = person("council.officer")
    officer.goto(f"{live_server.url}/reports/")
    axe_check(officer, "reports")
    officer.get_by_text("Ask for the council variance report").click()
    officer.get_by_label("Financial year").first.select_option(label="2026/27")
    officer.get_by_label("Quarter").first.select_option(label="Q1 (April to June)")
    officer.get_by_role("button", name="Make the variance report").click()
    officer.get_by_role("heading", name="Council variance report").wait_for()
    officer.get_by_text("Ready", exact=True).wait_for()
    axe_check(officer, "report run")
    with officer.expect_download() as download_info:
        officer.get_by_role("link", name="Download the PDF").click()
    content = open(download_info.value.path(), "rb").read()
    assert content.startswith(b"%PDF")
