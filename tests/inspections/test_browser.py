"""Tried as a new user would, in Chromium with axe: an ALMO officer scores, attaches evidence, sees gaps and the
predicted rating, turns a gap into an action, records support from a peer ALMO; the council officer sees every
ALMO's readiness and the calendar with its warnings."""

import re

import pytest

from tests.browser.axe import axe_check

pytestmark = [pytest.mark.browser]


@pytest.fixture
def inspections_demo(demo_data):
    from inspections import demo

    demo.load()


def test_an_almo_officer_gets_ready_and_the_council_sees_it(page, sign_in, live_server, inspections_demo, tmp_path):
    from inspections.demo import pdf_bytes

    sign_in("north.staff")
    page.goto(f"{live_server.url}/inspections/")
    axe_check(page, "readiness")
    page.get_by_role("link", name="Housing Inspectorate questions for councils and their ALMOs (2002)").click()
    page.get_by_role("heading", name="Predicted rating").wait_for()
    axe_check(page, "self-assessment")

    # Evidence first, so the answer can link it.
    page.goto(f"{live_server.url}/inspections/evidence/")
    page.get_by_role("link", name="Add evidence for Harrowfield North Homes").click()
    axe_check(page, "add evidence")
    document = tmp_path / "scrutiny.pdf"
    document.write_bytes(pdf_bytes("Scrutiny report"))
    page.get_by_label("Title").fill("Tenant scrutiny report")
    page.get_by_label("Upload a file").set_input_files(str(document))
    page.get_by_role("button", name="Upload the evidence").click()
    page.get_by_role("heading", name="Tenant scrutiny report").wait_for()
    axe_check(page, "evidence")

    # Score a gap, linking the evidence.
    page.goto(f"{live_server.url}/inspections/")
    page.get_by_role("link", name="Housing Inspectorate questions for councils and their ALMOs (2002)").click()
    page.locator("#gaps ~ div table a", has_text="UI").first.click()
    axe_check(page, "score a question")
    page.get_by_label("1: poor").check()
    page.get_by_label("Owner").fill("Lorna McKay")
    page.get_by_label("Date last reviewed").fill("2026-11-20")
    page.get_by_label("Tenant scrutiny report").check()
    page.get_by_role("button", name="Save the answer").click()
    page.get_by_text("Your answer to").wait_for()
    assert "How the prediction is worked out" in page.content()

    # Turn the gap into an improvement action.
    page.get_by_role("link", name=re.compile("Make an improvement action")).first.click()
    axe_check(page, "action from a gap")
    page.get_by_role("button", name="Add the action").click()
    page.get_by_text("is in the improvement plan").wait_for()
    axe_check(page, "improvement action")

    # Support from a peer ALMO.
    page.goto(f"{live_server.url}/inspections/support/")
    page.get_by_role("link", name="Record support").click()
    axe_check(page, "record support")
    page.get_by_label("Source of support").select_option(label="National Federation of ALMOs and other ALMOs")
    page.get_by_label("Type of support").select_option(label="Peer review")
    page.get_by_label("Provider").fill("Kelworth Homes")
    page.get_by_role("button", name="Record the support").click()
    page.get_by_text("Peer review from Kelworth Homes").wait_for()
    axe_check(page, "support")


def test_the_council_officer_sees_every_almos_readiness_and_the_calendar(page, sign_in, live_server, inspections_demo):
    sign_in("council.officer")
    page.goto(f"{live_server.url}/inspections/")
    for name in ("Harrowfield North Homes", "Harrowfield Central Homes", "Harrowfield South Homes"):
        page.get_by_role("heading", name=name).wait_for()
    assert "under six months after" in page.content()
    axe_check(page, "council readiness")
    page.get_by_role("link", name="Regulatory calendar").first.click()
    page.locator("#overlaps").wait_for()
    axe_check(page, "calendar")
    page.get_by_role("link", name="Subscribe in your calendar app").click()
    page.get_by_role("button", name="Make a calendar address").click()
    page.get_by_label("Calendar address").wait_for()
    axe_check(page, "calendar feed")
    page.goto(f"{live_server.url}/inspections/inspections/")
    axe_check(page, "inspections")
    page.get_by_role("link", name="Mock landlord services inspection").click()
    axe_check(page, "inspection")
