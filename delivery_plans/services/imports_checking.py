"""Checking the rows of an import against the plan: each cell read, each figure checked, each row placed."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db.models import Q

from core.periods import financial_year_label, period_label
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Return
from delivery_plans.services.figures import clean_figures
from delivery_plans.services.returns import period_problem_to_open, recovery_date_problem

FIGURE_COLUMNS = ("numerator", "denominator", "value")
COMMENTARY_COLUMNS = ("what_happened", "why", "recovery_action", "expected_recovery")


@dataclass(frozen=True)
class ImportRowError:
    """A problem with one row of the file. Row numbers are as a spreadsheet shows them: headings are row 1."""

    row: int | None
    column: str
    message: str


# Reading cells ---------------------------------------------------------------------------------


def is_blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def shorten(text: str, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _whole_number(cell) -> int | None:
    if cell is None or isinstance(cell, bool):
        return None
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        return int(cell) if cell.is_integer() else None
    try:
        number = Decimal(str(cell).strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number.adjusted() > 9 or number != number.to_integral_value():
        return None
    return int(number)


def _year(cell) -> int | None:
    """2025, 2025.0 or the financial year label 2025/26."""
    match = re.fullmatch(r"(\d{4})\s*[/-]\s*(\d{2})", _text(cell))
    if match:
        year = int(match.group(1))
        return year if int(match.group(2)) == (year + 1) % 100 else None
    year = _whole_number(cell)
    return year if year is not None and year >= 0 else None


def _quarter(cell) -> int | None:
    text = _text(cell)
    if re.fullmatch(r"[qQ]\s*\d+", text):
        text = text[1:].strip()
    return _whole_number(text if isinstance(cell, str) else cell)


def _date(cell) -> dt.date | None:
    """A date cell, an ISO date (2026-03-31) or a UK date (31/03/2026). Raises ValueError otherwise."""
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = _text(cell)
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T][\d:.]+)?", text):
        return dt.datetime.fromisoformat(text).date()
    raise ValueError(text)


def _figure(cell):
    """Hand the cell to clean_figures as text; floats from Excel as their shortest form."""
    if cell is None:
        return None
    if isinstance(cell, bool | dt.date):
        return str(cell)
    if isinstance(cell, float):
        return repr(cell) if not cell.is_integer() else str(int(cell))
    return str(cell)


def _check_figures(indicator: Indicator, figures: dict, problem) -> None:
    """A row of an import must give a figure: an empty one would wipe a figure already entered."""
    if figures["value"] is None:
        if indicator.is_ratio:
            problem(
                "numerator",
                f"Enter the numerator and denominator for {indicator.code}; the value is worked out from them.",
            )
        else:
            problem("value", f"Enter the value for {indicator.code}.")
        return


def _plain(number: Decimal | None) -> str | None:
    if number is None:
        return None
    normal = number.normalize()
    return f"{normal:f}"


def _plan_covers_label(plan: DeliveryPlan) -> str:
    if plan.first_year == plan.last_year:
        return f"which covers {financial_year_label(plan.first_year)} only"
    return f"which covers {financial_year_label(plan.first_year)} to {financial_year_label(plan.last_year)}"


class _Lookup:
    """What the rows are checked against, read once: the plan's indicators, its returns and their lines."""

    def __init__(self, plan: DeliveryPlan, codes: set[str]):
        plan_indicators = list(PlanIndicator.objects.filter(plan=plan).select_related("indicator"))
        self.by_code = {pi.indicator.code: pi for pi in plan_indicators}
        self.by_folded_code = defaultdict(list)
        for pi in plan_indicators:
            self.by_folded_code[pi.indicator.code.casefold()].append(pi)
        known = Indicator.objects.filter(Q(council__isnull=True) | Q(council_id=plan.almo.council_id))
        folded = {code.casefold() for code in codes}
        self.known_codes = {
            code.casefold() for code in known.values_list("code", flat=True) if code.casefold() in folded
        }
        self.returns = {(r.year, r.quarter): r for r in Return.objects.filter(plan=plan)}
        self.lines = {
            (plan_indicator_id, year, quarter): actual_id
            for actual_id, year, quarter, plan_indicator_id in Actual.objects.filter(
                return_record__plan=plan
            ).values_list("pk", "return_record__year", "return_record__quarter", "plan_indicator_id")
        }

    def plan_indicator(self, code: str) -> PlanIndicator | None:
        if code in self.by_code:
            return self.by_code[code]
        matches = self.by_folded_code.get(code.casefold(), [])
        return matches[0] if len(matches) == 1 else None


