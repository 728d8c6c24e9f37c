"""Benchmarking on screen: where one ALMO's figures sit among a peer group's quartiles, for one quarter.

The peer group's accepted figures are read for their statistics only: their quartiles, count and the ALMO's rank leave
this module, never a peer's own figure. The ALMO's figures come through the access rule. Three queries whatever the
size of the group or the number of indicators.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Case, IntegerField, Value, When

from benchmarking import quartiles as q
from core.numbers import format_number
from delivery_plans.models import Actual, Indicator, Return

ACCEPTED = Return.Status.ACCEPTED
# A sent return's figures: the ALMO's own, placed among the peers even before the council accepts them.
SENT = (Return.Status.SUBMITTED, Return.Status.RESUBMITTED, Return.Status.QUERIED, ACCEPTED)
QUARTILE_WORDS = {1: "top quartile", 2: "second quartile", 3: "third quartile", 4: "bottom quartile"}


@dataclass
class Position:
    """One indicator: the ALMO's figure, the group's boundaries (None with too few peers), and where it falls."""

    indicator: Indicator
    value: Decimal
    provisional: bool
    actual_id: int
    return_id: int
    peer_count: int
    bounds: q.Quartiles | None
    position: int | None
    rank: int | None

    @property
    def summary(self) -> str:
        """The position in a sentence, for people who do not read the chart."""
        places = self.indicator.decimal_places
        figure = format_number(self.value, places)
        if self.bounds is None:
            return (
                f"{figure}. Too few peers have an accepted figure ({self.peer_count}, at least {q.MIN_PEERS} are "
                "needed) to show quartiles without giving away a single organisation's figure."
            )
        lq, median, uq = (format_number(b, places) for b in (self.bounds.lower, self.bounds.median, self.bounds.upper))
        spread = f"the peer group's middle half runs from {lq} to {uq}, median {median}"
        if self.position is None:
            return f"{figure}; {spread}. Neither higher nor lower is better for this indicator, so it has no position."
        rank = f", ranked {self.rank} of {self.peer_count}" if self.rank else ""
        return f"{figure}, in the {QUARTILE_WORDS[self.position]}{rank}; {spread}."


def positions(user, *, almo, peer_group, year: int, quarter: int) -> list[Position]:
    """Each indicator the ALMO reported that quarter, placed among the peer group's accepted figures."""
    return _positions(Actual.objects.restrict(user), almo=almo, peer_group=peer_group, year=year, quarter=quarter)


def positions_owned(*, almo, peer_group, year: int, quarter: int) -> list[Position]:
    """The same for a report about the ALMO, made with no one signed in: its own lines, through `owned_by`."""
    return _positions(Actual.objects.owned_by(almo=almo), almo=almo, peer_group=peer_group, year=year, quarter=quarter)


def _positions(lines, *, almo, peer_group, year: int, quarter: int) -> list[Position]:
    own = (
        lines.filter(
            return_record__plan__almo=almo,
            return_record__year=year,
            return_record__quarter=quarter,
            return_record__status__in=SENT,
            value__isnull=False,
        )
        # Accepted first, then the newer plan's line, where two cover the quarter.
        .order_by(
            "plan_indicator__indicator_id",
            Case(When(return_record__status=ACCEPTED, then=Value(0)), default=Value(1), output_field=IntegerField()),
            "-return_record__plan__first_year",
            "-return_record_id",
        )
        .values_list("plan_indicator__indicator_id", "value", "return_record__status", "pk", "return_record_id")
    )
    mine: dict[int, tuple] = {}
    for line in own:
        mine.setdefault(line[0], line)
    peers = (
        Actual.objects.filter(
            return_record__plan__almo__in=peer_group.members().values("pk"),
            return_record__year=year,
            return_record__quarter=quarter,
            return_record__status=ACCEPTED,
            plan_indicator__indicator_id__in=list(mine),
            value__isnull=False,
        )
        .order_by(
            "plan_indicator__indicator_id",
            "return_record__plan__almo_id",
            "-return_record__plan__first_year",
            "-return_record_id",
        )
        .values_list("plan_indicator__indicator_id", "return_record__plan__almo_id", "value")
    )
    figures: dict[int, dict[int, Decimal]] = {}
    for indicator_id, almo_id, value in peers:
        figures.setdefault(indicator_id, {}).setdefault(almo_id, value)
    result = []
    for indicator in Indicator.objects.filter(pk__in=list(mine)).order_by("sort_key", "pk"):
        _id, value, status, actual_id, return_id = mine[indicator.pk]
        values = sorted(figures.get(indicator.pk, {}).values())
        bounds = q.quartiles(values) if len(values) >= q.MIN_PEERS else None
        accepted = status == ACCEPTED
        result.append(
            Position(
                indicator=indicator,
                value=value,
                provisional=not accepted,
                actual_id=actual_id,
                return_id=return_id,
                peer_count=len(values),
                bounds=bounds,
                position=q.quartile_position(value, bounds, indicator.polarity) if bounds else None,
                # A provisional figure is not among the accepted ones it would be ranked against.
                rank=q.rank(value, values, indicator.polarity) if bounds and accepted else None,
            )
        )
    return result


def overview(rows: list[Position]) -> str:
    """The whole picture in a sentence: how many indicators fall in the top and in the bottom quartile."""
    placed = [row for row in rows if row.position]
    if not placed:
        return "No indicator has a quartile position for this peer group and quarter."
    top = sum(1 for row in placed if row.position == 1)
    bottom = sum(1 for row in placed if row.position == 4)
    return (
        f"Of {len(placed)} indicator{'s' if len(placed) != 1 else ''} with a quartile position, {top} "
        f"{'is' if top == 1 else 'are'} in the top quartile and {bottom} in the bottom quartile."
    )


def compared_periods(user) -> list[tuple[int, int]]:
    """Quarters with accepted returns the person may see, newest first: the ones with peer statistics to show."""
    periods = (
        Return.objects.restrict(user)
        .filter(status=ACCEPTED)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )
    return list(periods)
