"""The foundation pages in a real browser: accessibility (axe-core, WCAG 2.2 AA), the stylesheet and
scripts, sign-in, the organisation switcher, what each demo user can see, and the skip link."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.axe import axe_check, blocking_violations, describe

pytestmark = [pytest.mark.browser]

STYLESHEET = "/static/build/portal.css"
FRONTEND_JS = "/static/vendor/govuk-frontend/dist/govuk/govuk-frontend.min.js"
GOVUK_BLACK = "rgb(11, 12, 12)"

HARROWFIELD_ALMOS = ["Harrowfield North Homes", "Harrowfield Central Homes", "Harrowfield South Homes"]

# username: (ALMO slug and name they may see, council slug for council officers)
USER_PAGES = {
    "council.officer": ("harrowfield-central-homes", "Harrowfield Central Homes", "harrowfield"),
    "north.staff": ("harrowfield-north-homes", "Harrowfield North Homes", None),
    "board.member": ("harrowfield-north-homes", "Harrowfield North Homes", None),
    "observer": ("kelworth-homes", "Kelworth Homes", None),
    "councillor": ("harrowfield-north-homes", "Harrowfield North Homes", None),
}


def visit(page, url: str, status: int = 200):
    response = page.goto(url)
    assert response is not None, f"no response for {url}"
    assert response.status == status, f"{url} answered {response.status}, expected {status}"
    return response


def heading(page) -> str:
    return page.locator("h1").inner_text().strip()


# The harness itself ----------------------------------------------------------------------------


def test_axe_check_fails_on_an_inaccessible_page(page):
    """The scan is not a formality: a page with an unlabelled field and an image without alt text fails."""
    page.set_content(
        '<!DOCTYPE html><html lang="en"><head><title>Broken</title></head><body><main><h1>Broken</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text"></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page, "broken page")
    assert "image-alt [critical]" in str(failure.value)
    assert "label [critical]" in str(failure.value)


def test_axe_lets_through_only_the_known_govuk_conditional_reveal_attribute(page):
    """aria-expanded on a GOV.UK conditional-reveal radio is a documented GOV.UK Frontend known issue; the same
    attribute on any other radio, or another bad attribute on a GOV.UK one, still fails the scan.
    """
    radio = (
        '<input class="{cls}" id="{id}" name="k" type="radio" aria-controls="c{id}" {extra}>'
        '<label for="{id}">{id}</label>'
    )
    govuk = radio.format(cls="govuk-radios__input", id="a", extra='aria-expanded="false"')
    page.set_content(
        f'<!DOCTYPE html><html lang="en"><head><title>Radios</title></head><body><main><h1>Radios</h1>'
        f'<fieldset><legend>Pick</legend>{govuk}<div id="ca"></div></fieldset></main></body></html>'
    )
    axe_check(page, "GOV.UK conditional reveal")
    other = radio.format(cls="plain", id="b", extra='aria-expanded="false"')
    page.set_content(
        f'<!DOCTYPE html><html lang="en"><head><title>Radios</title></head><body><main><h1>Radios</h1>'
        f'<fieldset><legend>Pick</legend>{other}<div id="cb"></div></fieldset></main></body></html>'
    )
    with pytest.raises(pytest.fail.Exception) as failure:
        axe_check(page, "plain radio")
    assert "aria-allowed-attr" in str(failure.value)


def test_stylesheet_and_frontend_script_load(page, sign_in, live_server):
    static_statuses = {}
    script_errors = []
    page.on("response", lambda response: static_statuses.__setitem__(response.url, response.status))
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    sign_in("north.staff")
    visit(page, f"{live_server.url}/")
    page.wait_for_load_state("networkidle")

    assert static_statuses.get(f"{live_server.url}{STYLESHEET}") == 200, static_statuses
    assert static_statuses.get(f"{live_server.url}{FRONTEND_JS}") == 200, static_statuses
    failed = {url: status for url, status in static_statuses.items() if "/static/" in url and status >= 400}
    assert not failed, f"static files failed to load: {failed}"

    # The stylesheet is applied, not just fetched: the GOV.UK header is black.
    background = page.evaluate("getComputedStyle(document.querySelector('.govuk-header')).backgroundColor")
    assert background == GOVUK_BLACK, f"header background is {background}: is static/build/portal.css built?"
    # GOV.UK Frontend ran: the body is marked as supported and initAll() initialised the skip link.
    expect(page.locator("body")).to_have_class(re.compile(r"\bgovuk-frontend-supported\b"))
    expect(page.locator(".govuk-skip-link")).to_have_attribute("data-govuk-skip-link-init", "")
    assert not script_errors, f"script errors on the home page: {script_errors}"


# Accessibility scans ----------------------------------------------------------------------------


@pytest.mark.parametrize("username", list(USER_PAGES))
def test_signed_in_pages_have_no_serious_accessibility_violations(page, sign_in, live_server, username):
    almo_slug, almo_name, council_slug = USER_PAGES[username]
    base = live_server.url
    sign_in(username)

    pages = [
        ("/", None),
        ("/almos/", "ALMOs"),
        (f"/almos/{almo_slug}/", almo_name),
        ("/boards/", "Boards"),
        (f"/boards/{almo_slug}/", f"{almo_name} board"),
        (f"/boards/{almo_slug}/interests/", "Register of declared interests"),
    ]
    if council_slug:
        pages += [("/councils/", "Councils"), (f"/councils/{council_slug}/", None)]

    problems = []
    for path, expected_heading in pages:
        visit(page, f"{base}{path}")
        if expected_heading:
            assert heading(page).startswith(expected_heading), f"{path} shows {heading(page)!r}"
        problems += [describe([violation], path) for violation in blocking_violations(page)]

    # The history page, reached the way a person reaches it: from the ALMO's page.
    visit(page, f"{base}/almos/{almo_slug}/")
    page.get_by_role("link", name=re.compile(r"^View the history of changes")).click()
    page.wait_for_url(re.compile(r"/history/organisations/almo/\d+/$"))
    assert heading(page) == f"History of changes to {almo_name}"
    expect(page.locator("main h2").first).to_contain_text("Created")
    problems += [describe([violation], page.url.removeprefix(base)) for violation in blocking_violations(page)]

    assert not problems, f"axe found serious or critical violations for {username}:\n" + "\n".join(problems)


def test_sign_in_page_is_accessible(page, live_server):
    visit(page, f"{live_server.url}/sign-in/")
    assert heading(page) == "Sign in to ALMO Portal"
    axe_check(page)


def test_sign_in_errors_are_summarised_and_linked(page, live_server, demo_data):
    visit(page, f"{live_server.url}/sign-in/")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_load_state()

    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend moves focus to the summary
    links = summary.locator(".govuk-error-summary__list a")
    expect(links).to_have_text(["Enter your username", "Enter your password"])
    for index in range(links.count()):
        href = links.nth(index).get_attribute("href")
        assert href and href.startswith("#"), f"error link {href!r} is not a link to a field"
        field = page.locator(f"[id='{href[1:]}']")
        expect(field).to_have_count(1)
        assert field.evaluate("element => element.tagName") in {"INPUT", "SELECT", "TEXTAREA"}, href
    # Following a link puts the cursor in the field.
    links.first.click()
    expect(page.locator("#id_username")).to_be_focused()
    axe_check(page)


def test_password_reset_page_is_accessible(page, live_server):
    visit(page, f"{live_server.url}/password-reset/")
    assert heading(page) == "Reset your password"
    axe_check(page)


# Journeys ----------------------------------------------------------------------------------------


def test_almo_staff_see_only_their_almo(page, sign_in, live_server):
    sign_in("north.staff")
    main = page.locator("main")
    expect(main).to_contain_text("Harrowfield North Homes")
    expect(main).not_to_contain_text("Kelworth Homes")
    expect(main).not_to_contain_text("Harrowfield Central Homes")

    visit(page, f"{live_server.url}/almos/kelworth-homes/", status=404)
    assert heading(page) == "Page not found"
    expect(main).not_to_contain_text("Kelworth Homes")


def test_council_officer_sees_the_councils_almos_only(page, sign_in):
    sign_in("council.officer")
    almos = page.locator("main table tbody th").all_inner_texts()
    assert sorted(almos) == sorted(HARROWFIELD_ALMOS), almos
    expect(page.locator("main")).not_to_contain_text("Kelworth")
    expect(page.locator("main")).not_to_contain_text("Ashby Vale Homes")


def test_councillor_switches_to_the_observer_membership(page, sign_in):
    sign_in("councillor")
    working_as = page.locator(".portal-header__organisation")
    expect(working_as).to_have_text("Margaret Oyelaran, board member at Harrowfield North Homes")

    page.get_by_label("Working as").select_option(label="Observer at Harrowfield Metropolitan Borough Council")
    page.get_by_role("button", name="Switch organisation").click()

    expect(working_as).to_have_text("Margaret Oyelaran, observer at Harrowfield Metropolitan Borough Council")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "You are now working as observer at Harrowfield Metropolitan Borough Council."
    )
    expect(page.get_by_label("Working as")).to_have_value(
        page.get_by_label("Working as").locator("option", has_text="Observer").get_attribute("value")
    )
    axe_check(page)


# Keyboard ---------------------------------------------------------------------------------------


def test_skip_link_is_the_first_tab_stop(page, sign_in):
    sign_in("north.staff")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Skip to main content")
    expect(focused).to_be_visible()  # it appears when focused

    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