# Checking rows ---------------------------------------------------------------------------------


def validate_rows(plan: DeliveryPlan, rows: list[dict]) -> tuple[list[dict], list[ImportRowError]]:
    """Check every row against the plan; returns (valid rows ready to save, errors).

    Each valid row is plain data (it can be kept in the session) and says whether it starts a new return.
    """
    errors: list[ImportRowError] = []
    if not plan.is_in_force:
        return [], [ImportRowError(None, "", "Figures can be imported only into a plan in force.")]
    # A template line left empty says nothing: skip it rather than call it an error.
    rows = [row for row in rows if not all(is_blank(row.get(c)) for c in (*FIGURE_COLUMNS, *COMMENTARY_COLUMNS))]
    if not rows:
        return [], [ImportRowError(None, "", "No row has any figures. Fill them in and upload the file again.")]
    lookup = _Lookup(plan, {_text(row.get("indicator_code")) for row in rows})
    seen: dict[tuple[int, int, int], int] = {}
    valid = []
    for row in rows:
        row_errors, cleaned = _check_row(plan, lookup, seen, row)
        if row_errors:
            errors.extend(row_errors)
            continue
        valid.append(cleaned)
    return (valid if not errors else []), errors


def _check_row(plan: DeliveryPlan, lookup: _Lookup, seen: dict, row: dict) -> tuple[list[ImportRowError], dict]:
    """One row's problems, in column order, or the row cleaned for saving.

    `seen` maps each (plan indicator, year, quarter) met so far to its row number, to catch repeats.
    """
    number = row.get("row")
    row_errors: list[ImportRowError] = []

    def problem(column: str, message: str) -> None:
        row_errors.append(ImportRowError(number, column, message))

    plan_indicator = _row_plan_indicator(row, lookup, problem)
    indicator = plan_indicator.indicator if plan_indicator else None
    year = _row_year(plan, row, problem)
    quarter = _row_quarter(row, indicator, problem)
    figures = _row_figures(row, indicator, problem)
    expected = _row_expected_recovery(row, problem)
    if plan_indicator and year is not None and quarter is not None:
        _check_period(lookup, seen, plan_indicator, year, quarter, number, problem)
    if row_errors:
        return row_errors, {}
    cleaned = {
        "row": number,
        "indicator_code": plan_indicator.indicator.code,
        "plan_indicator_id": plan_indicator.pk,
        "year": year,
        "quarter": quarter,
        "numerator": _plain(figures["numerator"]),
        "denominator": _plain(figures["denominator"]),
        "value": _plain(figures["value"]) if not indicator.is_ratio else None,
        "creates_return": (year, quarter) not in lookup.returns,
    }
    for column in ("what_happened", "why", "recovery_action"):
        if column in row:
            cleaned[column] = _text(row[column])
    if "expected_recovery" in row:
        cleaned["expected_recovery"] = expected.isoformat() if expected else None
    return [], cleaned


