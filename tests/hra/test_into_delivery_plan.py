"""The stock condition fills RP01 and BV184a/b on the Delivery Plan's year-end return: no one types them again."""

from decimal import Decimal as D

import pytest

from delivery_plans import services as plan_services
from tests.api.records import make_plan
from tests.hra.conftest import make_stock

pytestmark = pytest.mark.django_db

STILL = dict(became_non_decent=0, demolitions=0, demolitions_non_decent=0, right_to_buy_sales=0,
             right_to_buy_non_decent=0, tenant_refusals=0)  # fmt: skip


def lines(return_record) -> dict:
    return {
        actual.plan_indicator.indicator.code: actual
        for actual in return_record.actuals.select_related("plan_indicator__indicator")
    }


def test_the_year_end_return_takes_rp01_and_bv184_from_the_stock_condition(almo, almo_staff):
    plan = make_plan(almo, codes=("RP01", "BV184a", "BV184b", "RP02(1)"), first_year=2025, last_year=2026)
    make_stock(almo, 2025, homes_at_start=5000, non_decent_at_start=700, failing_b=700, made_decent=200, **STILL)

    year_end = lines(plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4))
    rp01, bv184a, bv184b = year_end["RP01"], year_end["BV184a"], year_end["BV184b"]
    assert (rp01.numerator, rp01.denominator, rp01.value) == (500, 5000, D("10"))
    assert (bv184a.numerator, bv184a.denominator, bv184a.value) == (700, 5000, D("14"))
    assert bv184b.value == D("28.6")
    assert "2025/26 stock condition" in rp01.supplied_by
    assert year_end["RP02(1)"].supplied_by == ""

    # Another year's return, or a year with no stock condition, is left for a person.
    no_stock = lines(plan_services.return_open(actor=almo_staff, plan=plan, year=2026, quarter=1))
    assert all(line.supplied_by == "" for line in no_stock.values())


def test_another_almos_stock_never_reaches_this_return(almo, other_almo, almo_staff):
    plan = make_plan(almo, codes=("RP01",), first_year=2025, last_year=2026)
    make_stock(other_almo, 2025)
    year_end = lines(plan_services.return_open(actor=almo_staff, plan=plan, year=2025, quarter=4))
    assert year_end["RP01"].value is None and year_end["RP01"].supplied_by == ""
