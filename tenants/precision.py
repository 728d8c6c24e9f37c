"""Survey precision as the Regulator asks for it: the margin of error at 95 per cent confidence.

margin = 1.96 x sqrt(p(1 - p) / n) x sqrt((N - n) / (N - 1)), with p = 0.5 (the widest margin), n the responses
achieved and N the households of the tenure surveyed (the finite population correction).

The margin required depends on the landlord's stock of the tenure: under 2,500 households ±5%; 2,500 to 9,999
±4%; 10,000 to 24,999 ±3%; 25,000 or more ±2%. The responses needed for a margin e are
n = n0 / (1 + (n0 - 1) / N), n0 = 1.96² x 0.25 / e², taken to the whole response below, as the Regulator's own
worked figure is (7,271 households at ±4%: n0 = 600.25, n = 554.5, so 554 responses).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from core.numbers import round_half_up

Z_95 = Decimal("1.96")
# (households from, required margin in percentage points), largest band first.
BANDS = ((25_000, 2), (10_000, 3), (2_500, 4), (0, 5))
MARGIN_PLACES = 2


def required_margin(population: int) -> int:
    """The margin, in percentage points, the Regulator requires for a stock of `population` households."""
    return next(margin for start, margin in BANDS if population >= start)


def margin_of_error(achieved: int, population: int) -> Decimal | None:
    """The achieved margin, in percentage points to two places; None with no responses. A census has none."""
    if achieved <= 0 or population <= 0 or achieved > population:
        return None
    if population == 1 or achieved == population:
        return Decimal("0.00")
    variance = Decimal("0.25") / achieved
    correction = Decimal(population - achieved) / Decimal(population - 1)
    margin = Z_95 * variance.sqrt() * correction.sqrt() * 100
    return round_half_up(margin, MARGIN_PLACES)


def responses_needed(population: int, margin_points: int) -> int:
    """Responses a survey of `population` households needs for a margin of ±`margin_points` per cent."""
    if population <= 0:
        return 0
    error = Decimal(margin_points) / 100
    n0 = Z_95 * Z_95 * Decimal("0.25") / (error * error)
    needed = n0 / (1 + (n0 - 1) / Decimal(population))
    return min(population, math.floor(needed))


@dataclass(frozen=True)
class Precision:
    achieved: int
    population: int

    @property
    def margin(self) -> Decimal | None:
        return margin_of_error(self.achieved, self.population)

    @property
    def required(self) -> int:
        return required_margin(self.population)

    @property
    def needed(self) -> int:
        return responses_needed(self.population, self.required)

    @property
    def further_needed(self) -> int:
        """More responses needed to reach the required precision; 0 once it is reached."""
        return max(0, self.needed - self.achieved)

    @property
    def meets(self) -> bool:
        return self.achieved > 0 and self.further_needed == 0
