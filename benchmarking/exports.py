"""Writers for exports: CSV and JSON stream as they are written; XLSX is built in a temporary file, then streamed.

Spreadsheet formula injection: a text cell beginning with =, +, -, @, a tab or a carriage return would be read as
a formula by Excel or LibreOffice, so CSV and XLSX cells like that get a leading apostrophe (the OWASP advice).
Numbers are written as numbers and JSON as it is: neither is a formula.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from openpyxl import Workbook

from benchmarking.selectors import Formats
from core.spreadsheet_cells import neutralise

ROWS_PER_CHUNK = 500
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header included; more rows go on to another sheet
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plain(number: Decimal) -> str:
    """A decimal as written, without the trailing zeros of the stored scale: 95.5000 -> 95.5."""
    text = str(number)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _csv_text(text: str) -> str:
    """Neutralised, then quoted as the csv module would (only when it must be): done once per name, not per row."""
    text = neutralise(text)
    if any(character in text for character in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_number(number):
    # `plain`, inlined: this runs three times a row.
    if number is None:
        return ""
    text = str(number)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _csv_integer(number):
    return "" if number is None else str(number)


def _json_number(number):
    return "null" if number is None else plain(number)


def _json_integer(number):
    return "null" if number is None else str(number)


def _xlsx_text(text):
    return None if text is None else neutralise(text)


def _same(value):
    return value


# For figures already rounded to their published places (the TSM export): keep the places, 77.0 stays 77.0.
FIXED_NUMBERS = {
    "csv": lambda number: "" if number is None else f"{number:f}",
    "json": lambda number: "null" if number is None else f"{number:f}",
    "xlsx": _same,
}

FORMATS = {
    "csv": Formats(text=_csv_text, number=_csv_number, integer=_csv_integer),
    "json": Formats(text=json.dumps, number=_json_number, integer=_json_integer),
    "xlsx": Formats(text=_xlsx_text, number=_same, integer=_same),
}


def csv_chunks(header: Iterable[str], rows: Iterable[list]) -> Iterator[str]:
    """Rows already formatted for CSV (FORMATS["csv"]: text neutralised and quoted); a few hundred rows a chunk.

    Joining the cells is the csv module's output for them, at a fraction of its cost per row.
    """
    lines = [",".join(_csv_text(name) for name in header)]
    for count, row in enumerate(rows, start=1):
        lines.append(",".join(row))
        if count % ROWS_PER_CHUNK == 0:
            lines.append("")
            yield "\r\n".join(lines)
            lines = []
    lines.append("")
    yield "\r\n".join(lines)


def json_chunks(columns: Iterable[str], rows: Iterable[list]) -> Iterator[str]:
    """Rows already formatted as JSON values, written as an array of objects keyed by column."""
    keys = [json.dumps(column) + ":" for column in columns]
    yield "["
    parts, separator = [], "\n"
    for count, row in enumerate(rows, start=1):
        parts.append(separator + "{" + ",".join(key + cell for key, cell in zip(keys, row, strict=True)) + "}")
        separator = ",\n"
        if count % ROWS_PER_CHUNK == 0:
            yield "".join(parts)
            parts = []
    parts.append("\n]\n")
    yield "".join(parts)


def xlsx_file(title: str, header: list[str], rows: Iterable[list]):
    """A workbook written row by row (openpyxl's write-only mode keeps rows on disk, not in memory).

    Returns an open temporary file, at its start, that is deleted when closed.
    """
    workbook = Workbook(write_only=True)
    sheet, written, sheets = None, XLSX_MAX_ROWS, 0
    for row in rows:
        if written >= XLSX_MAX_ROWS:
            sheets += 1
            sheet = workbook.create_sheet(title if sheets == 1 else f"{title} ({sheets})")
            sheet.append([neutralise(name) for name in header])
            written = 1
        sheet.append(row)
        written += 1
    if sheet is None:
        workbook.create_sheet(title).append([neutralise(name) for name in header])
    output = tempfile.TemporaryFile()
    workbook.save(output)
    output.seek(0)
    return output
