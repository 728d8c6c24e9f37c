"""Periods in query parameters: a financial year (2025/26, or 2025) or a quarter of one (2025/26-Q1, or 2025-Q1)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django import forms

PATTERN = re.compile(r"^(?P<year>\d{4})(?:/(?P<next>\d{2}))?(?:-[Qq](?P<quarter>\d+))?$")
HELP = "Enter a financial year like 2025/26 (or 2025), or a quarter like 2025/26-Q1 (or 2025-Q1)."
FIRST_YEAR, LAST_YEAR = 1990, 2099


@dataclass(frozen=True)
class Period:
    """A financial year (quarter None) or one quarter of it; quarters are cumulative, year to date."""

    year: int
    quarter: int | None = None

    @property
    def year_label(self) -> str:
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.year_label if self.quarter is None else f"{self.year_label}-Q{self.quarter}"


def parse_period(raw: str, *, quarter_allowed: bool = True) -> Period:
    """Read a period, or raise forms.ValidationError with a message that says what is wrong."""
    text = (raw or "").strip()
    match = PATTERN.match(text)
    if not match:
        # The text goes in as a parameter: django-filter %-formats messages, and the text may hold a %.
        raise forms.ValidationError("'%(text)s' is not a period. " + HELP, params={"text": text[:20]})
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise forms.ValidationError(f"Choose a financial year from {FIRST_YEAR} to {LAST_YEAR}.")
    if match["next"] is not None and int(match["next"]) != (year + 1) % 100:
        raise forms.ValidationError(
            f"{year}/{match['next']} is not a financial year: one runs from April to March, like "
            f"{year}/{(year + 1) % 100:02d}."
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