def _row_plan_indicator(row: dict, lookup: _Lookup, problem) -> PlanIndicator | None:
    """The plan's indicator the row's code names, if the plan monitors it now."""
    code = _text(row.get("indicator_code"))
    if not code:
        problem("indicator_code", "Enter the indicator code, like RP02(1).")
        return None
    plan_indicator = lookup.plan_indicator(code)
    if plan_indicator is None and code.casefold() not in lookup.known_codes:
        problem("indicator_code", f"There is no indicator with the code {shorten(code)}.")
    elif plan_indicator is None:
        problem("indicator_code", f"{shorten(code)} is not one of this plan's indicators.")
    elif not plan_indicator.is_active:
        problem("indicator_code", f"{plan_indicator.indicator.code} has been removed from this plan.")
        return None
    return plan_indicator


def _row_year(plan: DeliveryPlan, row: dict, problem) -> int | None:
    """The row's financial year, if the plan covers it."""
    raw_year = row.get("year")
    year = _year(raw_year)
    if is_blank(raw_year):
        problem("year", "Enter the financial year, like 2025 for 2025/26.")
    elif year is None:
        problem("year", f"Enter the year as a whole number, like 2025 for 2025/26; {shorten(_text(raw_year))} is not.")
    elif not plan.covers(year):
        problem("year", f"{financial_year_label(year)} is outside the plan, {_plan_covers_label(plan)}.")
        return None
    return year


def _row_quarter(row: dict, indicator: Indicator | None, problem) -> int | None:
    """The row's quarter, if the indicator is reported in it."""
    raw_quarter = row.get("quarter")
    quarter = _quarter(raw_quarter)
    if is_blank(raw_quarter):
        problem("quarter", "Enter the quarter, from 1 to 4.")
    elif quarter not in (1, 2, 3, 4):
        problem("quarter", f"Enter a quarter from 1 to 4; {shorten(_text(raw_quarter))} is not one.")
        return None
    elif indicator and indicator.frequency == Indicator.Frequency.ANNUAL and quarter != 4:
        problem("quarter", f"{indicator.code} is reported once a year, in quarter 4.")
        return None
    return quarter


def _row_figures(row: dict, indicator: Indicator | None, problem) -> dict:
    """The row's figures checked as the return page checks them, with the value worked out for a ratio."""
    if not indicator:
        return {}
    raw_figures = {column: _figure(row.get(column)) for column in FIGURE_COLUMNS}
    figures, figure_errors = clean_figures(indicator, *raw_figures.values())
    for column, message in figure_errors.items():
        problem(column, message)
    if not figure_errors:
        _check_figures(indicator, figures, problem)
    return figures


def _row_expected_recovery(row: dict, problem) -> dt.date | None:
    if "expected_recovery" in row and not is_blank(row["expected_recovery"]):
        try:
            value = _date(row["expected_recovery"])
        except ValueError:
            problem("expected_recovery", "Enter the date as 2026-03-31 or 31/03/2026.")
            return None
        late = recovery_date_problem(value)
        if late:
            problem("expected_recovery", late)
        return value
    return None


def _check_period(lookup: _Lookup, seen: dict, plan_indicator: PlanIndicator, year: int, quarter: int, number, problem):
    """One figure per indicator and quarter, into a return that is open and has a line for it."""
    key = (plan_indicator.pk, year, quarter)
    period = period_label(year, quarter)
    return_record = lookup.returns.get((year, quarter))
    if key in seen:
        problem(
            "indicator_code",
            f"{plan_indicator.indicator.code} for {period} is already in row {seen[key]}. "
            "Each indicator can have one figure for each quarter.",
        )
    else:
        seen[key] = number
    if return_record is None:
        opening = period_problem_to_open(year, quarter)
        if opening:
            problem("quarter", opening)
    if return_record is not None and not return_record.is_editable:
        problem("quarter", f"The {period} return is {return_record.get_status_display().lower()} and locked.")
    elif return_record is not None and key not in lookup.lines:
        problem(
            "indicator_code",
            f"The {period} return has no line for {plan_indicator.indicator.code}: "
            "it was started before the indicator was added to the plan.",
        )
