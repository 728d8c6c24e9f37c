"""A review of an ALMO's future as people live it, in Chromium: the council sets it up and the portal insists on a
ballot; letters are printed; tenants vote with JavaScript off; the overseer closes, verifies and publishes."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.axe import axe_check
from tests.browser.fixtures import TIMEOUT_MS, VIEWPORT

pytestmark = [pytest.mark.browser]
REGISTER = (
    "tenancy reference,name,address,postcode,tenure,area\n"
    "HC-1,Amina Begum,1 Mill Lane,HF1 1AB,secure,Eastfield\n"
    "HC-2,Brian Dawson,2 Mill Lane,HF1 1AB,leasehold,Lowmoor\n"
    "HC-3,Carol Egan,3 Mill Lane,HF1 1AB,secure,Eastfield\n"
)


@pytest.fixture
def overseer(demo_data):
    from consultations.demo import _overseer
    from organisations.models import Council

    return _overseer(Council.objects.get(slug="harrowfield")).user


def set_up_review(page, base):
    page.goto(f"{base}/consultations/almos/harrowfield-central-homes/founding/")
    page.get_by_label("A ballot of tenants").check()
    page.get_by_role("button", name="Save").click()
    page.goto(f"{base}/consultations/new/")
    axe_check(page, "start a consultation")
    page.get_by_label("Harrowfield Central Homes").check()
    page.get_by_label("Subject").fill("The future of Harrowfield Central Homes")
    page.get_by_label("Aims and objectives").fill("Decide who manages the homes from 2028.")
    page.get_by_label("How the options will be shortlisted and decided").fill("The ballot result.")
    page.get_by_label("Full survey of tenants").check()
    page.get_by_label("External organisation overseeing the process").fill("Pennine Independent Ballots")
    page.get_by_role("button", name="Save the consultation").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    assert "must also use a ballot" in summary.inner_text()
    axe_check(page, "the ballot rule")
    page.get_by_label("Ballot", exact=True).check()
    page.get_by_role("button", name="Save the consultation").click()
    page.get_by_role("heading", name="The future of Harrowfield Central Homes").wait_for()
    for title in ("Keep the ALMO", "Bring management back to the council"):
        page.get_by_role("link", name="Add an option").click()
        page.get_by_label("Title").fill(title)
        for label in ("Summary", "Advantages", "Disadvantages", "Impact on residents"):
            page.get_by_label(label, exact=True).fill(f"{label} of {title}")
        page.get_by_role("button", name="Save").click()
    axe_check(page, "consultation overview")


def set_up_ballot(page, base) -> list[str]:
    page.get_by_role("button", name="Set up the ballot").click()
    page.get_by_label("Voting opens").fill("2027-01-19")
    page.get_by_label("Last day of voting").fill("2027-02-10")
    page.get_by_label(re.compile("Ruth Adebayo")).check()
    axe_check(page, "set up the ballot")
    page.get_by_role("button", name="Save the ballot").click()
    page.get_by_role("link", name="import tenancies").click()
    page.get_by_label("Upload the register of eligible tenancies").set_input_files(
        files=[{"name": "register.csv", "mimeType": "text/csv", "buffer": REGISTER.encode()}]
    )
    page.get_by_role("button", name="Import the register").click()
    # The letters are made by a task: wait for the page the button leads to before reloading it for the batch.
    with page.expect_navigation():
        page.get_by_role("button", name="Make letters for tenancies without a code").click()
    page.reload()
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Download once")).click()
    pdf = PdfReader(io.BytesIO(open(download.value.path(), "rb").read()))  # noqa: SIM115
    text = "\n".join(p.extract_text() for p in pdf.pages)
    codes = re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text)
    assert len(codes) == 3
    page.goto(page.url)
    axe_check(page, "ballot page")
    page.get_by_role("button", name="Open the ballot").click()
    page.get_by_text("The ballot is open").wait_for()
    return codes


def vote_without_javascript(browser, voting_url, codes) -> str:
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    context.set_default_timeout(TIMEOUT_MS)
    tenant = context.new_page()
    receipt = ""
    choices = ["Keep the ALMO", "Keep the ALMO", "Bring management back to the council"]
    for code, option in zip(codes, choices, strict=True):
        tenant.goto(voting_url)
        tenant.get_by_label("Your voting code").fill(code.lower())
        tenant.get_by_label(option).check()
        tenant.get_by_role("button", name="Cast my vote").click()
        tenant.get_by_role("heading", name="Your vote has been counted").wait_for()
        receipt = tenant.locator(".govuk-panel__body strong").inner_text()
    tenant.goto(voting_url)
    tenant.get_by_label("Your voting code").fill(codes[0])
    tenant.get_by_label("Keep the ALMO").check()
    tenant.get_by_role("button", name="Cast my vote").click()
    assert "This code cannot be used" in tenant.locator(".govuk-error-summary").inner_text()
    context.close()
    return receipt


def test_a_review_from_set_up_to_published_result(browser, page, sign_in, live_server, overseer, settings):
    base = live_server.url
    officer = sign_in("council.officer")
    set_up_review(officer, base)
    codes = set_up_ballot(officer, base)
    voting_url = officer.locator('a[href*="/consultations/vote/"]').get_attribute("href")
    officer.goto(f"{base}{voting_url}")
    axe_check(officer, "public voting page")
    receipt = vote_without_javascript(browser, f"{base}{voting_url}", codes)

    settings.PORTAL_TODAY = "2027-02-11"
    from organisations.demo import DEMO_PASSWORD

    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    person = context.new_page()
    person.goto(f"{base}/sign-in/")
    person.fill("#id_username", "ballot.overseer")
    person.fill("#id_password", DEMO_PASSWORD)
    person.get_by_role("button", name="Sign in", exact=True).click()
    person.goto(f"{base}/consultations/")
    person.get_by_role("link", name=re.compile("Being set up|Open for voting")).first.click()
    person.get_by_role("button", name="Close the ballot").click()
    person.get_by_role("button", name="Verify the chain and recount").click()
    person.get_by_text("The chain of 3 votes is intact").first.wait_for()
    axe_check(person, "sealed result for the overseer")
    person.get_by_role("button", name="Publish the result").click()
    person.get_by_role("link", name="The published result and every voter's receipt").click()
    assert receipt in person.content()
    axe_check(person, "published result")
    context.close()
