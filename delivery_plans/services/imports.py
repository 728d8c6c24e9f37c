"""Bulk import of actuals from CSV and Excel files: read the file, check every row, then save all or nothing.

The flow is parse_upload -> validate_rows (shown as a preview) -> apply_import, which checks the rows
again inside one transaction and saves them through the same services as the return page.
Reading files and the template files are here; checking rows is in `imports_checking`.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook
from openpyxl.styles import Font

from core.spreadsheet_cells import neutralise
from core.spreadsheets import SpreadsheetError, read_table

# Saving calls `services.return_open` and `services.return_save` through the package, as the pages do.
from delivery_plans import services
from delivery_plans.models import DeliveryPlan, Indicator, PlanIndicator, Return
from delivery_plans.services.imports_checking import (
    COMMENTARY_COLUMNS,
    FIGURE_COLUMNS,
    ImportRowError,
    is_blank,
    shorten,
    validate_rows,
)
from organisations.access import Party, acting_party

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_BLANK_ROWS = 10 * MAX_ROWS
COLUMNS = ("indicator_code", "year", "quarter", *FIGURE_COLUMNS, *COMMENTARY_COLUMNS)
REQUIRED_COLUMNS = ("indicator_code", "year", "quarter")
FILE_TYPES = "a CSV file or an Excel workbook (.xlsx)"
# A cell starting with one of these can run as a formula when the file is opened in a spreadsheet.


class UploadError(Exception):
    """The file as a whole cannot be read: wrong type, too big, or headings missing or unknown."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


class ImportFailed(Exception):
    """The import was checked again at the moment of saving and failed; nothing was saved."""

    def __init__(self, errors: list[ImportRowError]):
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


@dataclass(frozen=True)
class ImportResult:
    figures: int
    returns: int
    returns_started: int


# Reading files ---------------------------------------------------------------------------------


def column_key(heading) -> str:
    """'Indicator code' and ' INDICATOR_CODE ' are both 'indicator_code'."""
    return re.sub(r"[\s_]+", "_", str(heading if heading is not None else "").strip().lower())


def parse_upload(uploaded_file) -> list[dict]:
    """Read a CSV or .xlsx upload into one dict per row, keyed by column, with `row` the spreadsheet row number.

    Raises UploadError with a message a person can act on when the file as a whole cannot be used.
    """
    name = (getattr(uploaded_file, "name", "") or "").lower()
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise UploadError("The selected file must be smaller than 5 MB.")
    if name.endswith(".xls"):
        raise UploadError("The selected file is an older Excel file (.xls). Save it as an Excel workbook (.xlsx).")
    if not name.endswith((".csv", ".xlsx")):
        raise UploadError(f"The selected file must be {FILE_TYPES}.")
    content = uploaded_file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise UploadError("The selected file must be smaller than 5 MB.")
    if not content:
        raise UploadError("The selected file is empty.")
    # The shared reader keeps any file, however crafted, within its time and memory limits.
    table = read_table(name, content, max_columns=len(COLUMNS) + 1, max_rows=MAX_BLANK_ROWS)
    try:
        return _rows_from_table(table)
    except SpreadsheetError as error:
        raise UploadError(error.message) from error
    finally:
        table.close()


def _trim(cells: list) -> list:
    while cells and is_blank(cells[-1]):
        cells.pop()
    return cells


def _rows_from_table(table) -> list[dict]:
    table = iter(table)
    header = _trim(list(next(table, None) or []))
    if not header:
        raise UploadError("The first row of the file must be the column headings. Use the template.")
    keys = [column_key(cell) for cell in header]
    unknown = [str(cell).strip() for cell, key in zip(header, keys, strict=True) if key and key not in COLUMNS]
    repeated = sorted({key for key in keys if key and keys.count(key) > 1})
    missing = [column for column in REQUIRED_COLUMNS if column not in keys]
    problems = []
    if unknown:
        problems.append(
            f"The file has columns the import does not recognise: {', '.join(shorten(u) for u in unknown)}."
        )
    if repeated:
        problems.append(f"These columns appear more than once: {', '.join(repeated)}.")
    if missing:
        problems.append(f"The file is missing these columns: {', '.join(missing)}.")
    if problems:
        raise UploadError(*problems, f"The columns are: {', '.join(COLUMNS)}.")
    rows = []
    too_many = f"The file has more than {MAX_ROWS:,} rows of figures. Split it into smaller files."
    for number, cells in enumerate(table, start=2):
        cells = list(cells)
        if all(is_blank(cell) for cell in cells):
            if number > MAX_BLANK_ROWS:  # a sheet formatted far below its figures
                raise UploadError(too_many)
            continue
        if len(rows) == MAX_ROWS:
            raise UploadError(too_many)
        if any(not is_blank(cell) for cell in cells[len(keys) :]):
            raise UploadError(f"Row {number} has more values than there are column headings.")
        row = {"row": number}
        for key, cell in zip(keys, cells, strict=False):
            if key:
                row[key] = cell.strip() if isinstance(cell, str) else cell
        rows.append(row)
    if not rows:
        raise UploadError("The file has no figures under the column headings.")
    return rows


# Saving ----------------------------------------------------------------------------------------


class _Rollback(Exception):
    def __init__(self, errors: list[ImportRowError]):
        self.errors = errors


