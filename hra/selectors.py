"""Reads for the HRA and Decent Homes: variances, totals that reconcile, the checks, and decency figures.

Everything here works on records already loaded (a year's lines, a programme's quarters), so a page loads them
once and these functions add no queries of their own unless they say so.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from decimal import Decimal

from core import variance
from core.numbers import round_half_up
from hra.models import AllocationAgreement, DecentHomesProgramme, HraLine, HraYear, LineCategory, StockCondition
from hra.money import format_accounting, percent_of

ZERO = Decimal(0)
MEASURES = [("budget", "Budget"), (1, "Forecast Q1"), (2, "Forecast Q2"), (3, "Forecast Q3"), (4, "Outturn")]


def measure_name(quarter: int) -> str:
    return "outturn" if quarter == 4 else f"forecast at the end of Q{quarter}"


def measure_title(quarter: int) -> str:
    """The measure at the start of a sentence or as a heading: 'Forecast at the end of Q2'."""
    name = measure_name(quarter)
    return name[0].upper() + name[1:]


# HRA lines ---------------------------------------------------------------------------------------


def line_assessment(line: HraLine, quarter: int) -> variance.Assessment:
    """A line's forecast (or outturn) against its budget: more income or less spending is better."""
    polarity = variance.HIGHER if line.category.is_income else variance.LOWER
    tolerance = percent_of(line.budget, line.hra_year.tolerance_percent)
    return variance.assess(line.figure_at(quarter), line.budget, tolerance, polarity)


@dataclass
class LineRow:
    line: HraLine
    quarter: int | None
    assessment: variance.Assessment | None

    @property
    def needs_commentary(self) -> bool:
        return bool(self.assessment and self.assessment.needs_commentary and not self.line.commentary.strip())

    @property
    def figure(self):
        return self.line.figure_at(self.quarter) if self.quarter else None

    @property
    def figure_label(self) -> str:
        return measure_title(self.quarter) if self.quarter else ""


def line_rows(lines: list[HraLine]) -> list[LineRow]:
    """Each line judged at its latest reported quarter."""
    rows = []
    for line in lines:
        quarter = line.latest_quarter
        rows.append(LineRow(line, quarter, line_assessment(line, quarter) if quarter else None))
    return rows


def figure_for(line: HraLine, measure) -> Decimal:
    """A line's amount in one measure; a line with no forecast yet counts at its budget."""
    if measure == "budget":
        return line.budget
    figure = line.figure_at(measure)
    return line.budget if figure is None else figure


@dataclass
class Totals:
    """One measure's totals: income, expenditure, the surplus (or deficit) and the working balance it leaves."""

    measure: object
    label: str
    income: Decimal = ZERO
    expenditure: Decimal = ZERO
    opening: Decimal = ZERO
    by_category: dict = field(default_factory=dict)
    by_holder: dict = field(default_factory=dict)

    @property
    def surplus(self) -> Decimal:
        return self.income - self.expenditure

    @property
    def closing(self) -> Decimal:
        return self.opening + self.surplus


def totals(hra_year: HraYear, lines: list[HraLine], measure, label: str = "") -> Totals:
    result = Totals(measure, label, opening=hra_year.opening_balance)
    for line in lines:
        amount = figure_for(line, measure)
        if line.category.is_income:
            result.income += amount
        else:
            result.expenditure += amount
        result.by_category[line.category_id] = result.by_category.get(line.category_id, ZERO) + amount
        result.by_holder[line.holder_id] = result.by_holder.get(line.holder_id, ZERO) + amount
    return result


def all_totals(hra_year: HraYear, lines: list[HraLine]) -> list[Totals]:
    return [totals(hra_year, lines, measure, label) for measure, label in MEASURES]


def latest_measure(lines: list[HraLine]):
    """The latest quarter any line reports, or the budget if none has a forecast yet."""
    quarters = [line.latest_quarter for line in lines if line.latest_quarter]
    return max(quarters) if quarters else "budget"


def category_rows(categories: list[LineCategory], all_measures: list[Totals]) -> list[dict]:
    """Per category, each measure's total: the table the year's page and report show."""
    return [
        {"category": c, "amounts": [t.by_category.get(c.pk, ZERO) for t in all_measures]}
        for c in categories
        if any(c.pk in t.by_category for t in all_measures)
    ]


# Checks ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """Something wrong with the figures: `level` is red (a rule broken) or amber (worth a look)."""

    level: str
    message: str


