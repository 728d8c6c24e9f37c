"""Quartiles, quartile positions and ranks, the way HouseMark-style benchmarking reports them.

Method: the inclusive method (Excel's QUARTILE.INC, PostgreSQL's percentile_cont, Python's
`statistics.quantiles(method="inclusive")`). With the n values sorted, the quartile k (1, 2, 3) sits at
position p = (n - 1) x k / 4 counting from 0; between two values it is interpolated:
    Q = x[floor(p)] + (p - floor(p)) x (x[floor(p) + 1] - x[floor(p)])

Quartile position 1 is the best quarter, whichever way is better:
- higher is better: 1 at or above the upper quartile, 2 at or above the median, 3 at or above the lower quartile,
  otherwise 4;
- lower is better: 1 at or below the lower quartile, 2 at or below the median, 3 at or below the upper quartile,
  otherwise 4;
- neither (data only, such as complaints per 1,000 homes): no position and no rank.
A value on a boundary goes to the better quarter. Rank 1 is the best value; equal values share a rank
(1, 2, 2, 4).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import round_half_up

HIGHER, LOWER = "higher", "lower"
# Fewer peers than this and the boundaries would give away single organisations' figures: show none.
MIN_PEERS = 3
QUARTILE_PLACES = 4


@dataclass(frozen=True)
class Quartiles:
    lower: Decimal
    median: Decimal
    upper: Decimal


def quartiles(sorted_values: list[Decimal]) -> Quartiles:
    """QUARTILE.INC of values already sorted ascending; there must be at least one."""
    return Quartiles(*(_at(sorted_values, k) for k in (1, 2, 3)))


def _at(values: list[Decimal], k: int) -> Decimal:
    position = Decimal(len(values) - 1) * k / 4
    below = int(position)
    fraction = position - below
    if fraction == 0:
        return round_half_up(values[below], QUARTILE_PLACES)
    return round_half_up(values[below] + fraction * (values[below + 1] - values[below]), QUARTILE_PLACES)


def quartile_position(value: Decimal, bounds: Quartiles, polarity: str) -> int | None:
    if polarity == HIGHER:
        return 1 if value >= bounds.upper else 2 if value >= bounds.median else 3 if value >= bounds.lower else 4
    if polarity == LOWER:
        return 1 if value <= bounds.lower else 2 if value <= bounds.median else 3 if value <= bounds.upper else 4
    return None


def rank(value: Decimal, sorted_values: list[Decimal], polarity: str) -> int | None:
    """1 plus the number of peers strictly better than `value`."""
    if polarity == HIGHER:
        return len(sorted_values) - bisect_right(sorted_values, value) + 1
    if polarity == LOWER:
        return bisect_left(sorted_values, value) + 1
    return None