def apply_import(*, actor, plan: DeliveryPlan, valid_rows: list[dict]) -> ImportResult:
    """Save checked rows in one transaction, starting returns that do not exist yet; all or nothing.

    The rows are checked again under lock, since the plan or its returns may have changed since the
    preview. Raises ImportFailed with the problems when anything fails; nothing is saved then.
    """
    try:
        with transaction.atomic():
            plan = DeliveryPlan.objects.select_for_update(of=("self",)).get_for(actor, "change", pk=plan.pk)
            if acting_party(actor, plan.almo) != Party.ALMO:
                raise PermissionDenied("Only the ALMO's staff can import figures.")
            list(Return.objects.filter(plan=plan).select_for_update())
            rows, errors = validate_rows(plan, valid_rows)
            if errors:
                raise _Rollback(errors)
            by_period: dict[tuple[int, int], list[dict]] = defaultdict(list)
            for row in rows:
                by_period[(row["year"], row["quarter"])].append(row)
            started = 0
            for (year, quarter), period_rows in sorted(by_period.items()):
                return_record = Return.objects.filter(plan=plan, year=year, quarter=quarter).first()
                if return_record is None:
                    return_record = services.return_open(actor=actor, plan=plan, year=year, quarter=quarter)
                    started += 1
                lines = dict(return_record.actuals.values_list("plan_indicator_id", "pk"))
                data, row_for_code = {}, {}
                for row in period_rows:
                    actual_id = lines.get(row["plan_indicator_id"])
                    if actual_id is None:
                        raise _Rollback(
                            [
                                ImportRowError(
                                    row["row"],
                                    "indicator_code",
                                    f"The {return_record.period_label} return has no line for {row['indicator_code']}.",
                                )
                            ]
                        )
                    data[actual_id] = _line_data(row)
                    row_for_code[row["indicator_code"]] = row["row"]
                save_errors = services.return_save(actor=actor, return_record=return_record, rows=data)
                if save_errors:
                    raise _Rollback([ImportRowError(row_for_code.get(e.code), e.field, e.message) for e in save_errors])
    except _Rollback as rollback:
        raise ImportFailed(rollback.errors) from None
    except ValidationError as error:
        raise ImportFailed([ImportRowError(None, "", message) for message in error.messages]) from error
    return ImportResult(figures=len(rows), returns=len(by_period), returns_started=started)


def _line_data(row: dict) -> dict:
    data = {column: row.get(column) for column in FIGURE_COLUMNS}
    for column in ("what_happened", "why", "recovery_action"):
        if column in row:
            data[column] = row[column]
    if "expected_recovery" in row:
        data["expected_recovery"] = (
            dt.date.fromisoformat(row["expected_recovery"]) if row["expected_recovery"] else None
        )
    return data


# Templates -------------------------------------------------------------------------------------


def template_quarter(plan: DeliveryPlan) -> tuple[int, int]:
    """The quarter the ALMO is most likely filling in: the earliest open return, else the one after the last."""
    open_return = plan.returns.filter(status__in=["draft", "queried"]).order_by("year", "quarter").first()
    if open_return:
        return open_return.year, open_return.quarter
    latest = plan.returns.order_by("-year", "-quarter").first()
    if latest is None:
        return plan.first_year, 1
    year, quarter = (latest.year, latest.quarter + 1) if latest.quarter < 4 else (latest.year + 1, 1)
    return (year, quarter) if year <= plan.last_year else (latest.year, latest.quarter)


def template_rows(plan: DeliveryPlan) -> list[tuple[PlanIndicator, list]]:
    """One row per indicator due in the quarter being filled in; annual indicators only in quarter 4."""
    year, quarter = template_quarter(plan)
    plan_indicators = PlanIndicator.objects.filter(plan=plan, is_active=True).select_related("indicator")
    rows = []
    for plan_indicator in plan_indicators:
        if plan_indicator.indicator.frequency == Indicator.Frequency.ANNUAL and quarter != 4:
            continue
        rows.append((plan_indicator, [plan_indicator.indicator.code, year, quarter] + [""] * (len(COLUMNS) - 3)))
    return rows


def template_csv(plan: DeliveryPlan) -> bytes:
    output = io.StringIO(newline="")
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for _plan_indicator, cells in template_rows(plan):
        writer.writerow([neutralise(cell) for cell in cells])
    return codecs.BOM_UTF8 + output.getvalue().encode("utf-8")


def template_xlsx(plan: DeliveryPlan) -> bytes:
    workbook = Workbook()
    figures = workbook.active
    figures.title = "Figures"
    figures.append(list(COLUMNS))
    for cell in figures[1]:
        cell.font = Font(bold=True)
    rows = template_rows(plan)
    for _plan_indicator, cells in rows:
        figures.append([neutralise(cell) if cell != "" else None for cell in cells])
    for letter, width in zip("ABCDEFGHIJ", (16, 8, 9, 12, 13, 10, 30, 30, 30, 18), strict=True):
        figures.column_dimensions[letter].width = width
    figures.freeze_panes = "A2"

    notes = workbook.create_sheet("Indicators")
    notes.append(["indicator_code", "name", "unit", "reported", "numerator", "denominator"])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for plan_indicator, _cells in rows:
        indicator = plan_indicator.indicator
        notes.append(
            [
                neutralise(cell)
                for cell in (
                    indicator.code,
                    indicator.name,
                    indicator.get_unit_display(),
                    indicator.get_frequency_display(),
                    indicator.numerator_definition or "Not a ratio: enter the value",
                    indicator.denominator_definition,
                )
            ]
        )
    for letter, width in zip("ABCDEF", (16, 60, 14, 12, 50, 50), strict=True):
        notes.column_dimensions[letter].width = width
    notes.append([])
    notes.append(
        [
            "Notes",
            "Fill in the Figures sheet only. For a ratio, enter the numerator and denominator and leave value "
            "empty: the portal works the value out. Otherwise enter the value. Dates as 2026-03-31 or 31/03/2026.",
        ]
    )
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
