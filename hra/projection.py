"""The thirty-year projection: what the stock needs each year to reach and keep the standard, against the money.

Pure arithmetic over loaded records. A component past its lifetime is due in the first year (reaching the
standard); after that each is replaced every `lifetime_years` (keeping it). The gap is the resources less the
need; the balance carries it forward, and the year it first falls below zero is when the money runs short.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.periods import financial_year_label
from hra.models import HORIZON_YEARS

ZERO = Decimal(0)


@dataclass(frozen=True)
class YearRow:
    index: int  # 1 to 30
    year: int
    need: Decimal
    resources: Decimal
    balance: Decimal  # resources less need, carried forward from year 1

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def gap(self) -> Decimal:
        return self.resources - self.need


def component_due_years(lifetime: int, age: int, horizon: int = HORIZON_YEARS) -> list[int]:
    """The years of the plan (1 to `horizon`) in which a component of this lifetime and age is replaced."""
    first = max(1, lifetime - age + 1)
    return list(range(first, horizon + 1, lifetime))


def need_by_year(archetypes) -> list[Decimal]:
    """Each year's cost over the plan; archetypes come with their components loaded."""
    need = [ZERO] * HORIZON_YEARS
    for archetype in archetypes:
        for component in archetype.components.all():
            cost = Decimal(archetype.homes) * component.per_home * component.unit_cost
            for index in component_due_years(component.lifetime_years, component.age_years):
                need[index - 1] += cost
    return need


def resources_by_year(resources) -> list[Decimal]:
    money = [ZERO] * HORIZON_YEARS
    for resource in resources:
        for index in range(resource.from_year, resource.to_year + 1):
            money[index - 1] += resource.amount_per_year
    return money


def project(first_year: int, archetypes, resources) -> list[YearRow]:
    need, money = need_by_year(archetypes), resources_by_year(resources)
    rows, balance = [], ZERO
    for index in range(HORIZON_YEARS):
        balance += money[index] - need[index]
        rows.append(YearRow(index + 1, first_year + index, need[index], money[index], balance))
    return rows


def first_shortfall(rows: list[YearRow]) -> YearRow | None:
    """The first year the money carried forward falls below zero."""
    return next((row for row in rows if row.balance < 0), None)
