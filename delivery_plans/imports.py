"""Bulk import of actuals from CSV and Excel files: parse, check every row, then save all or nothing.

The flow is parse_upload -> validate_rows (shown as a preview) -> apply_import, which checks the rows
again inside one transaction and saves them through the same services as the return page.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from core.periods import financial_year_label, period_label
from delivery_plans import services
from delivery_plans.models import Actual, DeliveryPlan, Indicator, PlanIndicator, Return
from organisations.access import Party, acting_party

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_BLANK_ROWS = 10 * MAX_ROWS
MAX_UNPACKED_BYTES = 20 * MAX_BYTES
FIGURE_COLUMNS = ("numerator", "denominator", "value")
COMMENTARY_COLUMNS = ("what_happened", "why", "recovery_action", "expected_recovery")
COLUMNS = ("indicator_code", "year", "quarter", *FIGURE_COLUMNS, *COMMENTARY_COLUMNS)
REQUIRED_COLUMNS = ("indicator_code", "year", "quarter")
FILE_TYPES = "a CSV file or an Excel workbook (.xlsx)"
# A cell starting with one of these can run as a formula when the file is opened in a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# The largest figure an Actual can hold: 14 digits, 4 of them after the decimal point.
MAX_FIGURE = Decimal(10) ** 10
MAX_DECIMAL_PLACES = 4
THOUSANDS = re.compile(r"-?\d{1,3}(,\d{3})+(\.\d*)?")


class UploadError(Exception):
    """The file as a whole cannot be read: wrong type, too big, or headings missing or unknown."""

    def __init__(self, *messages: str):
        super().__init__(" ".join(messages))
        self.messages = list(messages)


@dataclass(frozen=True)
class ImportRowError:
    """A problem with one row of the file. Row numbers are as a spreadsheet shows them: headings are row 1."""

    row: int | None
    column: str
    message: str


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
    table = _read_xlsx(content) if name.endswith(".xlsx") else _read_csv(content)
    try:
        return _rows_from_table(table)
    finally:
        table.close()


def _read_csv(content: bytes):
    if content.startswith(b"PK\x03\x04"):
        raise UploadError("The selected file is an Excel workbook, not a CSV file. Rename it to end in .xlsx.")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise UploadError(
            "The selected file is saved as UTF-16 text. In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
        )
    if b"\x00" in content:
        raise UploadError("The selected file is not a CSV file: it contains binary data.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UploadError(
            "The selected file is not a UTF-8 CSV file. In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
        ) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        yield from reader
    except csv.Error as error:
        raise UploadError(
            f"Line {reader.line_num} of the CSV file could not be read: "
            "a value may be too long, or its quotation marks may not match."
        ) from error


def _read_xlsx(content: bytes):
    if not content.startswith(b"PK\x03\x04") or not zipfile.is_zipfile(io.BytesIO(content)):
        raise UploadError("The selected file is not a real Excel workbook. Save it as an Excel workbook (.xlsx).")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_UNPACKED_BYTES:  # a small file that unpacks into a huge one
        raise UploadError("The Excel workbook is too large to read. Save the figures as a CSV file and upload that.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign zip
        raise UploadError(
            "The selected file could not be opened as an Excel workbook. Save it as an Excel workbook (.xlsx)."
        ) from error
    try:
        if not workbook.worksheets:
            raise UploadError("The Excel workbook has no worksheets.")
        sheet = workbook.worksheets[0]
        header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), None)
        if header is None:
            return
        header = _trim(list(header))
        yield header
        # One column past the headings, to notice figures typed beyond them.
        width = len(header) + 1
        for values in sheet.iter_rows(min_row=2, max_col=width, values_only=True):
            yield list(values)
    finally:
        workbook.close()


def _trim(cells: list) -> list:
    while cells and _blank(cells[-1]):
        cells.pop()
    return cells


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


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
        problems.append(f"The file has columns the import does not recognise: {', '.join(_short(u) for u in unknown)}.")
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
        if all(_blank(cell) for cell in cells):
            if number > MAX_BLANK_ROWS:  # a sheet formatted far below its figures
                raise UploadError(too_many)
            continue
        if len(rows) == MAX_ROWS:
            raise UploadError(too_many)
        if any(not _blank(cell) for cell in cells[len(keys) :]):
            raise UploadError(f"Row {number} has more values than there are column headings.")
        row = {"row": number}
        for key, cell in zip(keys, cells, strict=False):
            if key:
                row[key] = cell.strip() if isinstance(cell, str) else cell
        rows.append(row)
    if not rows:
        raise UploadError("The file has no figures under the column headings.")
    return rows


def _short(text: str, limit: int = 40) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Checking rows ---------------------------------------------------------------------------------


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
    """Hand the cell to services.clean_figures as text; floats from Excel as their shortest form."""
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


def validate_rows(plan: DeliveryPlan, rows: list[dict]) -> tuple[list[dict], list[ImportRowError]]:
    """Check every row against the plan; returns (valid rows ready to save, errors).

    Each valid row is plain data (it can be kept in the session) and says whether it starts a new return.
    """
    errors: list[ImportRowError] = []
    if not plan.is_in_force:
        return [], [ImportRowError(None, "", "Figures can be imported only into a plan in force.")]
    # A template line left empty says nothing: skip it rather than call it an error.
    rows = [row for row in rows if not all(_blank(row.get(c)) for c in (*FIGURE_COLUMNS, *COMMENTARY_COLUMNS))]
    if not rows:
        return [], [ImportRowError(None, "", "No row has any figures. Fill them in and upload the file again.")]
    lookup = _Lookup(plan, {_text(row.get("indicator_code")) for row in rows})
    seen: dict[tuple[int, int, int], int] = {}
    valid = []
    for row in rows:
        number = row.get("row")
        row_errors: list[ImportRowError] = []

        def problem(column: str, message: str, row_errors=row_errors, number=number) -> None:
            row_errors.append(ImportRowError(number, column, message))

        code = _text(row.get("indicator_code"))
        plan_indicator = None
        if not code:
            problem("indicator_code", "Enter the indicator code, like RP02(1).")
        else:
            plan_indicator = lookup.plan_indicator(code)
            if plan_indicator is None and code.casefold() not in lookup.known_codes:
                problem("indicator_code", f"There is no indicator with the code {_short(code)}.")
            elif plan_indicator is None:
                problem("indicator_code", f"{_short(code)} is not one of this plan's indicators.")
            elif not plan_indicator.is_active:
                problem("indicator_code", f"{plan_indicator.indicator.code} has been removed from this plan.")
                plan_indicator = None
        indicator = plan_indicator.indicator if plan_indicator else None

        raw_year = row.get("year")
        year = _year(raw_year)
        if _blank(raw_year):
            problem("year", "Enter the financial year, like 2025 for 2025/26.")
        elif year is None:
            problem(
                "year", f"Enter the year as a whole number, like 2025 for 2025/26; {_short(_text(raw_year))} is not."
            )
        elif not plan.covers(year):
            problem("year", f"{financial_year_label(year)} is outside the plan, {_plan_covers_label(plan)}.")
            year = None

        raw_quarter = row.get("quarter")
        quarter = _quarter(raw_quarter)
        if _blank(raw_quarter):
            problem("quarter", "Enter the quarter, from 1 to 4.")
        elif quarter not in (1, 2, 3, 4):
            problem("quarter", f"Enter a quarter from 1 to 4; {_short(_text(raw_quarter))} is not one.")
            quarter = None
        elif indicator and indicator.frequency == Indicator.Frequency.ANNUAL and quarter != 4:
            problem("quarter", f"{indicator.code} is reported once a year, in quarter 4.")
            quarter = None

        figures = {}
        if indicator:
            raw_figures = {column: _figure(row.get(column)) for column in FIGURE_COLUMNS}
            figures, figure_errors = services.clean_figures(indicator, *raw_figures.values())
            for column, message in figure_errors.items():
                problem(column, message)
            if not figure_errors:
                _check_figures(indicator, figures, problem)

        expected = None
        if "expected_recovery" in row and not _blank(row["expected_recovery"]):
            try:
                expected = _date(row["expected_recovery"])
            except ValueError:
                problem("expected_recovery", "Enter the date as 2026-03-31 or 31/03/2026.")

        if plan_indicator and year is not None and quarter is not None:
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
            if return_record is not None and not return_record.is_editable:
                problem(
                    "quarter",
                    f"The {period} return is {return_record.get_status_display().lower()} and locked.",
                )
            elif return_record is not None and key not in lookup.lines:
                problem(
                    "indicator_code",
                    f"The {period} return has no line for {plan_indicator.indicator.code}: "
                    "it was started before the indicator was added to the plan.",
                )

        if row_errors:
            errors.extend(row_errors)
            continue
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
        valid.append(cleaned)
    return (valid if not errors else []), errors


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


def neutralise(cell):
    """Stop a spreadsheet treating text as a formula: prefix a single quote to risky text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


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
