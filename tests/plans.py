"""Shared delivery plan fixtures: a plan in force, and a helper to fill in a return."""

import datetime as dt
from decimal import Decimal

import pytest

from delivery_plans import services
from delivery_plans.library import load_library
from delivery_plans.models import DeliveryPlan, Indicator, Objective, PlanIndicator, Target


@pytest.fixture
def plan(almo, almo_staff, council_officer):
    """A plan in force for `almo`: RP02(1) (a percentage ratio, higher is better) and BV212 (days, lower is better)."""
    load_library(Indicator)  # tests on a transactional database start with the migration's rows flushed
    plan = DeliveryPlan.objects.create(almo=almo, title="Delivery Plan 2025 to 2027", first_year=2025, last_year=2026)
    objective = Objective.objects.create(plan=plan, title="Repairs done right first time", kind="national")
    for code, target, tolerance in (("RP02(1)", "90", "2"), ("BV212", "28", "3")):
        plan_indicator = PlanIndicator.objects.create(
            plan=plan, indicator=Indicator.objects.get(council=None, code=code), objective=objective
        )
        for year in (2025, 2026):
            for quarter in (1, 2, 3, 4):
                Target.objects.create(
                    plan_indicator=plan_indicator,
                    year=year,
                    quarter=quarter,
                    value=Decimal(target),
                    tolerance=Decimal(tolerance),
                )
    services.plan_sign(actor=council_officer, plan=plan)
    services.plan_sign(actor=almo_staff, plan=plan)
    plan.refresh_from_db()
    return plan


COMMENTARY = {
    "what_happened": "Fewer repairs were done on time.",
    "why": "Two contractor crews were off sick.",
    "recovery_action": "Agency crews booked for six weeks.",
    "expected_recovery": dt.date(2027, 3, 31),
}


def fill(return_record, actor, rp02=("450", "500"), bv212=("2500", "100"), commentary=None):
    """Enter figures for both lines of a return through the service: numerators and denominators."""
    figures = {"RP02(1)": rp02, "BV212": bv212}
    rows = {}
    for actual in return_record.actuals.select_related("plan_indicator__indicator"):
        numerator, denominator = figures[actual.plan_indicator.indicator.code]
        rows[actual.pk] = {"numerator": numerator, "denominator": denominator, **(commentary or {})}
    return services.return_save(actor=actor, return_record=return_record, rows=rows)
