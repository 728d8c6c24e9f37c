"""The cross-organisation probe: with every demo record in place, a council and an ALMO that share nothing with the
demo ask for every record page and API detail by number, and get nothing but "not found".

The routes come from the URL patterns (tests/security/routes.py), so a page added later is probed without anyone
listing it. Each route with one number in its address is asked for the first record numbers, which every demo
table fills. A page that answers an outsider with a record, or lets one change it, is a failure, unless the route
is shared reference data named below (those are left out: everyone reads them). A 403 fails too: it tells an
outsider the record exists.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection
from django.test import Client

from agreements.models import Meeting
from consultations.models import Consultation
from delivery_plans.models import DeliveryPlan, Return
from hra.models import HraYear
from inspections.models import Assessment
from organisations.access import Role
from slas.models import ServiceLevelAgreement
from tenants.models import Survey
from tests.api.records import make_plan
from tests.factories import AlmoFactory, CouncilFactory, user_with_role
from tests.security.routes import NAMED_GROUP, routes

# Reference data every signed-in person reads, whoever owns the records around it. Adding here is a decision.
SHARED_REFERENCE = {
    "delivery_plans:indicator_detail": "the shipped indicator library",
    "api:indicator-detail": "the shipped indicator library",
    "api:peer-group-detail": "peer groups are defined for everyone",
    "inspections:framework_detail": "the shipped inspection frameworks",
    "api:inspections-framework-detail": "the shipped inspection frameworks",
    "api:agreements-stage-detail": "the rungs of the intervention ladder",
}
# Record numbers asked for on each route. The demo makes several of every record, so these belong to it.
PROBED_IDS = range(1, 7)
# A number in a page's address, and the API router's record key.
RECORD_KEYS = (r"[0-9]+", r"\d+", r"[^/.]+")
# The outsiders' own council and ALMO sit far above any demo record's number.
OUTSIDE = 900_001


def _number_routes():
    """Routes whose address holds exactly one number and nothing else to fill, with a way to build it."""
    found = []
    for route in routes():
        groups = list(NAMED_GROUP.finditer(route.pattern))
        numeric = [g for g in groups if g.group("body") in RECORD_KEYS]
        if len(groups) != 1 or len(numeric) != 1 or route.url is None or route.key.startswith("admin:"):
            continue
        if route.key in SHARED_REFERENCE:
            continue
        found.append(route)
    return found


def _address(route, number: int) -> str:
    filled = NAMED_GROUP.sub(str(number), route.pattern, count=1)
    return "/" + filled.replace("\\", "")


def _restart_numbering() -> None:
    """Number new rows from just above what the migrations put in, so the demo's records get the low numbers probed.

    Earlier tests in the run advanced every sequence (a rolled-back row keeps its number used up).
    """
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@pytest.fixture
def outsiders(db):
    """A council and its ALMO with no records at all, after the whole demo is loaded."""
    _restart_numbering()
    call_command("load_demo_data", "--quiet-sign-ins")
    for model in (DeliveryPlan, Return, Meeting, ServiceLevelAgreement, Assessment, Survey, Consultation, HraYear):
        assert model.objects.filter(pk__in=PROBED_IDS).exists(), f"no demo {model.__name__} has a probed number"
    council = CouncilFactory(pk=OUTSIDE, name="Elsewhere Borough Council", slug="elsewhere")
    almo = AlmoFactory(pk=OUTSIDE, council=council, name="Elsewhere Homes", slug="elsewhere-homes")
    return [user_with_role(Role.ALMO_STAFF, almo), user_with_role(Role.COUNCIL_OFFICER, council)]


def _leaks(client: Client, route, number: int) -> list[str]:
    address = _address(route, number)
    problems = []
    status = client.get(address, secure=True).status_code
    if status not in (404, 405):
        problems.append(f"GET {address} ({route.key}) answered {status}")
    status = client.post(address, secure=True).status_code
    if status not in (404, 405):
        problems.append(f"POST {address} ({route.key}) answered {status}")
    return problems


def test_an_outsider_finds_no_record_of_anyone_else_by_number(outsiders):
    probed = _number_routes()
    assert len(probed) > 80, "the probe should reach the record pages of every app"
    leaks = []
    for user in outsiders:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for route in probed:
            for number in PROBED_IDS:
                leaks.extend(f"{user.username}: {problem}" for problem in _leaks(client, route, number))
    assert not leaks, "\n".join(leaks)


def test_the_shared_list_names_only_routes_that_exist():
    keys = {route.key for route in routes()}
    assert set(SHARED_REFERENCE) <= keys, f"no longer routes: {set(SHARED_REFERENCE) - keys}"


def test_the_probe_reaches_a_page_of_every_domain_app():
    prefixes = {route.key.split(":")[0] for route in _number_routes()}
    for app in ("delivery_plans", "agreements", "hra", "slas", "inspections", "tenants", "consultations", "reporting"):
        assert app in prefixes, f"no {app} page is probed"
    assert any(key.startswith("api:") for key in (r.key for r in _number_routes()))


def test_the_probe_would_notice_a_page_that_forgot_the_access_rule(almo, other_staff, settings):
    settings.ROOT_URLCONF = "tests.security.leaky_urls"
    plan = make_plan(almo)
    route = next(r for r in routes() if r.key == "leaky-plan")
    client = Client(raise_request_exception=False)
    client.force_login(other_staff)
    assert _leaks(client, route, plan.pk) == [
        f"GET /leaky-plan/{plan.pk}/ (leaky-plan) answered 200",
        f"POST /leaky-plan/{plan.pk}/ (leaky-plan) answered 200",
    ]
