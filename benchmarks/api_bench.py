"""API list endpoints: time and query count at 1x and 10x the data. The query count must not change.

Runs in a throwaway database of its own, dropped at the end. Calls go through the whole stack with a real token.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time

from benchmarks.export_bench import throwaway_database

ALMOS = {"1x": 10, "10x": 100}
RETURNS_PER_PLAN = 8
CODES = ("TP01", "RP02(1)", "RP02(2)", "BS01", "BS02", "CH01(1)", "CH02(1)", "BV66a", "BV66b", "BV212")
ENDPOINTS = ("/api/v1/returns/?page_size=200", "/api/v1/actuals/?page_size=200", "/api/v1/plans/?page_size=200")
REPEATS = 10


def run():
    from django.db import connection

    if connection.vendor != "postgresql":
        print("   skipped: needs PostgreSQL (set DATABASE_URL)")
        return
    from django.test.utils import override_settings

    with throwaway_database("api"), override_settings(**_rates()):
        headers, council = _officer()
        made, results = 0, []
        for label, almos in ALMOS.items():
            made = _seed(council, made, almos)
            for endpoint in ENDPOINTS:
                results.append((endpoint, label, *_measure(endpoint, headers)))
        print(f"   {'endpoint':<34} {'data':>4} {'rows':>6} {'median ms':>10} {'queries':>8}")
        for endpoint, label, rows, milliseconds, queries in results:
            print(f"   {endpoint:<34} {label:>4} {rows:>6,} {milliseconds:>10.1f} {queries:>8}")
        for endpoint in ENDPOINTS:
            counts = {queries for e, _label, _rows, _ms, queries in results if e == endpoint}
            print(f"   {endpoint}: query count {'identical' if len(counts) == 1 else 'CHANGED: ' + str(counts)}")


def _rates() -> dict:
    from django.conf import settings

    return {"REST_FRAMEWORK": {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": None, "export": None}}}


def _officer():
    from api_access.services import token_create
    from organisations.access import Role
    from organisations.models import Council, Membership
    from tests.factories import UserFactory

    council = Council.objects.create(
        name="Bench Council", slug="bench", ons_code="E08000001", kind="metropolitan", region="london"
    )
    officer = UserFactory(username="bench.officer")
    Membership.objects.create(user=officer, council=council, role=Role.COUNCIL_OFFICER)
    _token, secret = token_create(actor=officer, name="Bench")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}, council


def _seed(council, have: int, want: int) -> int:
    from decimal import Decimal

    from django.utils import timezone

    from core.periods import quarter_end
    from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Return
    from organisations.models import Almo

    now = timezone.now()
    indicators = list(Indicator.objects.library().filter(code__in=CODES))
    almos = Almo.objects.bulk_create(
        Almo(name=f"Bench Homes {n}", slug=f"bench-homes-{n}", council=council, status="live", homes_managed=5000)
        for n in range(have, want)
    )
    plans = DeliveryPlan.objects.bulk_create(
        DeliveryPlan(
            almo=almo,
            title="Bench plan",
            first_year=2024,
            last_year=2026,
            status="in_force",
            council_signed_at=now,
            almo_signed_at=now,
        )
        for almo in almos
    )
    plan_indicators = PlanIndicator.objects.bulk_create(
        PlanIndicator(plan=plan, indicator=indicator) for plan in plans for indicator in indicators
    )
    periods = [(2024, q) for q in (1, 2, 3, 4)] + [(2025, q) for q in (1, 2, 3, 4)]
    returns = Return.objects.bulk_create(
        Return(
            plan=plan,
            year=year,
            quarter=quarter,
            status="accepted",
            accepted_at=now,
            due_on=quarter_end(year, quarter) + dt.timedelta(days=30),
        )
        for plan in plans
        for year, quarter in periods[:RETURNS_PER_PLAN]
    )
    by_plan: dict[int, list] = {}
    for plan_indicator in plan_indicators:
        by_plan.setdefault(plan_indicator.plan_id, []).append(plan_indicator)
    Actual.objects.bulk_create(
        Actual(
            return_record=r,
            plan_indicator=pi,
            numerator=Decimal(90),
            denominator=Decimal(100),
            value=Decimal(90),
            rag="green",
        )
        for r in returns
        for pi in by_plan[r.plan_id]
    )
    return want


def _measure(endpoint: str, headers: dict) -> tuple[int, float, int]:
    """Rows on the page, median milliseconds, and queries for one call."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    response = client.get(endpoint, **headers)  # warm up: the token's first use is recorded once
    assert response.status_code == 200, response.content
    connection.queries_log.clear()  # a full log (it keeps 9,000) would count nothing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(endpoint, **headers)
    count = len(queries)  # now: the next requests empty the log
    timings = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        client.get(endpoint, **headers)
        timings.append((time.perf_counter() - started) * 1000)
    return len(response.json()["results"]), statistics.median(timings), count
