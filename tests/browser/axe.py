"""axe-core accessibility scans for browser tests: WCAG 2.0, 2.1 and 2.2, levels A and AA."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
BLOCKING_IMPACTS = frozenset({"serious", "critical"})
TARGETS_SHOWN = 3

_axe = Axe()


def axe_results(page) -> dict:
    """Run axe-core on the page as it is now; the raw results (violations only carry their nodes)."""
    return _axe.run(page, options=AXE_OPTIONS).response


def _govuk_conditional_reveal(node: dict) -> bool:
    """GOV.UK Frontend puts aria-expanded on radios that reveal questions: invalid ARIA that axe reports, kept on
    purpose because screen readers announce it (govuk-frontend issue 979, a documented known issue). Only that
    attribute on those radios is let through; any other ARIA problem on them still fails.
    """
    html = node.get("html", "")
    summary = node.get("failureSummary", "")
    return (
        "govuk-radios__input" in html
        and "aria-controls" in html
        and summary.count("aria-") == 1
        and ("aria-expanded" in summary)
    )


def blocking_violations(page) -> list[dict]:
    """The serious and critical WCAG A/AA violations on the current page."""
    results = axe_results(page)
    blocking = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        if violation["id"] == "aria-allowed-attr":
            violation = {**violation, "nodes": [n for n in violation["nodes"] if not _govuk_conditional_reveal(n)]}
            if not violation["nodes"]:
                continue
        blocking.append(violation)
    return blocking


def describe(violations: list[dict], where: str = "") -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(str(part) for part in node["target"]) for node in violation["nodes"]]
        shown = ", ".join(targets[:TARGETS_SHOWN])
        more = f" (and {len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
        prefix = f"{where}: " if where else ""
        lines.append(f"{prefix}{violation['id']} [{violation['impact']}] {violation['help']}; targets: {shown}{more}")
    return "\n".join(lines)


def axe_check(page, where: str | None = None) -> None:
    """Fail the test if axe finds a serious or critical WCAG A/AA violation on the current page."""
    violations = blocking_violations(page)
    if violations:
        where = where or page.url
        pytest.fail(f"axe found {len(violations)} serious or critical violation(s):\n{describe(violations, where)}")
