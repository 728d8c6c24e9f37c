"""A new user's survey in Chromium, scanned with axe: set it up, import responses, see the shortfall, agree it."""

import re

import pytest

from organisations.demo import DEMO_PASSWORD
from tests.browser.axe import axe_check
from tests.tenants.conftest import respondent, response_file

pytestmark = [pytest.mark.browser]


@pytest.fixture
def tenants_demo(demo_data):
    from tenants import demo

    demo.load()


def _sign_in(browser, live_server, username):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(f"{live_server.url}/sign-in/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def test_an_almo_officer_imports_a_years_survey_and_the_council_agrees_it(browser, live_server, tenants_demo):
    staff = _sign_in(browser, live_server, "ashby.staff")
    axe_check(staff, "home with the tenant voice panel")
    staff.get_by_role("link", name="Tenant voice").first.click()
    staff.get_by_role("heading", name="Tenant surveys").wait_for()
    axe_check(staff, "survey list")
    staff.get_by_role("link", name="Set up a survey").click()
    staff.get_by_label("Financial year").fill("2027")
    staff.get_by_label("Low-cost rental accommodation (LCRA)").check()
    staff.get_by_label("Online").check()
    staff.get_by_label("Fieldwork started").fill("1/9/2027")
    staff.get_by_label("Fieldwork ended").fill("31/8/2027")
    staff.get_by_label("Households in the tenure").fill("2150")
    staff.get_by_role("button", name="Set up the survey").click()
    staff.locator(".govuk-error-summary").wait_for()
    axe_check(staff, "survey set-up with errors")
    staff.get_by_label("Fieldwork ended").fill("31/10/2027")
    staff.get_by_role("button", name="Set up the survey").click()
    staff.get_by_role("heading", name="Tenant survey 2027/28").wait_for()
    axe_check(staff, "new survey")

    # 300 responses: overall satisfaction 2 (fairly satisfied) from 240 and 4 from 60, so 80.0%.
    rows = [respondent(n, answer="2" if n <= 240 else "4") for n in range(1, 301)]
    staff.get_by_role("link", name="Import the responses from a file").click()
    axe_check(staff, "import")
    staff.get_by_label("Upload the responses").set_input_files(
        files=[{"name": "responses.csv", "mimeType": "text/csv", "buffer": response_file(rows)}]
    )
    staff.get_by_role("button", name="Import the responses").click()
    staff.get_by_text("Imported 300 responses").wait_for()
    assert "Does not meet the required precision" in staff.content()
    assert "26 more responses are needed (326 in all)" in staff.content()
    row = staff.get_by_role("row", name=re.compile("TP01 Overall satisfaction"))
    assert "240" in row.inner_text() and "80.0%" in row.inner_text()
    axe_check(staff, "survey results")

    # Short of the required precision: the reason must be given before agreeing.
    staff.get_by_role("button", name="Agree these results for the ALMO").click()
    assert "say why" in staff.locator(".govuk-notification-banner").inner_text()
    staff.get_by_role("link", name="Change the survey's details").click()
    staff.get_by_label("Reasons for missing the required sample size").fill("The online panel closed early.")
    staff.get_by_role("button", name="Save the details").click()
    staff.get_by_role("button", name="Agree these results for the ALMO").click()
    staff.get_by_text("The other side has been asked to agree them").wait_for()

    officer = _sign_in(browser, live_server, "ashby.officer")
    officer.goto(f"{live_server.url}/tenants/surveys/")
    officer.get_by_role("link", name=re.compile("2027.28")).first.click()
    officer.get_by_role("button", name="Agree these results for the council").click()
    officer.get_by_text("They are final and feed the Delivery Plan").wait_for()
    axe_check(officer, "agreed survey")
