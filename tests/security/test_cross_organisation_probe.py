"""The cross-organisation probe: with every demo record in place, people ask for every record page and API detail
by number, and get only what their memberships give them.

- A council and an ALMO that share nothing with the demo get nothing but "not found". A 403 fails too: it tells an
  outsider the record exists.
- A board member of every demo ALMO, asking every route to change something (POST to every page, each write
  method of the API), is refused and changes nothing, except on the few routes in `BOARD_MAY`.
- An observer granted one ALMO reads exactly what that ALMO's board member reads, and nothing that an observer
  granted every other council's ALMOs reads too.

The routes come from the URL patterns (tests/security/probe.py), so a page added later is probed without anyone
listing it. Shared reference data is left out (everyone reads it: `SHARED_REFERENCE`). Each probe is proved to
notice a test-only view that forgot the access rule (tests/security/leaky_urls.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import Resolver404, resolve

from agreements.models import Meeting
from consultations.models import Consultation
from delivery_plans.models import DeliveryPlan, Return
from hra.models import HraYear
from inspections.models import Assessment
from organisations.access import Role
from organisations.models import Almo, Council
from slas.models import ServiceLevelAgreement
from tenants.models import Survey
from tests.access import _write_forms
from tests.api.records import make_plan
from tests.factories import AlmoFactory, CouncilFactory, MembershipFactory, user_with_role
from tests.security.probe import (
    PROBED_IDS,
    SHARED_REFERENCE,
    Attempt,
    address,
    api_bodies,
    api_body,
    changed_tables,
    is_api,
    number_routes,
    restart_numbering,
    table_writes,
    write_attempts,
)
from tests.security.routes import routes

# The outsiders' own council and ALMO sit far above any demo record's number.
OUTSIDE = 900_001
# Routes on which a board member may change something. Each is a decision about what boards do.
BOARD_MAY = {
    "reporting:request_board_pack": "a board member asks for their own board's pack (WITH_BOARD in the access rule)",
    "organisations:switch_organisation": "choosing which of one's own memberships to work as: the session only",
    "organisations:keep_alive": "staying signed in: the session only",
    "organisations:two_factor_set_up": "their own second factor: optional for board members, and theirs alone",
    "inspections:calendar_feed_settings": "their own calendar subscription: a personal record (owner only)",
}
# Tables a request writes whoever makes it, as a record of the request rather than a change to a record.
BOOKKEEPING = {
    "django_session": "signing in and staying signed in",
    "api_access_apirequestlog": "every API request is logged, refusals included",
}
# What the API says of a record named in a body that the caller cannot see (core.api.base.ScopedPrimaryKeyField).
HIDDEN = re.compile(r"There is no .+ with the id \d+ that you can see\.")
# Answers that refuse a change: missing (the rule hides what one may not change), forbidden, or no such method.
REFUSED = (403, 404, 405)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo and the people who probe it, loaded once for the module and rolled back after it.

    Each test still runs in its own savepoint, so nothing a test does reaches the next one.
    """
    assert connection.vendor == "postgresql", "the probe counts changes with PostgreSQL's statistics"
    with django_db_blocker.unblock(), transaction.atomic():
        restart_numbering()
        call_command("load_demo_data", "--quiet-sign-ins")
        for model in (DeliveryPlan, Return, Meeting, ServiceLevelAgreement, Assessment, Survey, Consultation, HraYear):
            assert model.objects.filter(pk__in=PROBED_IDS).exists(), f"no demo {model.__name__} has a probed number"
        yield _people()
        transaction.set_rollback(True)


def _people() -> dict:
    council = CouncilFactory(pk=OUTSIDE, name="Elsewhere Borough Council", slug="elsewhere")
    elsewhere = AlmoFactory(pk=OUTSIDE, council=council, name="Elsewhere Homes", slug="elsewhere-homes")
    demo_almos = list(Almo.objects.exclude(pk=OUTSIDE).order_by("pk"))
    # The observer's council has several ALMOs, so their grant (one of them) is narrower than the council.
    granting = next(c for c in Council.objects.exclude(pk=OUTSIDE).order_by("pk") if c.almos.count() > 1)
    granted = granting.almos.order_by("pk").first()
    others = [almo for almo in demo_almos if almo.council_id != granting.pk]

    board = user_with_role(Role.BOARD_MEMBER, demo_almos[0], username="probe.board")
    for almo in demo_almos[1:]:
        MembershipFactory(user=board, role=Role.BOARD_MEMBER, almo=almo)
    observer = user_with_role(Role.OBSERVER, granting, username="probe.observer")
    observer.memberships.get().granted_almos.add(granted)
    # Observers with disjoint grants in different councils: nothing shared reaches both.
    other_observer = user_with_role(Role.OBSERVER, others[0].council, username="probe.other.observer")
    other_observer.memberships.get().granted_almos.add(*others)
    return {
        "outsiders": [user_with_role(Role.ALMO_STAFF, elsewhere), user_with_role(Role.COUNCIL_OFFICER, council)],
        "board": board,
        "observer": observer,
        "twin": user_with_role(Role.BOARD_MEMBER, granted, username="probe.twin"),
        "other_observer": other_observer,
    }


