"""The Content-Security-Policy is enforced and nothing on the busiest pages breaks it.

Every page records `securitypolicyviolation` events from the moment it starts (an init script), and the
console is watched for the browser's own CSP messages; both must stay empty after the page has settled.
"""

from __future__ import annotations

import pytest

from delivery_plans.models import Amendment, Concern, DeliveryPlan, Return

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def collect_violations(page, url: str) -> list[str]:
    console = []
    page.on(
        "console", lambda message: console.append(message.text) if "Content Security Policy" in message.text else None
    )
    response = page.goto(url)
    assert response.status < 400, f"{url} answered {response.status}"
    assert "script-src 'self'" in response.headers.get("content-security-policy", ""), url
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations") + console


def test_the_policy_is_sent_and_enforced(page, live_server):
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(f"{live_server.url}/sign-in/")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
    # An inline script injected into the page is refused by the browser, and reported.
    page.evaluate("""() => { const s = document.createElement("script"); s.textContent = "window.__ran = 1";
                             document.body.append(s); }""")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in violation for violation in page.evaluate("window.__cspViolations"))


@pytest.mark.parametrize("username", ["council.officer", "north.staff"])
def test_the_busiest_pages_break_no_rule_of_the_policy(signed_in, live_server, username):
    page = signed_in(username)
    page.add_init_script(RECORD_VIOLATIONS)
    plan = DeliveryPlan.objects.restrict(page_user(username), "view").order_by("pk").first()
    ret = Return.objects.restrict(page_user(username), "view").order_by("pk").first()
    amendment = Amendment.objects.restrict(page_user(username), "view").order_by("pk").first()
    concern = Concern.objects.restrict(page_user(username), "view").order_by("pk").first()
    paths = [
        "/",
        "/almos/",
        "/delivery-plans/",
        f"/delivery-plans/plans/{plan.pk}/",
        f"/delivery-plans/plans/{plan.pk}/targets/",
        f"/delivery-plans/returns/{ret.pk}/",
        "/delivery-plans/variances/",
        "/delivery-plans/amendments/",
        "/delivery-plans/concerns/",
        "/delivery-plans/indicators/",
        "/benchmarking/",
        "/reports/",
        "/account/api-tokens/",
        "/api/v1/docs/",
        "/health/",
    ]
    if amendment:
        paths.append(f"/delivery-plans/amendments/{amendment.pk}/")
    if concern:
        paths.append(f"/delivery-plans/concerns/{concern.pk}/")
    found = {path: collect_violations(page, f"{live_server.url}{path}") for path in paths}
    assert not {path: violations for path, violations in found.items() if violations}


def page_user(username):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def test_the_api_docs_render_under_the_policy(page, live_server, demo_data):
    page.add_init_script(RECORD_VIOLATIONS)
    violations = collect_violations(page, f"{live_server.url}/api/v1/docs/")
    page.locator(".swagger-ui .info .title").wait_for()
    assert not violations
