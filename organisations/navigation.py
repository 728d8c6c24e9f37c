"""Service navigation: the sections each role sees in the header.

Later apps add their sections here, each with the roles that use it.
"""

from dataclasses import dataclass

from django.urls import reverse

from organisations.access import Role


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str] = frozenset(Role.values)
    superuser_only: bool = False


# Kept short enough for one line: amendments, concerns, indicators, councils and boards are reached from the
# pages these lead to (and the home page); account pages sit in the header.
NAVIGATION = [
    NavItem("Home", "home"),
    NavItem("ALMOs", "organisations:almo_list"),
    NavItem("Delivery plans", "delivery_plans:plan_list"),
    NavItem("Review queue", "delivery_plans:review_queue", frozenset({Role.COUNCIL_OFFICER})),
    NavItem("Variances", "delivery_plans:variance_list"),
    NavItem("Reports", "reporting:run_list"),
    NavItem("Benchmarking", "benchmarking:index"),
]


def navigation_for(request, membership):
    role = membership.role if membership else None
    shown = [item for item in NAVIGATION if request.user.is_superuser or role in item.roles]
    urls = [reverse(item.url_name) for item in shown]
    # The most specific section is the current one: /delivery-plans/review/ is the review queue, not plans.
    matches = [url for url in urls if url != "/" and request.path.startswith(url)]
    current = max(matches, key=len) if matches else ("/" if request.path == "/" else None)
    return [{"label": item.label, "url": url, "active": url == current} for item, url in zip(shown, urls, strict=True)]