def is_api_key(key: str) -> bool:
    return key.startswith("api:")


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


# Another ALMO, another council ----------------------------------------------------------------------------------


def _leaks(client: Client, route, number: int) -> list[str]:
    url = address(route, number)
    problems = []
    status = client.get(url, secure=True).status_code
    if status not in (404, 405):
        problems.append(f"GET {url} ({route.key}) answered {status}")
    status = client.post(url, secure=True).status_code
    if status not in (404, 405):
        problems.append(f"POST {url} ({route.key}) answered {status}")
    return problems


def test_an_outsider_finds_no_record_of_anyone_else_by_number(demo, db):
    probed = number_routes()
    assert len(probed) > 80, "the probe should reach the record pages of every app"
    leaks = []
    for user in demo["outsiders"]:
        client = _client(user)
        for route in probed:
            for number in PROBED_IDS:
                leaks.extend(f"{user.username}: {problem}" for problem in _leaks(client, route, number))
    assert not leaks, "\n".join(leaks)


def test_the_shared_lists_name_only_routes_that_exist():
    keys = {route.key for route in routes()}
    assert set(SHARED_REFERENCE) <= keys, f"no longer routes: {set(SHARED_REFERENCE) - keys}"
    assert set(BOARD_MAY) <= keys, f"no longer routes: {set(BOARD_MAY) - keys}"


def test_the_probe_reaches_a_page_of_every_domain_app():
    prefixes = {route.key.split(":")[0] for route in number_routes()}
    for app in ("delivery_plans", "agreements", "hra", "slas", "inspections", "tenants", "consultations", "reporting"):
        assert app in prefixes, f"no {app} page is probed"
    assert any(is_api(route) for route in number_routes())


def test_the_probe_would_notice_a_page_that_forgot_the_access_rule(almo, other_staff, settings):
    settings.ROOT_URLCONF = "tests.security.leaky_urls"
    plan = make_plan(almo)
    route = next(r for r in routes() if r.key == "leaky-plan")
    assert _leaks(_client(other_staff), route, plan.pk) == [
        f"GET /leaky-plan/{plan.pk}/ (leaky-plan) answered 200",
        f"POST /leaky-plan/{plan.pk}/ (leaky-plan) answered 200",
    ]


# A board member writing -------------------------------------------------------------------------------------------


def _forms_refused_to_board(html: str) -> list[str]:
    """The page's forms that ask for a change, other than those a board member may send (`BOARD_MAY`)."""
    offered = []
    for action in _write_forms(html):
        try:
            match = resolve(action.split("?")[0])
        except Resolver404:
            match = None
        if match is None or match.view_name not in BOARD_MAY:
            offered.append(action)
    return offered


def _hidden_reference(response) -> bool:
    """A 400 saying only that a record the body names cannot be seen: the rule hiding a record, applied to a body."""
    if response.status_code != 400:
        return False
    messages = [m for field in response.json().values() for m in (field if isinstance(field, list) else [field])]
    return bool(messages) and all(HIDDEN.fullmatch(str(message)) for message in messages)


def _board_writes(client: Client, attempts) -> list[str]:
    """What a board member changed or was not refused, for each attempt.

    The API answers a refused write 403, 404 or 405. A page may instead answer as it does to reading, when it takes
    no form at all (a record page ignores a POST): that passes only if nothing changed and the page, read, offers the
    board member no form to change anything.
    """
    bodies, problems = api_bodies(), []
    for attempt in attempts:
        before = table_writes()
        if is_api(attempt.route):
            body = json.dumps(api_body(bodies, attempt, attempt.number))
            response = client.generic(attempt.method, attempt.address, body, "application/json", secure=True)
        else:
            response = client.generic(attempt.method, attempt.address, secure=True)
        changed = changed_tables(before, table_writes(), BOOKKEEPING)
        if changed:
            problems.append(f"{attempt} answered {response.status_code} and changed {', '.join(changed)}")
        elif response.status_code in REFUSED or (is_api(attempt.route) and _hidden_reference(response)):
            continue
        elif is_api(attempt.route) or response.status_code not in (200, 302, 400):
            problems.append(f"{attempt} answered {response.status_code}: {response.content[:300]!r}")
        else:
            read = client.get(attempt.address, secure=True)
            if read.status_code != 200 or read.streaming:
                continue  # a download (or a POST-only address) has no form to offer
            if forms := _forms_refused_to_board(read.content.decode()):
                problems.append(f"{attempt} answered {response.status_code}; the page offers forms to {forms}")
    return problems


