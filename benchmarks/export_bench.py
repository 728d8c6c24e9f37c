"""Benchmarking export: 1,000,000 indicator values as CSV, timed against PostgreSQL's own COPY of the same rows.

Aims: the export takes at most 4 times as long as COPY; peak memory grows by at most 100 MB, and by about the
same at 100,000 rows as at 1,000,000 (it streams). Runs in a throwaway database of its own, dropped at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
import tracemalloc
from contextlib import contextmanager

ALMOS_PER_COUNCIL = 10
YEARS = range(2000, 2025)  # 25 financial years x 4 quarters = 100 returns a plan
ROWS_PER_ALMO = len(YEARS) * 4 * 40  # 40 library indicators on every line: 4,000 values an ALMO
SIZES = (100_000, 1_000_000)


@contextmanager
def throwaway_database(label: str):
    """A database of our own, migrated, then dropped: the bench never touches anyone else's data."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{label}_{os.getpid()}"
    old = setup_databases(verbosity=0, interactive=False, serialized_aliases=set())
    try:
        yield connection
    finally:
        teardown_databases(old, verbosity=0)


def run():
    from django.db import connection

    if connection.vendor != "postgresql":
        print("   skipped: needs PostgreSQL (set DATABASE_URL)")
        return
    with throwaway_database("export"):
        admin, group = _people_and_group()
        made, results = 0, []
        for size in SIZES:
            made = _seed(made, size)
            results.append((f"{size:,}", "administrator: one read", *_measure(admin, group)))
        # Most people see some of the group: the peers' accepted figures are then read separately.
        observer, rows = _observer_of_all_but_one()
        results.append((f"{rows:,}", "sees all but one ALMO: two reads", *_measure(observer, group)))
        print(f"   {'rows':>9} {'who':<33} {'export s':>8} {'COPY s':>6} {'ratio':>5} {'peak MB':>7} {'RSS MB':>6}")
        for rows_text, who, export_s, copy_s, python_mb, rss_mb in results:
            print(
                f"   {rows_text:>9} {who:<33} {export_s:>8.2f} {copy_s:>6.2f} {export_s / copy_s:>5.2f} "
                f"{python_mb:>7.1f} {rss_mb:>6.1f}"
            )
        print(
            "   peak MB: Python allocations (tracemalloc) while the CSV streams; RSS MB: growth of the process.\n"
            "   aims: export at most 4 x COPY; memory growth at most 100 MB, and no more at 1,000,000 rows than "
            "at 100,000."
        )


def _observer_of_all_but_one():
    """An independent adviser granted every ALMO but one: the access rule filters, and the group is not all theirs."""
    from delivery_plans.models import Actual
    from organisations.access import Role
    from organisations.models import Almo, Council, Membership
    from tests.factories import UserFactory

    observer = UserFactory(username="bench.observer")
    membership = Membership.objects.create(user=observer, council=Council.objects.first(), role=Role.OBSERVER)
    membership.granted_almos.set(Almo.objects.order_by("pk")[1:])
    return observer, Actual.objects.restrict(observer).count()


def _people_and_group():
    from django.contrib.auth import get_user_model

    from benchmarking.models import PeerGroup

    user = get_user_model().objects.create_superuser("bench", "bench@example.invalid", "bench-password-1")
    group = PeerGroup.objects.create(name="All ALMOs", slug="all-almos", kind=PeerGroup.Kind.ALL)
    return user, group


