"""The route sweep: which routes answer an anonymous caller, other than the few meant to be public."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client

from tests.security.routes import Route, routes

# The only routes an anonymous caller may use. Each is public by design; adding to this list is a decision.
PUBLIC_ROUTES = {
    "login": "the sign-in page",
    "logout": "signing out (POST) works whether or not a session is still alive",
    "password_reset": "asking for a reset link",
    "password_reset_done": "the 'we have sent a link' page",
    "password_reset_confirm": "following the emailed link (the token is checked by the view)",
    "password_reset_complete": "the 'your password is changed' page",
    "health": "the status page monitors and the footer link use",
    "api:schema": "the OpenAPI schema: documentation of the API's shape, no records",
    "api:docs": "Swagger UI over the schema",
    "api:<unnamed api/v1/>": "the API's JSON 404 for an address no resource has",
    "admin:login": "the admin's own sign-in page",
    "admin:logout": "the admin's sign-out (POST)",
    "consultations:ballot_vote": "the public voting page: tenants vote with the code on their letter, no account",
    "consultations:ballot_receipts": "a published ballot result and its receipts, for voters to check theirs",
}


def _refused(response, login_urls: tuple[str, ...]) -> bool:
    if response.status_code in (401, 403):
        return True
    if response.status_code == 302:
        return response["Location"].split("?")[0] in login_urls
    return False


def sweep(urlconf: str | None = None) -> tuple[list[Route], list[Route]]:
    """(routes an anonymous GET or POST was not refused by, routes no sample address reaches)."""
    client = Client(raise_request_exception=False)
    login_urls = (resolve_url(settings.LOGIN_URL), "/admin/login/")
    open_routes, unreachable = [], []
    for route in routes(urlconf):
        if route.key in PUBLIC_ROUTES:
            continue
        if route.url is None:
            unreachable.append(route)
            continue
        for method in (client.get, client.post):
            if not _refused(method(route.url, secure=True), login_urls):
                open_routes.append(route)
                break
    return open_routes, unreachable