def test_a_board_member_changes_nothing_anywhere(demo, db):
    attempts, unreachable = write_attempts(skip=BOARD_MAY)
    assert not unreachable, f"no address can be made for {[str(route) for route in unreachable]}"
    assert len(attempts) > 500
    problems = _board_writes(_client(demo["board"]), attempts)
    assert not problems, "\n".join(problems)


# An observer outside their grant ---------------------------------------------------------------------------------


def _observer_leaks(observer: Client, twin: Client, other: Client, route, number: int, seen_by=None) -> list[str]:
    """The observer must answer as the granted ALMO's board member does (200 inside, 404 outside), and whatever
    the observer reads, an observer of the other councils' ALMOs must not."""
    url = address(route, number)
    seen = observer.get(url, secure=True).status_code
    expected = twin.get(url, secure=True).status_code
    if seen_by is not None:
        seen_by[seen].add(route.key)
    if seen != expected:
        return [f"GET {url} ({route.key}) answered the observer {seen}, the granted ALMO's board member {expected}"]
    if seen == 200 and (also := other.get(url, secure=True).status_code) != 404:
        return [f"GET {url} ({route.key}) answered observers of disjoint grants 200 and {also}"]
    return []


def test_an_observer_reads_their_grant_and_nothing_outside_it(demo, db):
    observer, twin, other = _client(demo["observer"]), _client(demo["twin"]), _client(demo["other_observer"])
    leaks, seen_by = [], defaultdict(set)
    for route in number_routes():
        for number in PROBED_IDS:
            leaks.extend(_observer_leaks(observer, twin, other, route, number, seen_by))
    assert not leaks, "\n".join(leaks)
    # Both sides of the grant were probed: pages and API details read inside it, and hidden outside it.
    for status in (200, 404):
        assert any(not is_api_key(key) for key in seen_by[status]) and any(is_api_key(key) for key in seen_by[status])


def test_the_board_member_probe_would_notice_a_page_that_writes_on_a_read_check(almo, settings):
    settings.ROOT_URLCONF = "tests.security.leaky_urls"
    board_member = user_with_role(Role.BOARD_MEMBER, almo)  # named apart from the demo's people
    plan = make_plan(almo)
    attempts = [Attempt(r, "POST", address(r, plan.pk), plan.pk) for r in routes() if r.key == "leaky-plan-rename"]
    assert _board_writes(_client(board_member), attempts) == [
        f"POST /leaky-plan/{plan.pk}/rename/ (leaky-plan-rename) answered 302 and changed "
        "delivery_plans_deliveryplan, delivery_plans_historicaldeliveryplan"
    ]
    plan.refresh_from_db()
    assert plan.title.endswith("(renamed)")


def test_the_observer_probe_would_notice_pages_that_forgot_the_grant(almo, sibling_almo, other_almo, settings):
    settings.ROOT_URLCONF = "tests.security.leaky_urls"
    # As tests/conftest.py's observer, named apart from the demo's people: a council's observer granted one ALMO.
    observer = user_with_role(Role.OBSERVER, almo.council)
    observer.memberships.get().granted_almos.add(almo)
    board_member = user_with_role(Role.BOARD_MEMBER, almo)
    other_observer = user_with_role(Role.OBSERVER, other_almo.council)
    other_observer.memberships.get().granted_almos.add(other_almo)
    clients = (_client(observer), _client(board_member), _client(other_observer))
    granted, sibling = make_plan(almo), make_plan(sibling_almo)
    by_key = {route.key: route for route in routes()}
    assert _observer_leaks(*clients, by_key["leaky-plan"], granted.pk) == [
        f"GET /leaky-plan/{granted.pk}/ (leaky-plan) answered observers of disjoint grants 200 and 200"
    ]
    assert _observer_leaks(*clients, by_key["leaky-council-plan"], sibling.pk) == [
        f"GET /leaky-council-plan/{sibling.pk}/ (leaky-council-plan) answered the observer 200, "
        "the granted ALMO's board member 404"
    ]
    # The real plan page is not fooled: inside the grant it answers, outside it hides.
    plan_page = by_key["delivery_plans:plan_detail"]
    assert _observer_leaks(*clients, plan_page, granted.pk) == []
    assert _observer_leaks(*clients, plan_page, sibling.pk) == []
