"""Service navigation: the sections each role sees in the header, from `core.registries.navigation`.

Kept short enough for one line: amendments, concerns, indicators, councils and boards are reached from
the pages the sections lead to (and the home page); account pages sit in the header.
"""

from django.urls import reverse

from core import registries


def navigation_for(request, membership):
    role = membership.role if membership else None
    shown = [
        item for item in registries.navigation if item.roles is None or request.user.is_superuser or role in item.roles
    ]
    urls = [reverse(item.url_name) for item in shown]
    # The most specific section is the current one: /delivery-plans/review/ is the review queue, not plans.
    matches = [url for url in urls if url != "/" and request.path.startswith(url)]
    current = max(matches, key=len) if matches else ("/" if request.path == "/" else None)
    return [{"label": item.label, "url": url, "active": url == current} for item, url in zip(shown, urls, strict=True)]


def register() -> None:
    registries.navigation.register(registries.NavItem("Home", "home", order=0, app="organisations"))
    registries.navigation.register(registries.NavItem("ALMOs", "organisations:almo_list", order=10))
