"""The demo: every demo council and ALMO gets three years of figures, the stories show, a second run changes nothing."""

from decimal import Decimal

import pytest

from hra import demo, projection, selectors
from hra.models import (
    AllocationAgreement,
    CapitalReceipt,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    ProgrammeQuarter,
    ReprofileRequest,
    StockCondition,
)
from organisations import demo as organisations_demo

pytestmark = pytest.mark.django_db

MODELS = [
    HraYear, HraLine, AllocationAgreement, CapitalReceipt, DecentHomesProgramme, ProgrammeQuarter, ReprofileRequest,
    StockCondition, InvestmentPlan,
]  # fmt: skip


@pytest.fixture
def loaded():
    organisations_demo.load()
    demo.load()


def _counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def test_three_years_for_every_council_and_almo(loaded):
    assert HraYear.objects.count() == 3 * 3
    assert DecentHomesProgramme.objects.count() == 5 * 3
    assert StockCondition.objects.count() == 5 * 3
    assert InvestmentPlan.objects.count() == 5


def test_a_second_run_changes_nothing(loaded):
    before = _counts()
    history = HraLine.history.count() + ProgrammeQuarter.history.count()
    demo.load()
    assert _counts() == before
    assert HraLine.history.count() + ProgrammeQuarter.history.count() == history


def test_the_stories_show(loaded):
    north_2025 = HraLine.objects.get(name="Repairs and maintenance: Harrowfield North Homes", hra_year__year=2025)
    assert selectors.line_assessment(north_2025, 4).rag == "red" and north_2025.commentary
    kelworth = HraLine.objects.get(name="Repairs and maintenance: Kelworth Homes", hra_year__year=2026)
    assert selectors.line_rows([kelworth])[0].needs_commentary
    harrowfield_2026 = HraYear.objects.get(council__slug="harrowfield", year=2026)
    lines = list(harrowfield_2026.lines.select_related("category", "holder"))
    flags = selectors.hra_checks(harrowfield_2026, lines, list(harrowfield_2026.allocations.select_related("almo")))
    assert any("General Fund" in flag.message for flag in flags)
    assert not any("management fee lines" in flag.message for flag in flags)
    assert ReprofileRequest.objects.filter(status="proposed", programme__almo__slug="kelworth-homes").exists()
    for plan in InvestmentPlan.objects.all():
        rows = projection.project(plan.first_year, plan.archetypes.all(), plan.resources.all())
        assert projection.first_shortfall(rows) is not None, plan


def test_each_years_opening_balance_is_the_last_outturn(loaded):
    for hra_year in HraYear.objects.filter(year__gt=2024):
        assert selectors.previous_closing(hra_year) == hra_year.opening_balance


def test_stock_condition_follows_on_year_to_year(loaded):
    for stock in StockCondition.objects.filter(year__gt=2024):
        before = StockCondition.objects.get(almo=stock.almo, year=stock.year - 1)
        assert stock.homes_at_start == before.homes_at_end
        assert stock.non_decent_at_start == before.non_decent_at_end
        sold = sum(
            r.homes
            for r in CapitalReceipt.objects.filter(allocation__almo=stock.almo, allocation__hra_year__year=stock.year)
        )
        assert stock.right_to_buy_sales == sold
    assert all(s.made_decent > 0 for s in StockCondition.objects.all())
    assert sum(q.spend or Decimal(0) for q in ProgrammeQuarter.objects.all()) > 0


def test_every_demo_hra_keeps_its_working_balance_above_the_minimum(loaded):
    for hra_year in HraYear.objects.all():
        lines = list(hra_year.lines.select_related("category"))
        for measure in ("budget", selectors.latest_measure(lines)):
            closing = selectors.totals(hra_year, lines, measure).closing
            assert hra_year.minimum_balance <= closing < hra_year.minimum_balance * 3, (str(hra_year), closing)
