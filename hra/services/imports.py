"""Importing an HRA's lines, or a programme's spend, from a CSV or Excel file: all of it, or nothing.

Files are read by `core.spreadsheets.read_table`, the bounded reader. Every row is checked before anything is
saved; a problem names the row and the column. Then everything is saved in one transaction through the same
services the pages use, so a rule broken while saving (a forecast that needs commentary) also saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from core.spreadsheets import SpreadsheetError, read_table
from hra.models import DecentHomesProgramme, HraLine, HraYear, LineCategory, ProgrammeQuarter
from hra.money import MoneyError, format_accounting, parse_money
from hra.services.accounts import line_report, line_save
from hra.services.decent_homes import quarter_report

MAX_ROWS = 500
LINE_COLUMNS = [
    "Category",
    "Line",
    "Held by",
    "Budget",
    "Forecast Q1",
    "Forecast Q2",
    "Forecast Q3",
    "Outturn",
    "Commentary",
]
LINE_REQUIRED = ["Category", "Line", "Budget"]
SPEND_COLUMNS = ["Quarter", "Actual spend", "Sustainability spend", "Commentary"]
SPEND_REQUIRED = ["Quarter", "Actual spend"]
TOTAL = "total"


@dataclass(frozen=True)
class RowError:
    """A problem in the file: `row` is the row number as a spreadsheet shows it (None for the file as a whole)."""

    row: int | None
    column: str
    message: str

    def __str__(self):
        where = f"Row {self.row}, {self.column}: " if self.row else ""
        return f"{where}{self.message}"


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def read_rows(name: str, content: bytes, columns: list[str], required: list[str]) -> list[tuple[int, dict]]:
    """The file's rows as {column: value}, numbered as in the file; ImportFailed if the file or headings are wrong."""
    try:
        table = iter(read_table(name, content, max_columns=len(columns) + 5, max_rows=MAX_ROWS + 1))
        raw_header = [str(cell or "").strip() for cell in next(table, [])]
        header = [cell.lower() for cell in raw_header]
        rows = list(table)
    except SpreadsheetError as error:
        raise ImportFailed([RowError(None, "", error.message)]) from error
    known = {column.lower(): column for column in columns}
    missing = [column for column in required if column.lower() not in header]
    if missing:
        wanted = ", ".join(columns)
        raise ImportFailed(
            [RowError(None, "", f"The first row must name the columns: {wanted}. Missing: {', '.join(missing)}.")]
        )
    unknown = [cell for cell in raw_header if cell and cell.lower() not in known]
    if unknown:
        raise ImportFailed([RowError(None, "", f"Unknown column '{unknown[0]}'. Use only: {', '.join(columns)}.")])
    result = []
    for number, cells in enumerate(rows, start=2):
        if not any(cell not in (None, "") for cell in cells):
            continue
        result.append((number, {known[h]: (cells[i] if i < len(cells) else None) for i, h in enumerate(header) if h}))
    if not result:
        raise ImportFailed([RowError(None, "", "The file has no rows of figures under its headings.")])
    return result


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _money(row: int, column: str, value, errors: list[RowError], *, required=False) -> Decimal | None:
    try:
        amount = parse_money(value)
    except MoneyError as error:
        errors.append(RowError(row, column, str(error)))
        return None
    if amount is None and required:
        errors.append(RowError(row, column, f"Enter the {column.lower()}."))
    return amount


# HRA lines ---------------------------------------------------------------------------------------


def _line_row(number: int, values: dict, categories: dict, almos: dict, errors: list[RowError]) -> dict:
    category_text = _text(values.get("Category"))
    category = categories.get(category_text.lower())
    if category is None:
        errors.append(
            RowError(
                number,
                "Category",
                f"'{category_text[:60]}' is not a line category. Use one of: "
                f"{', '.join(c.name for c in dict.fromkeys(categories.values()))}.",
            )
        )
    name = _text(values.get("Line"))
    if not name:
        errors.append(RowError(number, "Line", "Enter the line's name."))
    elif len(name) > HraLine._meta.get_field("name").max_length:
        errors.append(RowError(number, "Line", "Enter a line name of 150 characters or fewer."))
    holder_text = _text(values.get("Held by"))
    holder = None
    if holder_text and holder_text.lower() not in ("council", "the council"):
        holder = almos.get(holder_text.lower())
        if holder is None:
            errors.append(
                RowError(
                    number,
                    "Held by",
                    f"'{holder_text[:60]}' is not one of the council's ALMOs. Leave it empty, or write Council, "
                    "for a line the council keeps.",
                )
            )
    figures = {
        quarter: _money(number, column, values.get(column), errors)
        for quarter, column in ((1, "Forecast Q1"), (2, "Forecast Q2"), (3, "Forecast Q3"), (4, "Outturn"))
    }
    return {
        "row": number,
        "category": category,
        "name": name,
        "holder": holder,
        "budget": _money(number, "Budget", values.get("Budget"), errors, required=True),
        "figures": figures,
        "commentary": _text(values.get("Commentary")),
    }


