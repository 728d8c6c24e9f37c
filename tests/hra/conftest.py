"""Fixtures for the HRA and Decent Homes tests: records made straight in the database, so tests start quickly.

Workflow tests then act through the pages, the API and the services, as people and systems do.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from hra.categories import CATEGORIES, load_categories
from hra.models import (
    AllocationAgreement,
    Archetype,
    Component,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    LineCategory,
    ProgrammeQuarter,
    ReprofileRequest,
    Resource,
    StockCondition,
)
from organisations.access import Party

D = Decimal


def category(code: str) -> LineCategory:
    return LineCategory.objects.get(code=code)


def make_year(council, year=2026, **values) -> HraYear:
    defaults = {
        "opening_balance": D("5000000"),
        "minimum_balance": D("2000000"),
        "general_fund_recharge_limit": D("600000"),
        "tolerance_percent": D("2"),
    }
    return HraYear.objects.create(council=council, year=year, **{**defaults, **values})


def make_line(hra_year, code, name, budget, holder=None, **figures) -> HraLine:
    return HraLine.objects.create(
        hra_year=hra_year, category=category(code), name=name, holder=holder, budget=D(budget), **figures
    )


def make_allocation(hra_year, almo, fee="1000000", agreed=True, council_user=None, almo_user=None):
    now = timezone.now()
    return AllocationAgreement.objects.create(
        hra_year=hra_year,
        almo=almo,
        management_fee=D(fee),
        almo_share_percent=D("20"),
        council_share_percent=D("55"),
        pooled_percent=D("25"),
        council_agreed_by=council_user if agreed else None,
        council_agreed_at=now if agreed else None,
        almo_agreed_by=almo_user if agreed else None,
        almo_agreed_at=now if agreed else None,
    )


def make_programme(almo, year=2026, allocation="1000000", profile=None, agreed=True, users=(None, None), **values):
    now = timezone.now() if agreed else None
    programme = DecentHomesProgramme.objects.create(
        almo=almo,
        year=year,
        allocation=D(allocation),
        council_agreed_at=now,
        almo_agreed_at=now,
        council_agreed_by=users[0] if agreed else None,
        almo_agreed_by=users[1] if agreed else None,
        **values,
    )
    profile = profile or {1: "200000", 2: "250000", 3: "300000", 4: "250000"}
    for quarter, amount in profile.items():
        ProgrammeQuarter.objects.create(programme=programme, quarter=quarter, profile=D(amount))
    return programme


def make_reprofile(programme, proposer, party=Party.ALMO, **new):
    profile = {q.quarter: q.profile for q in programme.quarters.all()}
    return ReprofileRequest.objects.create(
        programme=programme,
        proposed_by=proposer,
        proposed_by_party=party,
        reason="Contractor delays",
        **{f"new_q{q}": new.get(f"new_q{q}", profile[q]) for q in (1, 2, 3, 4)},
    )


def make_stock(almo, year=2025, **counts) -> StockCondition:
    values = {
        "homes_at_start": 5000,
        "non_decent_at_start": 800,
        "failing_a": 50,
        "failing_b": 400,
        "failing_c": 250,
        "failing_d": 300,
        "made_decent": 300,
        "became_non_decent": 60,
        "tenant_refusals": 20,
        "demolitions": 10,
        "demolitions_non_decent": 10,
        "right_to_buy_sales": 15,
        "right_to_buy_non_decent": 2,
        "transfers": 0,
        "transfers_non_decent": 0,
    }
    return StockCondition.objects.create(almo=almo, year=year, **{**values, **counts})


def make_investment_plan(almo, first_year=2026) -> InvestmentPlan:
    plan = InvestmentPlan.objects.create(almo=almo, first_year=first_year, title=f"Investment plan {almo.name}")
    flats = Archetype.objects.create(plan=plan, name="1960s flats", homes=100)
    Component.objects.create(archetype=flats, name="Kitchen", unit_cost=D("5000"), lifetime_years=20, age_years=25)
    Component.objects.create(archetype=flats, name="Heating", unit_cost=D("4000"), lifetime_years=15, age_years=5)
    Resource.objects.create(
        plan=plan, source=Resource.Source.MAJOR_REPAIRS_ALLOWANCE, from_year=1, to_year=30, amount_per_year=D("20000")
    )
    Resource.objects.create(
        plan=plan, source=Resource.Source.SUPPORTED_BORROWING, from_year=1, to_year=1, amount_per_year=D("480000")
    )
    return plan


@pytest.fixture(autouse=True)
def line_categories(request):
    """The shipped categories, loaded again where a transactional test (a browser test) has flushed the migration's
    rows from a reused test database."""
    if request.node.get_closest_marker("django_db") is None and "db" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db" if "transactional_db" in request.fixturenames else "db")
    if LineCategory.objects.count() < len(CATEGORIES):
        load_categories(LineCategory)


@pytest.fixture
def hra_year(council):
    return make_year(council)


@pytest.fixture
def other_hra_year(other_almo):
    return make_year(other_almo.council)


@pytest.fixture
def lines(hra_year, almo):
    """A small HRA: rents, the ALMO's fee and repairs, and the council's own lines; it balances with a surplus."""
    return {
        "rents": make_line(hra_year, "dwelling-rents", "Rents", "10000000"),
        "fee": make_line(hra_year, "management-fee", "Management fee: Northmoor Homes", "3000000", holder=almo),
        "repairs": make_line(hra_year, "repairs", "Repairs: Northmoor Homes", "2500000", holder=almo),
        "supervision": make_line(hra_year, "supervision-management", "Supervision", "1000000"),
        "recharges": make_line(hra_year, "general-fund-recharges", "Recharges from the General Fund", "500000"),
        "financing": make_line(hra_year, "capital-financing", "Capital financing", "2800000"),
    }


@pytest.fixture
def allocation(hra_year, almo, lines, council_officer, almo_staff):
    return make_allocation(hra_year, almo, fee="3000000", council_user=council_officer, almo_user=almo_staff)


@pytest.fixture
def other_allocation(other_hra_year, other_almo):
    return make_allocation(other_hra_year, other_almo)


@pytest.fixture
def programme(almo, council_officer, almo_staff):
    return make_programme(almo, users=(council_officer, almo_staff))


@pytest.fixture
def other_programme(other_almo):
    return make_programme(other_almo)


@pytest.fixture
def stock(almo):
    return make_stock(almo)


@pytest.fixture
def other_stock(other_almo):
    return make_stock(other_almo)


@pytest.fixture
def investment_plan(almo):
    return make_investment_plan(almo)


@pytest.fixture
def other_investment_plan(other_almo):
    return make_investment_plan(other_almo)


@pytest.fixture
def today():
    return dt.date(2027, 1, 20)


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture(autouse=True)
def generous_rate_limits(settings):
    """Throttling has its own tests; counts left in the shared cache by earlier runs must not matter here."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api": "100000/minute", "export": "100000/minute"},
    }