def hra_checks(
    hra_year: HraYear,
    lines: list[HraLine],
    allocations: list[AllocationAgreement],
    previous_closing: Decimal | None = None,
) -> list[Flag]:
    """The rules an HRA year keeps: balance above the minimum, recharges within the agreed level, figures reconcile."""
    latest = latest_measure(lines)
    flags = []
    for measure in dict.fromkeys(["budget", latest]):
        flags += _balance_and_recharges(hra_year, lines, measure)
    flags += _fee_reconciliation(lines, allocations)
    if previous_closing is not None and previous_closing != hra_year.opening_balance:
        flags.append(
            Flag(
                variance.RED,
                f"The working balance at 1 April ({format_accounting(hra_year.opening_balance)}) does not match the "
                f"previous year's outturn balance at 31 March ({format_accounting(previous_closing)}).",
            )
        )
    needing = [row.line.name for row in line_rows(lines) if row.needs_commentary]
    if needing:
        flags.append(
            Flag(variance.AMBER, f"Commentary is needed on {_count(len(needing), 'line')}: {', '.join(needing)}.")
        )
    return flags


def _balance_and_recharges(hra_year: HraYear, lines: list[HraLine], measure) -> list[Flag]:
    name = "budget" if measure == "budget" else measure_name(measure)
    result = totals(hra_year, lines, measure)
    flags = []
    if result.closing < hra_year.minimum_balance:
        flags.append(
            Flag(
                variance.RED,
                f"On the {name}, the working balance at 31 March is {format_accounting(result.closing)}, below the "
                f"council's minimum of {format_accounting(hra_year.minimum_balance)}.",
            )
        )
    recharges = sum(
        (figure_for(line, measure) for line in lines if line.category.role == LineCategory.Role.GENERAL_FUND_RECHARGE),
        ZERO,
    )
    if recharges > hra_year.general_fund_recharge_limit:
        flags.append(
            Flag(
                variance.RED,
                f"On the {name}, recharges from the General Fund are {format_accounting(recharges)}, above the "
                f"agreed level of {format_accounting(hra_year.general_fund_recharge_limit)}.",
            )
        )
    return flags


def _fee_reconciliation(lines: list[HraLine], allocations: list[AllocationAgreement]) -> list[Flag]:
    """Each ALMO's management fee lines must add up to the fee in its allocation agreement."""
    fee_lines = [line for line in lines if line.category.role == LineCategory.Role.MANAGEMENT_FEE]
    flags = [
        Flag(variance.RED, f"The management fee line '{line.name}' is not held by an ALMO.")
        for line in fee_lines
        if not line.holder_id
    ]
    for allocation in allocations:
        budgeted = sum((line.budget for line in fee_lines if line.holder_id == allocation.almo_id), ZERO)
        if budgeted != allocation.management_fee:
            flags.append(
                Flag(
                    variance.RED,
                    f"{allocation.almo.name}'s management fee lines add up to {format_accounting(budgeted)}, but its "
                    f"allocation agreement says {format_accounting(allocation.management_fee)}.",
                )
            )
    agreed = {allocation.almo_id for allocation in allocations}
    for holder in {line.holder for line in lines if line.holder_id and line.holder_id not in agreed}:
        flags.append(Flag(variance.AMBER, f"{holder.name} holds lines but has no allocation agreement for the year."))
    return flags


def previous_closing(hra_year: HraYear) -> Decimal | None:
    """The working balance at the end of the council's previous year, on its outturn, once every line has one."""
    previous = HraYear.objects.filter(council_id=hra_year.council_id, year=hra_year.year - 1).first()
    if previous is None:
        return None
    lines = list(previous.lines.select_related("category"))
    if not lines or any(line.outturn is None for line in lines):
        return None
    return totals(previous, lines, 4).closing


def _count(number: int, word: str) -> str:
    return f"{number:,} {word}{'' if number == 1 else 's'}"


# Decent Homes ------------------------------------------------------------------------------------


@dataclass
class QuarterRow:
    quarter: int
    profile: Decimal
    spend: Decimal | None
    sustainability: Decimal | None
    commentary: str
    profile_to_date: Decimal
    spend_to_date: Decimal | None
    assessment: variance.Assessment | None
    pk: int | None = None

    @property
    def needs_commentary(self) -> bool:
        return bool(self.assessment and self.assessment.needs_commentary and not self.commentary.strip())


