"""The anonymised results file: counts per question, with small numbers suppressed so no tenant can be picked out.

Rules, so the file is safe to share with tenant groups and publish:
- every count under five is shown as SUPPRESSED (primary suppression);
- the base of each question is shown, so where just one of the five answers on the scale is suppressed it could
  be worked out by subtraction: the smallest other answer is suppressed as well (secondary suppression);
- the number satisfied is the first two answers together, so if one of them is suppressed the other is too;
- a result whose number satisfied, or base, is suppressed is suppressed with it.
Respondent-level answers never leave the app: this file and the API carry only these totals.
"""

from __future__ import annotations

import csv
import io

from core.numbers import format_number
from core.spreadsheet_cells import neutralise
from tenants.measures import Result
from tenants.precision import Precision

SUPPRESSED = "[c]"
THRESHOLD = 5
HEADER = [
    "code",
    "measure",
    "base",
    "very_or_strongly_positive",
    "fairly_or_positive",
    "neither",
    "fairly_or_negative",
    "very_or_strongly_negative",
    "not_on_scale",
    "satisfied",
    "result_percent",
]


def suppress(result: Result) -> list:
    """One question's cells after suppression, in HEADER order from `base`."""
    scale = list(result.counts.scale)
    hidden = [value < THRESHOLD for value in scale]
    if sum(hidden) == 1:
        shown = [(value, index) for index, value in enumerate(scale) if not hidden[index]]
        hidden[min(shown)[1]] = True
    if hidden[0] != hidden[1]:
        hidden[0] = hidden[1] = True
    satisfied_hidden = result.numerator < THRESHOLD or (hidden[0] and hidden[1])
    base_hidden = result.denominator < THRESHOLD
    value = format_number(result.value, 1, grouping=False) if result.value is not None else ""
    return [
        SUPPRESSED if base_hidden else result.denominator,
        *[SUPPRESSED if hide or base_hidden else count for count, hide in zip(scale, hidden, strict=True)],
        SUPPRESSED if result.counts.not_on_scale < THRESHOLD else result.counts.not_on_scale,
        SUPPRESSED if satisfied_hidden or base_hidden else result.numerator,
        SUPPRESSED if satisfied_hidden or base_hidden else value,
    ]


def anonymised_rows(results: list[Result]) -> list[list]:
    return [[result.measure.code, result.measure.name, *suppress(result)] for result in results]


def anonymised_csv(survey, results: list[Result], precision: Precision) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    name = str(survey)
    writer.writerow(["survey", neutralise(name)])
    writer.writerow(["responses", survey.achieved])
    margin = format_number(precision.margin, 2) if precision.margin is not None else ""
    writer.writerow(["margin_of_error_percent", margin, "required", precision.required])
    writer.writerow(["note", f"Counts under {THRESHOLD} and any that would reveal them are shown as {SUPPRESSED}."])
    writer.writerow([])
    writer.writerow(HEADER)
    writer.writerows(anonymised_rows(results))
    return buffer.getvalue()
