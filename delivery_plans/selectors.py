"""Reads for Delivery Plans that need more than a queryset method."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from core import registries, variance
from delivery_plans.models import Actual, Amendment, PlanIndicator, Return, Target


@dataclass
class ActualRow:
    """One line of a return as people read it: the figure, its target and how it compares."""

    actual: Actual
    target: Target | None
    assessment: variance.Assessment
    previous: Actual | None
    year_ago: Actual | None

    @property
    def indicator(self):
        return self.actual.plan_indicator.indicator


# Units that add up over the year: a whole-year target for them is not a target for one quarter.
CUMULATIVE_UNITS = ("count", "pounds")


def target_for(targets: dict, plan_indicator_id: int, year: int, quarter: int, unit: str = "") -> Target | None:
    """The quarter's target, or the year's where the plan sets only an annual one.

    A rate or a percentage is judged against the annual target in any quarter; a count or a sum of
    money only in Q4, because a quarter's running total cannot be held to the whole year's.
    """
    quarterly = targets.get((plan_indicator_id, year, quarter))
    if quarterly or (unit in CUMULATIVE_UNITS and quarter != 4):
        return quarterly
    return targets.get((plan_indicator_id, year, Target.WHOLE_YEAR))


def targets_by_period(plan_id: int, years) -> dict:
    targets = Target.objects.filter(plan_indicator__plan_id=plan_id, year__in=years)
    return {(t.plan_indicator_id, t.year, t.quarter): t for t in targets}


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def return_rows(return_record: Return) -> list[ActualRow]:
    """Every actual in a return, assessed against target and earlier returns, in a fixed number of queries."""
    year, quarter = return_record.year, return_record.quarter
    previous = previous_period(year, quarter)
    actuals = list(
        return_record.actuals.select_related("plan_indicator__indicator").prefetch_related("queries__messages")
    )
    targets = targets_by_period(return_record.plan_id, [year])
    earlier = Actual.objects.filter(
        return_record__plan_id=return_record.plan_id,
        return_record__year__in=[previous[0], year - 1],
    ).select_related("return_record")
    earlier_by_key = {(a.plan_indicator_id, a.return_record.year, a.return_record.quarter): a for a in earlier}
    rows = []
    for actual in actuals:
        indicator = actual.plan_indicator.indicator
        target = target_for(targets, actual.plan_indicator_id, year, quarter, indicator.unit)
        before = earlier_by_key.get((actual.plan_indicator_id, *previous))
        year_ago = earlier_by_key.get((actual.plan_indicator_id, year - 1, quarter))
        assessment = variance.assess(
            actual.value,
            target.value if target else None,
            target.tolerance if target else 0,
            indicator.polarity,
            previous=before.value if before else None,
            year_ago=year_ago.value if year_ago else None,
        )
        rows.append(ActualRow(actual, target, assessment, before, year_ago))
    return rows


def rag_counts(rows: list[ActualRow]) -> dict[str, int]:
    """How many lines have each status. "No target", "data only" and "not reported" are each counted apart:
    a line with no target is not a data-only indicator, and neither is a figure still to come.
    """
    statuses = (variance.RED, variance.AMBER, variance.GREEN, variance.NO_TARGET, variance.DATA_ONLY)
    counts = {status: 0 for status in (*statuses, variance.NOT_REPORTED)}
    for row in rows:
        counts[row.assessment.rag if row.assessment.rag in counts else variance.NOT_REPORTED] += 1
    return counts


def targets_grid(plan) -> list[dict]:
    """The plan's targets laid out as one table a year: a row per indicator, Q1 to Q4 then the whole year."""
    from core.periods import financial_year_label

    plan_indicators = list(
        PlanIndicator.objects.filter(plan=plan, is_active=True).select_related("indicator", "objective")
    )
    targets = targets_by_period(plan.pk, plan.years)
    periods = (1, 2, 3, 4, Target.WHOLE_YEAR)
    return [
        {
            "year": year,
            "label": financial_year_label(year),
            "rows": [
                {"plan_indicator": pi, "cells": [targets.get((pi.pk, year, quarter)) for quarter in periods]}
                for pi in plan_indicators
            ],
        }
        for year in plan.years
    ]


def quarters_back(year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """The `count` quarters ending with (year, quarter), oldest first."""
    periods = [(year, quarter)]
    while len(periods) < count:
        periods.append(previous_period(*periods[-1]))
    return list(reversed(periods))


def indicator_history(plan, year: int, quarter: int, count: int = 8) -> dict[int, list[dict]]:
    """Each plan indicator's actual and target over the last `count` quarters, in three queries."""
    periods = quarters_back(year, quarter, count)
    years = sorted({y for y, _ in periods})
    actuals = Actual.objects.filter(return_record__plan=plan, return_record__year__in=years).values_list(
        "plan_indicator_id", "return_record__year", "return_record__quarter", "value"
    )
    values = {(pi, y, q): value for pi, y, q, value in actuals}
    targets = targets_by_period(plan.pk, years)
    units = dict(PlanIndicator.objects.filter(plan=plan).values_list("pk", "indicator__unit"))
    history: dict[int, list[dict]] = {}
    for plan_indicator_id in {key[0] for key in values} | {key[0] for key in targets}:
        points = []
        for y, q in periods:
            target = target_for(targets, plan_indicator_id, y, q, units.get(plan_indicator_id, ""))
            points.append(
                {
                    "year": y,
                    "quarter": q,
                    "label": f"Q{q} {str(y)[2:]}/{str(y + 1)[2:]}",
                    "actual": values.get((plan_indicator_id, y, q)),
                    "target": target.value if target else None,
                    "tolerance": target.tolerance if target else None,
                }
            )
        history[plan_indicator_id] = points
    return history


def amendments_awaiting_decision(user):
    """Open amendments the other side proposed, which this person's side must agree or decline."""
    from_almo = Amendment.objects.restrict(user, "decide_as_council").filter(proposing_party="almo")
    from_council = Amendment.objects.restrict(user, "decide_as_almo").filter(proposing_party="council")
    return (from_almo | from_council).open()


def returns_to_review(user) -> QuerySet:
    """Returns sent to the council and waiting for this person's side to accept or query them."""
    return Return.objects.restrict(user, "review").awaiting_review()


def returns_to_complete(user) -> QuerySet:
    """Returns this person's ALMO has still to fill in and submit, or to answer queries on and resubmit."""
    return Return.objects.restrict(user, "change").filter(status__in=[Return.Status.DRAFT, Return.Status.QUERIED])


@dataclass(frozen=True)
class KeptRegister:
    """The delegations register an ALMO's agreement keeps, as a plan shows it."""

    name: str
    lines: list
    url: str


def kept_delegations(almo) -> KeptRegister | None:
    """The ALMO's delegations register kept elsewhere in the portal (the management agreement in force), if any.

    While there is one, it is the plan's register: the plan shows it and keeps no list of its own.
    """
    for register in registries.delegation_registers:
        lines = register.lines(almo)
        if lines is not None:
            return KeptRegister(register.name, lines, register.url(almo))
    return None