def programme_rows(programme: DecentHomesProgramme, quarters: list) -> list[QuarterRow]:
    """Each quarter's spend to date against the profile to date: falling behind the profile is slippage."""
    by_quarter = {q.quarter: q for q in quarters}
    rows, profile_to_date, spend_to_date = [], ZERO, ZERO
    for number in (1, 2, 3, 4):
        record = by_quarter.get(number)
        profile = record.profile if record else ZERO
        spend = record.spend if record else None
        profile_to_date += profile
        assessment = None
        if spend is not None:
            spend_to_date += spend
            tolerance = percent_of(profile_to_date, programme.tolerance_percent)
            assessment = variance.assess(spend_to_date, profile_to_date, tolerance, variance.HIGHER)
        rows.append(
            QuarterRow(
                quarter=number,
                profile=profile,
                spend=spend,
                sustainability=record.sustainability_spend if record else None,
                commentary=record.commentary if record else "",
                profile_to_date=profile_to_date,
                spend_to_date=spend_to_date if spend is not None else None,
                assessment=assessment,
                pk=record.pk if record else None,
            )
        )
    return rows


def programme_checks(programme: DecentHomesProgramme, rows: list[QuarterRow]) -> list[Flag]:
    profile = sum((row.profile for row in rows), ZERO)
    spend = sum((row.spend or ZERO for row in rows), ZERO)
    sustainability = sum((row.sustainability or ZERO for row in rows), ZERO)
    flags = []
    if profile > programme.allocation:
        flags.append(
            Flag(variance.RED, f"The profile adds up to {format_accounting(profile)}, more than the allocation.")
        )
    elif profile < programme.allocation:
        flags.append(
            Flag(
                variance.AMBER,
                f"{format_accounting(programme.allocation - profile)} of the allocation is not in the profile yet.",
            )
        )
    if spend > programme.allocation:
        flags.append(
            Flag(
                variance.RED,
                f"Spend of {format_accounting(spend)} is more than the allocation of "
                f"{format_accounting(programme.allocation)}.",
            )
        )
    if sustainability > programme.sustainability_cap:
        flags.append(
            Flag(
                variance.RED,
                f"Sustainability and environmental works of {format_accounting(sustainability)} are above the cap of "
                f"{format_accounting(programme.sustainability_cap)} "
                f"({programme.sustainability_cap_percent.normalize():f} per cent of the allocation).",
            )
        )
    needing = [f"Q{row.quarter}" for row in rows if row.needs_commentary]
    if needing:
        flags.append(Flag(variance.AMBER, f"Commentary is needed on {', '.join(needing)}."))
    return flags


def _percent(numerator, denominator) -> Decimal | None:
    if not denominator:
        return None
    return round_half_up(Decimal(numerator) / Decimal(denominator) * 100, 1)


def decency_figures(stock: StockCondition, spend: Decimal | None = None) -> dict:
    """RP01, BV184a and BV184b from the stock condition, and the cost of each home made decent."""
    start = _percent(stock.non_decent_at_start, stock.homes_at_start)
    end = _percent(stock.non_decent_at_end, stock.homes_at_end)
    change = None
    if start:
        exact_start = Decimal(stock.non_decent_at_start) / stock.homes_at_start
        exact_end = Decimal(stock.non_decent_at_end) / stock.homes_at_end if stock.homes_at_end else ZERO
        change = round_half_up((exact_start - exact_end) / exact_start * 100, 1)
    return {
        "homes_at_end": stock.homes_at_end,
        "non_decent_at_end": stock.non_decent_at_end,
        "decent_at_end": stock.homes_at_end - stock.non_decent_at_end,
        "RP01": end,
        "BV184a": start,
        "BV184b": change,
        "cost_per_home": round_half_up(spend / stock.made_decent, 2)
        if spend is not None and stock.made_decent
        else None,
    }


def full_decency_forecast(stocks: list[StockCondition]) -> dt.date | None:
    """When every home should be decent, at the average fall in non-decent homes over the years recorded.

    None when the number is not falling. Already all decent: 31 March of the latest year.
    """
    if not stocks:
        return None
    ordered = sorted(stocks, key=lambda s: s.year)
    latest = ordered[-1]
    remaining = latest.non_decent_at_end
    if remaining <= 0:
        return dt.date(latest.year + 1, 3, 31)
    fall = sum(s.non_decent_at_start - s.non_decent_at_end for s in ordered) / len(ordered)
    if fall <= 0:
        return None
    return dt.date(latest.year + 1 + math.ceil(remaining / fall), 3, 31)
