"""Financial years and their quarters: the one place for labels, bounds and period arithmetic.

A financial year runs from 1 April to 31 March and is named by the calendar year it starts in, so
2025 is 2025/26. Quarter 1 is April to June and quarter 4 is January to March. Quarterly figures
are year to date. Every year a person or system may enter lies between FIRST_YEAR and LAST_YEAR.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2099
YEAR_RANGE_HELP = f"Enter a financial year from {FIRST_YEAR} to {LAST_YEAR}."
# A target or figure for the whole financial year rather than one quarter.
WHOLE_YEAR = 0
QUARTER_MONTHS = {1: "April to June", 2: "July to September", 3: "October to December", 4: "January to March"}


def financial_year_label(year: int) -> str:
    """2025 -> '2025/26'."""
    return f"{year}/{(year + 1) % 100:02d}"


def period_label(year: int, quarter: int | None = None) -> str:
    """'Q1 2025/26' for a quarter, 'whole year 2025/26' for WHOLE_YEAR, '2025/26' for no quarter."""
    if quarter is None:
        return financial_year_label(year)
    if quarter == WHOLE_YEAR:
        return f"whole year {financial_year_label(year)}"
    return f"Q{quarter} {financial_year_label(year)}"


def year_in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter of financial year `year`."""
    month = {1: 6, 2: 9, 3: 12, 4: 3}[quarter]
    day = 31 if month in (12, 3) else 30
    return dt.date(year + 1 if quarter == 4 else year, month, day)


def quarter_start(year: int, quarter: int) -> dt.date:
    month = {1: 4, 2: 7, 3: 10, 4: 1}[quarter]
    return dt.date(year + 1 if quarter == 4 else year, month, 1)


def period_of(day: dt.date) -> tuple[int, int]:
    """The (financial year, quarter) a day falls in."""
    if day.month >= 4:
        return day.year, (day.month - 4) // 3 + 1
    return day.year - 1, 4


def current_period(today: dt.date | None = None) -> tuple[int, int]:
    return period_of(today or timezone.localdate())


def previous_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def next_period(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def quarters_back(year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """The `count` quarters ending with (year, quarter), oldest first."""
    periods = [(year, quarter)]
    while len(periods) < count:
        periods.append(previous_period(*periods[-1]))
    return list(reversed(periods))


def recent_years(count: int = 5, today: dt.date | None = None) -> list[int]:
    """The last `count` financial years up to the current one, newest last: the years forms offer."""
    current, _ = current_period(today)
    return list(range(current - count + 1, current + 1))


# Periods as written in query parameters and exports -----------------------------------------------

PATTERN = re.compile(r"^(?P<year>\d{4})(?:/(?P<next>\d{2}))?(?:-[Qq](?P<quarter>\d+))?$")
HELP = "Enter a financial year like 2025/26 (or 2025), or a quarter like 2025/26-Q1 (or 2025-Q1)."


@dataclass(frozen=True)
class Period:
    """A financial year (quarter None) or one quarter of it; quarters are cumulative, year to date."""

    year: int
    quarter: int | None = None

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    def __str__(self) -> str:
        return self.year_label if self.quarter is None else f"{self.year_label}-Q{self.quarter}"


def export_period(year: int, quarter: int) -> Period:
    """A quarter's figures are year to date, so Q4's are the financial year's: they are labelled as the year."""
    return Period(year, None if quarter == 4 else quarter)


def parse_period(raw: str, *, quarter_allowed: bool = True) -> Period:
    """Read a period, or raise forms.ValidationError with a message that says what is wrong."""
    text = (raw or "").strip()
    match = PATTERN.match(text)
    if not match:
        # The text goes in as a parameter: django-filter %-formats messages, and the text may hold a %.
        raise forms.ValidationError("'%(text)s' is not a period. " + HELP, params={"text": text[:20]})
    year = int(match["year"])
    if not year_in_range(year):
        raise forms.ValidationError(YEAR_RANGE_HELP)
    if match["next"] is not None and int(match["next"]) != (year + 1) % 100:
        raise forms.ValidationError(
            f"{year}/{match['next']} is not a financial year: one runs from April to March, like "
            f"{financial_year_label(year)}."
        )
    if match["quarter"] is None:
        return Period(year)
    if not quarter_allowed:
        raise forms.ValidationError("Choose a whole financial year, like 2025/26, without a quarter.")
    quarter = int(match["quarter"])
    if not 1 <= quarter <= 4:
        raise forms.ValidationError(
            f"There is no quarter {quarter}: quarters run from Q1 (April to June) to Q4 (January to March)."
        )
    return Period(year, quarter)


class PeriodField(forms.CharField):
    """A form field (for django-filter) that cleans to a Period."""

    def to_python(self, value):
        value = super().to_python(value)
        return parse_period(value) if value else None