def _check_totals(lines: list[dict], totals: list[dict], errors: list[RowError]) -> None:
    """A 'Total' row, if the file has one, must be what its lines add up to: it reconciles, or nothing is saved."""
    for total in totals:
        added = sum((line["budget"] for line in lines if line["budget"] is not None), Decimal(0))
        if total["budget"] is not None and total["budget"] != added:
            errors.append(
                RowError(
                    total["row"],
                    "Budget",
                    f"The total says {format_accounting(total['budget'])}, but the lines add up to "
                    f"{format_accounting(added)}.",
                )
            )


def import_lines(*, actor, hra_year: HraYear, name: str, content: bytes) -> int:
    """Add or update the HRA's lines from a file, matched by name; returns how many lines were saved."""
    hra_year = HraYear.objects.get_for(actor, "change", pk=hra_year.pk)
    rows = read_rows(name, content, LINE_COLUMNS, LINE_REQUIRED)
    categories = {}
    for category in LineCategory.objects.all():
        categories[category.code] = categories[category.name.lower()] = category
    almos = {almo.name.lower(): almo for almo in hra_year.council.almos.all()} | {
        almo.slug: almo for almo in hra_year.council.almos.all()
    }
    errors, lines, totals = [], [], []
    for number, values in rows:
        if _text(values.get("Category")).lower() == TOTAL:
            totals.append(
                {"row": number, "budget": _money(number, "Budget", values.get("Budget"), errors, required=True)}
            )
            continue
        lines.append(_line_row(number, values, categories, almos, errors))
    seen = {}
    for line in lines:
        if line["name"] and line["name"].lower() in seen:
            errors.append(
                RowError(line["row"], "Line", f"The line '{line['name']}' is also in row {seen[line['name'].lower()]}.")
            )
        seen.setdefault(line["name"].lower(), line["row"])
    _check_totals(lines, totals, errors)
    if errors:
        raise ImportFailed(errors)
    _save_lines(actor, hra_year, lines)
    return len(lines)


def _save_lines(actor, hra_year: HraYear, lines: list[dict]) -> None:
    existing = {line.name.lower(): line for line in hra_year.lines.all()}
    with transaction.atomic():
        for data in lines:
            try:
                line = line_save(
                    actor=actor,
                    hra_year=hra_year,
                    line=existing.get(data["name"].lower()),
                    category=data["category"],
                    name=data["name"],
                    holder=data["holder"],
                    budget=data["budget"],
                )
                for quarter, figure in data["figures"].items():
                    if figure is not None:
                        line_report(
                            actor=actor, line=line, quarter=quarter, figure=figure, commentary=data["commentary"]
                        )
            except ValidationError as error:
                raise ImportFailed(_row_errors(data["row"], error)) from error


def _row_errors(row: int, error: ValidationError) -> list[RowError]:
    names = {
        "budget": "Budget",
        "holder": "Held by",
        "name": "Line",
        "category": "Category",
        "commentary": "Commentary",
        "spend": "Actual spend",
        "sustainability_spend": "Sustainability spend",
    }
    if hasattr(error, "error_dict"):
        return [
            RowError(row, names.get(field, "Row"), message)
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [RowError(row, "Row", message) for message in error.messages]


# Decent Homes spend ------------------------------------------------------------------------------


def _quarter(number: int, value, errors: list[RowError]) -> int | None:
    text = _text(value).upper().removeprefix("Q")
    if text in ("1", "2", "3", "4"):
        return int(text)
    errors.append(RowError(number, "Quarter", "Enter a quarter from Q1 to Q4."))
    return None


def import_spend(*, actor, programme: DecentHomesProgramme, name: str, content: bytes) -> int:
    """Report a programme's quarterly spend from a file; returns how many quarters were saved."""
    programme = DecentHomesProgramme.objects.get_for(actor, "report", pk=programme.pk)
    rows = read_rows(name, content, SPEND_COLUMNS, SPEND_REQUIRED)
    errors, quarters, seen = [], [], {}
    for number, values in rows:
        quarter = _quarter(number, values.get("Quarter"), errors)
        if quarter in seen:
            errors.append(RowError(number, "Quarter", f"Q{quarter} is also in row {seen[quarter]}."))
        seen.setdefault(quarter, number)
        spend = _money(number, "Actual spend", values.get("Actual spend"), errors, required=True)
        sustainability = _money(number, "Sustainability spend", values.get("Sustainability spend"), errors)
        if spend is not None and sustainability is not None and sustainability > spend:
            errors.append(
                RowError(
                    number,
                    "Sustainability spend",
                    "Sustainability spend is part of the actual spend, so it cannot be more than it.",
                )
            )
        quarters.append((number, quarter, spend, sustainability, _text(values.get("Commentary"))))
    if errors:
        raise ImportFailed(errors)
    records = {q.quarter: q for q in ProgrammeQuarter.objects.filter(programme=programme)}
    with transaction.atomic():
        for number, quarter, spend, sustainability, commentary in sorted(quarters, key=lambda q: q[1]):
            try:
                quarter_report(
                    actor=actor,
                    quarter=records[quarter],
                    spend=spend,
                    sustainability_spend=sustainability,
                    commentary=commentary,
                )
            except ValidationError as error:
                raise ImportFailed(_row_errors(number, error)) from error
    return len(quarters)