def _seed(have: int, want: int) -> int:
    """Add ALMOs, each with a plan, 100 returns and 4,000 values, until there are `want` values. COPY does the bulk."""
    from django.db import connection

    started = time.perf_counter()
    rng = random.Random(have // ROWS_PER_ALMO)
    almos = _bench_almos(have // ROWS_PER_ALMO, want // ROWS_PER_ALMO, rng)
    returns, by_plan = _bench_plans_and_returns(almos)
    with connection.cursor() as cursor:
        columns = (
            "return_record_id, plan_indicator_id, numerator, denominator, value, rag, what_happened, why, "
            "recovery_action"
        )
        with cursor.cursor.copy(f"COPY delivery_plans_actual ({columns}) FROM STDIN") as copy:
            for return_record in returns:
                for plan_indicator in by_plan[return_record.plan_id]:
                    denominator = rng.randint(100, 5000)
                    numerator = rng.randint(denominator // 2, denominator)
                    value = f"{numerator * 100 / denominator:.1f}"
                    copy.write_row(
                        (return_record.pk, plan_indicator.pk, numerator, denominator, value, "green", "", "", "")
                    )
        cursor.execute("ANALYZE")
    print(f"   (seeded {want - have:,} values in {time.perf_counter() - started:.1f} s)", flush=True)
    return want


def _bench_almos(first: int, last: int, rng) -> list:
    from organisations.models import Almo, Council

    almos = []
    for number in range(first, last):
        council_number = number // ALMOS_PER_COUNCIL
        council, _ = Council.objects.get_or_create(
            slug=f"bench-council-{council_number}",
            defaults={
                "name": f"Bench Council {council_number}",
                "ons_code": f"E08{council_number:06d}",
                "kind": "metropolitan",
                "region": ["london", "yorkshire", "north_west"][council_number % 3],
            },
        )
        almos.append(
            Almo(
                name=f"Bench Homes {number}",
                slug=f"bench-homes-{number}",
                council=council,
                status="live",
                homes_managed=rng.randint(1500, 30000),
            )
        )
    return Almo.objects.bulk_create(almos)


def _bench_plans_and_returns(almos: list) -> tuple[list, dict[int, list]]:
    """A plan in force for each ALMO, every library indicator on it, and a return for every quarter."""
    from django.utils import timezone

    from core.periods import quarter_end
    from delivery_plans.models import DeliveryPlan, Indicator, PlanIndicator, Return

    now = timezone.now()
    indicators = list(Indicator.objects.library().order_by("pk"))
    plans = DeliveryPlan.objects.bulk_create(
        DeliveryPlan(
            almo=almo,
            title="Bench plan",
            first_year=YEARS[0],
            last_year=YEARS[-1],
            status="in_force",
            council_signed_at=now,
            almo_signed_at=now,
        )
        for almo in almos
    )
    plan_indicators = PlanIndicator.objects.bulk_create(
        PlanIndicator(plan=plan, indicator=indicator) for plan in plans for indicator in indicators
    )
    returns = Return.objects.bulk_create(
        Return(
            plan=plan,
            year=year,
            quarter=quarter,
            due_on=quarter_end(year, quarter) + dt.timedelta(days=30),
            # the last quarter is still with the council: provisional in the export
            status="submitted" if (year, quarter) == (YEARS[-1], 4) else "accepted",
            accepted_at=now,
        )
        for plan in plans
        for year in YEARS
        for quarter in (1, 2, 3, 4)
    )
    by_plan: dict[int, list] = {}
    for plan_indicator in plan_indicators:
        by_plan.setdefault(plan_indicator.plan_id, []).append(plan_indicator)
    return returns, by_plan


def _measure(user, group) -> tuple[float, float, float, float]:
    """Export seconds, COPY seconds, peak Python memory growth (MB) and peak RSS growth (MB)."""
    # The best of three each, alternating, so load from elsewhere on the machine weighs on both alike.
    export_runs, copy_runs = [], []
    for _ in range(3):
        copy_runs.append(_copy(user, group))
        export_runs.append(_export(user, group)[0])
    export_s, copy_s = min(export_runs), min(copy_runs)
    tracemalloc.start()
    baseline = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    _seconds, _bytes, rss_growth = _export(user, group)
    python_peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return export_s, copy_s, python_peak / 2**20, rss_growth / 2**20


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _export(user, group) -> tuple[float, int, int]:
    """The export as a system gets it: the view's streamed CSV, every byte read."""
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    rss_before, rss_peak, size = _rss(), 0, 0
    started = time.perf_counter()
    response = client.get(reverse("api:export-benchmarking"), {"peer_group": group.slug, "format": "csv"})
    assert response.status_code == 200, response.content
    for count, chunk in enumerate(response.streaming_content):
        size += len(chunk)
        if count % 200 == 0:
            rss_peak = max(rss_peak, _rss())
    seconds = time.perf_counter() - started
    return seconds, size, max(rss_peak, _rss()) - rss_before


def _copy(user, group) -> float:
    """PostgreSQL's COPY of the same rows (the same filters, order and columns, names joined in) to a client."""
    from django.db import connection

    from benchmarking.selectors import visible_rows

    rows = visible_rows(user, group).values_list(
        "return_record__plan__almo__slug",
        "return_record__plan__almo__name",
        "return_record__plan__almo__council__ons_code",
        "return_record__plan__almo__council__name",
        "plan_indicator__indicator__code",
        "plan_indicator__indicator__name",
        "return_record__year",
        "return_record__quarter",
        "value",
        "numerator",
        "denominator",
        "plan_indicator__indicator__unit",
        "plan_indicator__indicator__polarity",
        "return_record__status",
    )
    sql, params = rows.query.sql_with_params()
    started = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv)", params) as copy:
        for _block in copy:
            pass
    return time.perf_counter() - started
