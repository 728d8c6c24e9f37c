"""Reads for the scorecard: every ALMO's lines side by side for one quarter, with their last eight quarters.

Each read is one query however many ALMOs, indicators or quarters there are, so a dashboard built on them costs the
same number of queries for one ALMO as for seventy. Everything starts from the access rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q

from core import clock, variance
from core.periods import period_label, previous_period, quarters_back
from delivery_plans.models import Actual, Amendment, Concern, DeliveryPlan, Indicator, Query, Return

# A return the ALMO has sent: its figures are the ALMO's word to the council, whether or not accepted yet.
SENT = (Return.Status.SUBMITTED, Return.Status.RESUBMITTED, Return.Status.QUERIED, Return.Status.ACCEPTED)
HISTORY = 8


@dataclass
class Cell:
    """One ALMO's line for one indicator in the chosen quarter, with its trend and its last eight quarters."""

    actual_id: int
    return_id: int
    value: Decimal | None
    rag: str
    return_status: str
    direction: str | None = None
    history: list[Decimal | None] = field(default_factory=list)


@dataclass
class ScorecardRow:
    indicator: Indicator
    cells: list[Cell | None]

    @property
    def reds(self) -> int:
        return sum(1 for cell in self.cells if cell and cell.rag == variance.RED)


def scorecard_periods(user, almo_ids) -> list[tuple[int, int]]:
    """The quarters with a sent return of any of these ALMOs, newest first."""
    periods = (
        Return.objects.restrict(user)
        .filter(plan__almo__in=almo_ids, status__in=SENT)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )
    return list(periods)


def default_period(user, almo_ids) -> tuple[int, int] | None:
    """The latest quarter with an accepted or submitted return: the one a council officer looks at first."""
    latest = (
        Return.objects.restrict(user)
        .filter(
            plan__almo__in=almo_ids,
            status__in=[Return.Status.ACCEPTED, Return.Status.SUBMITTED, Return.Status.RESUBMITTED],
        )
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return tuple(latest) if latest else None


def scorecard(user, almo_ids: list[int], year: int, quarter: int, group: str = "") -> list[ScorecardRow]:
    """A row per indicator reported by any of the ALMOs in the last eight quarters, a cell per ALMO (in the order of
    `almo_ids`; None where it has no line that quarter). Two queries: the lines, then their indicators.
    """
    periods = quarters_back(year, quarter, HISTORY)
    wanted = set(periods)
    before = previous_period(year, quarter)
    lines = (
        Actual.objects.restrict(user)
        .filter(
            return_record__plan__almo__in=almo_ids,
            return_record__year__in=sorted({y for y, _ in periods}),
            return_record__status__in=SENT,
        )
        .order_by(
            "return_record__plan__almo_id",
            "plan_indicator__indicator_id",
            "return_record__year",
            "return_record__quarter",
            # Where two plans cover a quarter, the newer plan's line wins: it is read first and kept.
            "-return_record__plan__first_year",
            "-return_record_id",
        )
        .values_list(
            "pk",
            "return_record_id",
            "return_record__plan__almo_id",
            "plan_indicator__indicator_id",
            "return_record__year",
            "return_record__quarter",
            "value",
            "rag",
            "return_record__status",
        )
    )
    if group:
        lines = lines.filter(plan_indicator__indicator__group=group)
    found: dict[tuple[int, int, int, int], tuple] = {}
    for line in lines:
        key = (line[2], line[3], line[4], line[5])
        if (line[4], line[5]) in wanted and key not in found:
            found[key] = line
    indicator_ids = {indicator_id for _almo, indicator_id, _y, _q in found}
    indicators = Indicator.objects.filter(pk__in=indicator_ids).order_by("sort_key", "pk")
    rows = []
    for indicator in indicators:
        cells = []
        for almo_id in almo_ids:
            line = found.get((almo_id, indicator.pk, year, quarter))
            if line is None:
                cells.append(None)
                continue
            previous = found.get((almo_id, indicator.pk, *before))
            cells.append(
                Cell(
                    actual_id=line[0],
                    return_id=line[1],
                    value=line[6],
                    rag=line[7],
                    return_status=line[8],
                    direction=variance.trend(line[6], previous[6] if previous else None, indicator.polarity),
                    history=[
                        found[(almo_id, indicator.pk, *period)][6]
                        if (almo_id, indicator.pk, *period) in found
                        else None
                        for period in periods
                    ],
                )
            )
        rows.append(ScorecardRow(indicator, cells))
    return rows


def scorecard_labels(year: int, quarter: int) -> list[str]:
    return [period_label(y, q) for y, q in quarters_back(year, quarter, HISTORY)]


def themes(user, almo_ids) -> list[str]:
    """The indicator groups (themes) the ALMOs' plans monitor, for the scorecard's filter."""
    groups = (
        Indicator.objects.restrict(user)
        .filter(plan_uses__plan__almo__in=almo_ids)
        .exclude(group="")
        .values_list("group", flat=True)
        .distinct()
        .order_by("group")
    )
    return list(groups)


@dataclass
class WorkCounts:
    """What is outstanding with one ALMO: returns due and overdue, open queries, amendments and concerns."""

    returns_due: int = 0
    returns_overdue: int = 0
    open_queries: int = 0
    open_amendments: int = 0
    open_concerns: int = 0
    plan_id: int | None = None


def work_counts(user, almo_ids) -> dict[int, WorkCounts]:
    """Each ALMO's outstanding work, in five grouped queries whatever the number of ALMOs.

    A return is due while the ALMO has it to fill in or to answer queries on and its due date has not passed;
    overdue once its due date has passed and the council has not accepted it.
    """
    today = clock.today()
    counts = {almo_id: WorkCounts() for almo_id in almo_ids}
    returns = (
        Return.objects.restrict(user)
        .filter(plan__almo__in=almo_ids)
        .values_list("plan__almo_id")
        .annotate(
            due=Count("pk", filter=Q(status__in=[Return.Status.DRAFT, Return.Status.QUERIED], due_on__gte=today)),
            overdue=Count("pk", filter=Q(due_on__lt=today) & ~Q(status=Return.Status.ACCEPTED)),
        )
        .order_by()
    )
    for almo_id, due, overdue in returns:
        counts[almo_id].returns_due, counts[almo_id].returns_overdue = due, overdue
    grouped = (
        (
            Query.objects.restrict(user).open().filter(status=Query.Status.OPEN),
            "actual__return_record__plan__almo_id",
            "open_queries",
        ),
        (Amendment.objects.restrict(user).open(), "plan__almo_id", "open_amendments"),
        (Concern.objects.restrict(user).open(), "plan__almo_id", "open_concerns"),
    )
    for queryset, path, name in grouped:
        for almo_id, number in (
            queryset.filter(**{f"{path}__in": almo_ids}).values_list(path).annotate(n=Count("pk")).order_by()
        ):
            setattr(counts[almo_id], name, number)
    # The plan in force, whose page lists the returns; the newest if two are.
    plans = (
        DeliveryPlan.objects.restrict(user)
        .in_force()
        .filter(almo__in=almo_ids)
        .order_by("almo_id", "first_year", "pk")
        .values_list("almo_id", "pk")
    )
    for almo_id, plan_id in plans:
        counts[almo_id].plan_id = plan_id
    return counts
