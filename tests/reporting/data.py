"""Bigger plans for report tests and benchmarks, built in bulk: many indicators, many quarters."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from core.periods import quarters_back
from core.variance import rag_status
from delivery_plans.library import load_library
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, PlanVersion, Return, Target


def build_plan_with_history(almo, *, indicators: int = 40, quarters: int = 8, last=(2026, 2), seed: int = 1):
    """A plan in force with `indicators` library indicators and `quarters` accepted returns ending at `last`."""
    load_library(Indicator)  # tests on a transactional database start with the migration's rows flushed
    rng = random.Random(seed)
    periods = quarters_back(*last, quarters)
    first_year, last_year = periods[0][0], periods[-1][0]
    now = timezone.now()
    plan = DeliveryPlan.objects.create(
        almo=almo,
        title=f"{almo.name} plan",
        first_year=first_year,
        last_year=last_year,
        status="in_force",
        council_signed_at=now,
        almo_signed_at=now,
    )
    PlanVersion.objects.create(plan=plan, number=1, summary="Signed off by the council and the ALMO.")
    library = list(Indicator.objects.filter(council__isnull=True).order_by("source", "code")[:indicators])
    plan_indicators = PlanIndicator.objects.bulk_create(PlanIndicator(plan=plan, indicator=i) for i in library)
    targets = {}
    for pi in plan_indicators:
        for year in range(first_year, last_year + 1):
            for quarter in (1, 2, 3, 4):
                targets[(pi.pk, year, quarter)] = Target(
                    plan_indicator=pi, year=year, quarter=quarter, value=Decimal("80"), tolerance=Decimal("3")
                )
    Target.objects.bulk_create(targets.values())
    returns = Return.objects.bulk_create(
        Return(plan=plan, year=y, quarter=q, status="accepted", due_on=dt.date(2027, 1, 1), accepted_at=now)
        for y, q in periods
    )
    actuals = []
    for return_record in returns:
        for pi in plan_indicators:
            indicator = pi.indicator
            value = Decimal(rng.randint(700, 950)) / 10
            target = targets[(pi.pk, return_record.year, return_record.quarter)]
            rag = rag_status(value, target.value, target.tolerance, indicator.polarity)
            commentary = rag in ("red", "amber")
            actuals.append(
                Actual(
                    return_record=return_record,
                    plan_indicator=pi,
                    value=value,
                    rag=rag,
                    numerator=value * 10 if indicator.is_ratio else None,
                    denominator=Decimal(1000) if indicator.is_ratio else None,
                    what_happened="Performance dipped over the quarter." if commentary else "",
                    why="Staff vacancies in the area team." if commentary else "",
                    recovery_action="Two posts filled from next month." if commentary else "",
                    expected_recovery=dt.date(2027, 3, 31) if commentary else None,
                )
            )
    Actual.objects.bulk_create(actuals)
    return plan, returns[-1]
