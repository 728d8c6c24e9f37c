"""The relationship's own machinery as people use it, in Chromium: agree the agreement, meet, minute, escalate."""

import re

import pytest

from tests.browser.axe import axe_check

pytestmark = [pytest.mark.browser]


def fill_agreement(page):
    page.locator("#id_almo").select_option(label="Harrowfield North Homes")
    page.get_by_label("Title", exact=True).fill("Management agreement 2024 to 2029")
    page.get_by_label("Term starts").fill("2024-04-01")
    page.get_by_label("Initial term ends").fill("2029-03-31")
    page.get_by_label("Break date").fill("2027-03-31")
    page.get_by_label("Annual management fee (£)").fill("12980000")
    page.get_by_label("CPI plus a set percentage").check()
    page.get_by_label("Indexation percentage").fill("0.5")


def test_agree_meet_minute_and_escalate(signed_in, live_server):
    officer = signed_in("council.officer")
    officer.goto(f"{live_server.url}/agreements/")
    officer.get_by_role("link", name="Record a management agreement").click()
    axe_check(officer, "agreement form")
    fill_agreement(officer)
    officer.get_by_label("Break date").fill("2030-01-01")
    officer.get_by_role("button", name="Save the draft").click()
    assert "Break date must be within the term" in officer.locator(".govuk-error-summary").inner_text()
    officer.get_by_label("Break date").fill("2027-03-31")
    officer.get_by_role("button", name="Save the draft").click()
    officer.get_by_role("link", name="Add a delegated function").click()
    officer.get_by_label("Function", exact=True).fill("Disposal of land and buildings")
    officer.get_by_label("Shared: both must agree").check()
    officer.get_by_label("Limit", exact=True).fill("250000")
    officer.get_by_label("Unit of the limit").select_option(label="£ for each decision")
    officer.get_by_label("Decision maker").select_option(label="ALMO board")
    officer.get_by_role("button", name="Save the delegated function").click()
    officer.get_by_text("Up to £250,000 each").wait_for()
    officer.get_by_role("button", name="Agree this version").click()
    officer.get_by_text("Your agreement is recorded. The other party must agree it too.").wait_for()
    axe_check(officer, "agreement waiting for the ALMO")
    agreement_url = officer.url

    staff = signed_in("north.staff")
    staff.goto(agreement_url)
    staff.get_by_role("button", name="Agree this version").click()
    staff.get_by_text("Both parties have agreed. This version is now in force.").wait_for()

    # A meeting last week with an action, then next month's meeting opens with it and the red indicators.
    officer.goto(f"{live_server.url}/agreements/meetings/")
    officer.get_by_text("Set up a meeting", exact=True).click()
    officer.get_by_role("link", name="Set up a meeting with Harrowfield North Homes").click()
    officer.get_by_label("Officer liaison meeting").check()
    officer.get_by_label("Name", exact=True).fill("Officer liaison meeting")
    officer.get_by_label("Frequency").select_option(label="Monthly")
    officer.get_by_label("Chair", exact=True).select_option(label="Helen Marsh")
    officer.get_by_role("button", name="Save the meeting").click()
    series_url = officer.url
    officer.get_by_role("link", name="Add a meeting date").click()
    officer.get_by_label("Date of the meeting").fill("2027-01-13")
    officer.get_by_role("button", name="Add the date and make the agenda").click()
    officer.get_by_role("link", name="Raise an action").click()
    officer.get_by_label("Action", exact=True).fill("Send the repairs recovery plan")
    officer.get_by_label("Owner", exact=True).select_option(label="Tom Akers")
    officer.get_by_label("Due date").fill("2027-01-18")
    officer.get_by_role("button", name="Raise the action").click()
    officer.get_by_role("link", name="Record the minutes").click()
    officer.get_by_label("Minutes", exact=True).fill("Repairs and voids discussed.")
    officer.get_by_role("button", name="Save the minutes").click()
    officer.get_by_text("The minutes are recorded.").wait_for()
    meeting_url = officer.url
    officer.get_by_role("button", name="Make the pack as a PDF").click()
    # The reporting app makes the pack (in the web process here) and its page offers the file.
    with officer.expect_download() as download:
        officer.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    officer.goto(meeting_url)

    officer.goto(series_url)
    officer.get_by_role("link", name="Add a meeting date").click()
    officer.get_by_label("Date of the meeting").fill("2027-02-10")
    officer.get_by_role("button", name="Add the date and make the agenda").click()
    officer.get_by_role("heading", name="Actions from earlier meetings").wait_for()
    assert "Send the repairs recovery plan" in officer.content()
    officer.get_by_role("heading", name="Red and amber indicators").wait_for()
    axe_check(officer, "meeting with its agenda")

    # The overdue action is red on the ALMO's home page.
    staff.goto(f"{live_server.url}/")
    staff.get_by_role("link", name="1 meeting action overdue").wait_for()

    # A concern escalates onto the ladder; a board member reads it but changes nothing.
    officer.goto(f"{live_server.url}/agreements/interventions/")
    officer.get_by_role("link", name="Start an intervention").click()
    officer.locator("#id_almo").select_option(label="Harrowfield North Homes")
    officer.locator("#id_about_party_2").check()  # the ALMO's failure
    officer.get_by_label("Title", exact=True).fill("Re-let times")
    officer.get_by_label("What is failing, and what is the effect?").fill("Homes empty too long.")
    officer.get_by_label("Stage to start at").select_option(label="Remedial plan")
    officer.get_by_label("Why start above the first stage?").fill("Two red quarters already.")
    officer.get_by_role("button", name="Start the intervention").click()
    officer.get_by_role("heading", name="Remedial plan").wait_for()
    axe_check(officer, "intervention")
    intervention_url = officer.url

    board = signed_in("board.member")
    board.goto(intervention_url)
    board.get_by_role("heading", name="Re-let times").wait_for()
    assert board.get_by_role("link", name="Move up the ladder").count() == 0
    assert board.get_by_role("link", name=re.compile("Record as met")).count() == 0
