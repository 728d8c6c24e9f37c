"""The variance engine: one place that judges an actual against a target.

Pure functions over decimals, with no database access, so Delivery Plans, HRA budgets and SLA
service standards all judge performance the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from core.numbers import round_half_up

GREEN, AMBER, RED = "green", "amber", "red"
DATA_ONLY, NO_TARGET, NOT_REPORTED = "data_only", "no_target", "not_reported"

IMPROVING, WORSENING, NO_CHANGE = "improving", "worsening", "no_change"
# For indicators with no better direction (complaints per 1,000 homes), a move is only up or down.
UP, DOWN = "up", "down"
TREND_LABELS = {
    IMPROVING: "Improving",
    WORSENING: "Worsening",
    NO_CHANGE: "No change",
    UP: "Up",
    DOWN: "Down",
    None: "No earlier figure",
}

HIGHER, LOWER, NEITHER = "higher", "lower", "neither"


@dataclass(frozen=True)
class Assessment:
    """How one actual compares with its target and with earlier periods."""

    rag: str
    variance: Decimal | None = None
    percent_variance: Decimal | None = None
    trend_previous: str | None = None
    trend_year_ago: str | None = None

    @property
    def needs_commentary(self) -> bool:
        return self.rag in (RED, AMBER)


def rag_status(actual, target, tolerance, polarity: str) -> str:
    """Green on or better than target; amber within the tolerance band; red beyond it.

    The band's edge counts as amber: an actual exactly `tolerance` away from target is within tolerance.
    """
    if actual is None:
        return NOT_REPORTED
    if polarity == NEITHER:
        return DATA_ONLY
    if target is None:
        return NO_TARGET
    actual, target, tolerance = Decimal(actual), Decimal(target), Decimal(tolerance or 0)
    shortfall = target - actual if polarity == HIGHER else actual - target
    if shortfall <= 0:
        return GREEN
    if shortfall <= tolerance:
        return AMBER
    return RED


def trend(current, earlier, polarity: str) -> str | None:
    """Whether the figure has moved the right way since an earlier period."""
    if current is None or earlier is None:
        return None
    change = Decimal(current) - Decimal(earlier)
    if change == 0:
        return NO_CHANGE
    if polarity == NEITHER:
        return UP if change > 0 else DOWN
    better = change > 0 if polarity == HIGHER else change < 0
    return IMPROVING if better else WORSENING


def assess(actual, target, tolerance, polarity: str, previous=None, year_ago=None) -> Assessment:
    """Judge one actual: variance, percentage variance, RAG, and trend against two earlier periods."""
    variance = percent = None
    if actual is not None and target is not None:
        variance = Decimal(actual) - Decimal(target)
        if Decimal(target) != 0:
            percent = round_half_up(variance / abs(Decimal(target)) * 100, 1)
    return Assessment(
        rag=rag_status(actual, target, tolerance, polarity),
        variance=variance,
        percent_variance=percent,
        trend_previous=trend(actual, previous, polarity),
        trend_year_ago=trend(actual, year_ago, polarity),
    )
