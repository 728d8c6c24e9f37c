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


NAVIGATION = [
    NavItem("Home", "home"),
    NavItem("Councils", "organisations:council_list", frozenset({Role.COUNCIL_OFFICER, Role.OBSERVER})),
    NavItem("ALMOs", "organisations:almo_list"),
    NavItem("Boards", "organisations:board_list"),
    NavItem("Delivery plans", "delivery_plans:plan_list"),
    NavItem("Review queue", "delivery_plans:review_queue", frozenset({Role.COUNCIL_OFFICER})),
    NavItem("Variances", "delivery_plans:variance_list"),
    NavItem("Amendments", "delivery_plans:amendment_list"),
    NavItem("Concerns", "delivery_plans:concern_list"),
    NavItem("Reports", "reporting:run_list"),
]


def navigation_for(request, membership):
    role = membership.role if membership else None
    items = []
    for item in NAVIGATION:
        if not (request.user.is_superuser or role in item.roles):
            continue
        url = reverse(item.url_name)
        current = request.path == url if item.url_name == "home" else request.path.startswith(url)
        items.append({"label": item.label, "url": url, "active": current})
    return items
