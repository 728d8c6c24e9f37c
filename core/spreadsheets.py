"""Reading uploaded spreadsheets (CSV and .xlsx) into rows of values, within fixed limits whatever the file.

Every app's imports read uploads through `read_table`. The .xlsx reader streams the first worksheet's XML from
the zip through expat, one cell at a time, so memory stays small and a crafted file (a zip bomb, one row of
millions of cells, formulas with no saved values) is refused with a message a person can act on, instead of
filling a worker's memory or time.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import posixpath
import re
import time
import zipfile
import zlib
from collections.abc import Iterator
from decimal import Decimal
from xml.parsers import expat

MAX_ROW_CELLS = 1_000  # cells in one row, counting empty ones, before the sheet is refused
MAX_SHEET_CELLS = 200_000  # cells in the sheet, counting empty ones
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # the workbook's parts unpacked (a zip bomb is far more)
MAX_ZIP_ENTRIES = 10_000
MAX_SHARED_STRINGS = 300_000
MAX_SHARED_TEXT = 5_000_000  # characters in all shared strings together
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_XML_GAP_BYTES = 1024 * 1024  # bytes between two '<': expat holds a whole tag in memory
MAX_XML_DEPTH = 64
MAX_XML_NAMES = 1_000  # different element names, and attribute names, in one part
MAX_CSV_ROW_CHARS = 1_000_000
MAX_STYLES = 100_000
TIME_LIMIT_SECONDS = 4.0  # reading stops here, leaving room within the 5 s a request may take
NAMED_CELLS = 10  # cells named in one message before "and N more"

_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and .xlsx saved with a password
_MAX_SHEET_ROW, _MAX_SHEET_COLUMN = 1_048_576, 16_384
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
_ROW_NUMBER = re.compile(r"[0-9]{1,7}")
_BUILT_IN_FORMATS = dict.fromkeys((14, 15, 16, 17, 22), "date") | dict.fromkeys((18, 19, 20, 21, 45, 46, 47), "time")
# Parts of a number format that are not date or time codes: quoted text, escapes, padding, colours, AM/PM.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|[_*].|\[[^\]]*\]|am/pm|a/p', re.IGNORECASE)
# A damaged part: NotImplementedError and RuntimeError are an unknown compression and a part with a password.
_PART_ERRORS = (expat.ExpatError, zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError)

OLD_EXCEL = "The selected file is an older Excel file (.xls). Save it as an Excel workbook (.xlsx)."
LOCKED = "The selected file has a password or is an .xls file. Save it as an Excel workbook (.xlsx), with no password."
NOT_XLSX = "The selected file is not a real Excel workbook. Save it as an Excel workbook (.xlsx)."
NOT_OPENED = "The selected file could not be opened as an Excel workbook. Save it as an Excel workbook (.xlsx)."
TOO_LARGE = "The Excel workbook is too large to read. Save the figures as a CSV file and upload that."
TOO_WIDE = "Row {row:,} has more than {cells:,} cells. Delete the columns beside the figures and upload the file again."
TOO_MANY_CELLS = "The file has more than {cells:,} cells. Delete the rows and columns around the figures."
NOT_UTF8 = "The selected file is not a UTF-8 CSV file. In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
UTF16 = "The selected file is saved as UTF-16 text. In Excel, save it as 'CSV UTF-8 (Comma delimited)'."
BAD_LINE = (
    "Line {line} of the CSV file could not be read: a value may be too long, or its quotation marks may not match."
)
LONG_ROW = "A row of the CSV file is longer than {chars:,} characters. Check it is the file of figures."
LONG_CELL = "Cell {cell} has more than {chars:,} characters. Shorten it and upload the file again."
FORMULAS = ("Cell {} holds a formula with no saved value.", "Cells {} hold formulas with no saved values.")
RESAVE = "Open the file in Excel, save it, and upload it again, or type the figures in."
ERRORS = ("Cell {} shows an error. Correct it", "Cells {} show errors. Correct them")
BAD_CELL = "Cell {cell} could not be read. Open the file in Excel, save it, and upload it again."
TOO_SLOW = "The file took too long to read. Save the figures in a new workbook or a CSV file, and upload that."


class SpreadsheetError(Exception):
    """The file cannot be read as a table; `message` says why and what to do, for showing to the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_table(name: str, content: bytes, *, max_columns: int, max_rows: int) -> Iterator[list]:
    """Yield the rows of a .csv or .xlsx file (the first worksheet), the header row first, as lists of values.

    Values are str, int, Decimal, bool, date, datetime, time or None; a row's list stops at its last value, and
    a blank row is []. Only columns before `max_columns` are kept (pass one past the headings to notice figures
    typed beyond them). A value below row `max_rows` is refused; blank rows after the last value are dropped.
    Raises SpreadsheetError, from the first `next()` on, when the file cannot be read within the limits above.
    """
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    lower = (name or "").lower()
    if lower.endswith(".xls"):
        raise SpreadsheetError(OLD_EXCEL)
    if not lower.endswith((".csv", ".xlsx")):
        raise SpreadsheetError("The selected file must be a CSV file or an Excel workbook (.xlsx).")
    if not content:
        raise SpreadsheetError("The selected file is empty.")
    reader = _csv_rows if lower.endswith(".csv") else _xlsx_rows
    done = 0
    for number, cells in reader(content, max_columns, deadline):
        if number > max_rows:
            raise SpreadsheetError(f"The file has more than {max_rows:,} rows. Split it into smaller files.")
        for _blank in range(number - done - 1):
            yield []
        yield cells
        done = number


def _check_clock(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise SpreadsheetError(TOO_SLOW)


# CSV -------------------------------------------------------------------------------------------


def _csv_rows(content: bytes, max_columns: int, deadline: float) -> Iterator[tuple[int, list]]:
    """(row number, cells) for each row with a value, decoding and splitting as it goes."""
    if content.startswith(b"PK\x03\x04"):
        raise SpreadsheetError("The selected file is an Excel workbook, not a CSV file. Rename it to end in .xlsx.")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SpreadsheetError(UTF16)
    if b"\x00" in content:
        raise SpreadsheetError("The selected file is not a CSV file: it contains binary data.")
    used = [0]  # characters read for the row being split; csv would otherwise build any row, however wide
    text = io.TextIOWrapper(io.BytesIO(content), encoding="utf-8-sig", newline="")
    # strict: an unmatched quotation mark is an error, not a field that swallows the rest of the file.
    reader = csv.reader(_csv_lines(text, used), strict=True)
    cells_seen = 0
    try:
        for number, row in enumerate(reader, start=1):
            used[0] = 0
            if len(row) > MAX_ROW_CELLS:
                raise SpreadsheetError(TOO_WIDE.format(row=number, cells=MAX_ROW_CELLS))
            cells_seen += len(row)
            if cells_seen > MAX_SHEET_CELLS:
                raise SpreadsheetError(TOO_MANY_CELLS.format(cells=MAX_SHEET_CELLS))
            if number % 256 == 0:
                _check_clock(deadline)
            row = row[:max_columns]
            if any(row):
                yield number, row
    except csv.Error as error:
        raise SpreadsheetError(BAD_LINE.format(line=reader.line_num)) from error
    except UnicodeDecodeError as error:
        raise SpreadsheetError(NOT_UTF8) from error


def _csv_lines(text: io.TextIOWrapper, used: list[int]) -> Iterator[str]:
    while line := text.readline(MAX_CSV_ROW_CHARS + 1):
        used[0] += len(line)
        if used[0] > MAX_CSV_ROW_CHARS:
            raise SpreadsheetError(LONG_ROW.format(chars=MAX_CSV_ROW_CHARS))
        yield line


# XLSX: the zip and its parts -------------------------------------------------------------------


def _xlsx_rows(content: bytes, max_columns: int, deadline: float) -> Iterator[tuple[int, list]]:
    with _open_zip(content) as archive:
        sheet_name, strings_name, styles_name, date1904 = _workbook_parts(archive, deadline)
        strings = _parse_all(archive, strings_name, _SharedStrings(), deadline).strings if strings_name else []
        styles = _parse_all(archive, styles_name, _Styles(), deadline).kinds() if styles_name else []
        sheet = _Sheet(strings, styles, date1904, max_columns)
        for _chunk in _parse(archive, sheet_name, sheet, deadline):
            rows, sheet.ready = sheet.ready, []
            yield from rows
        if sheet.formulas.count or sheet.errors.count:
            raise SpreadsheetError(_problems(sheet.formulas, sheet.errors))


def _open_zip(content: bytes) -> zipfile.ZipFile:
    if content.startswith(_OLE_MAGIC):
        raise SpreadsheetError(LOCKED)
    if not content.startswith(b"PK\x03\x04"):
        raise SpreadsheetError(NOT_XLSX)
    if content.count(b"PK\x01\x02") > MAX_ZIP_ENTRIES:  # entries, counted before zipfile makes an object of each
        raise SpreadsheetError(TOO_LARGE)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        raise SpreadsheetError(NOT_OPENED) from error
    # zipfile never unpacks more than a part's declared size, so the declared sizes bound the work.
    parts = archive.infolist()
    if len(parts) > MAX_ZIP_ENTRIES or sum(part.file_size for part in parts) > MAX_UNPACKED_BYTES:
        archive.close()
        raise SpreadsheetError(TOO_LARGE)
    return archive


def _workbook_parts(archive: zipfile.ZipFile, deadline: float) -> tuple[str, str | None, str | None, bool]:
    """The first worksheet, the shared strings and the styles, found as Excel finds them, and the date system."""
    names = set(archive.namelist())
    book = "xl/workbook.xml"
    if "_rels/.rels" in names:
        package = _parse_all(archive, "_rels/.rels", _Relationships(""), deadline).found
        book = next((target for kind, target in package.values() if kind.endswith("/officeDocument")), book)
    folder, base = posixpath.split(book)
    book_rels = posixpath.join(folder, "_rels", base + ".rels")
    if book not in names or book_rels not in names:
        raise SpreadsheetError(NOT_OPENED)
    workbook = _parse_all(archive, book, _Workbook(), deadline)
    rels = _parse_all(archive, book_rels, _Relationships(folder), deadline).found
    sheets = [rels[i][1] for i in workbook.sheet_ids if i in rels and rels[i][0].endswith("/worksheet")]
    if not sheets:
        raise SpreadsheetError("The Excel workbook has no worksheets.")
    if sheets[0] not in names:
        raise SpreadsheetError(NOT_OPENED)
    parts = {kind.rpartition("/")[2]: target for kind, target in reversed(rels.values()) if target in names}
    return sheets[0], parts.get("sharedStrings"), parts.get("styles"), workbook.date1904


def _parse_all(archive: zipfile.ZipFile, name: str, handler, deadline: float):
    for _chunk in _parse(archive, name, handler, deadline):
        pass
    return handler


def _parse(archive: zipfile.ZipFile, name: str, handler, deadline: float) -> Iterator[None]:
    """Stream one part through expat into `handler`, yielding after each chunk so rows can be passed on.

    The clock is checked between chunks: a chunk holds at most a few thousand elements. No document type is
    allowed: a workbook has none, and entities are how XML bombs grow.
    """
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse_doctype(*_args) -> None:
        raise SpreadsheetError(NOT_OPENED)

    handler.names, handler.attribute_names = {}, set()
    parser.StartElementHandler, parser.EndElementHandler = handler.on_start, handler.on_end
    parser.CharacterDataHandler = handler.text
    parser.StartDoctypeDeclHandler = refuse_doctype
    try:
        with archive.open(name) as stream:
            unpacked, gap = 0, 0
            while chunk := stream.read(_CHUNK):
                unpacked += len(chunk)
                if unpacked > MAX_UNPACKED_BYTES:
                    raise SpreadsheetError(TOO_LARGE)
                gap = _markup_gap(chunk, gap)
                _check_clock(deadline)
                parser.Parse(chunk, False)
                yield
        parser.Parse(b"", True)
        yield
    except _PART_ERRORS as error:
        raise SpreadsheetError(NOT_OPENED) from error


def _markup_gap(chunk: bytes, gap: int) -> int:
    """Bytes since the last '<', refused past the limit: expat would hold a long tag or text in memory."""
    first = chunk.find(b"<")
    gap += len(chunk) if first < 0 else first
    if gap > MAX_XML_GAP_BYTES:
        raise SpreadsheetError(NOT_OPENED)
    return gap if first < 0 else len(chunk) - chunk.rfind(b"<") - 1


class _Handler:
    """Receives a part's elements by local name (`x:c` is `c`), refusing deep nesting: expat keeps every open tag."""

    depth = 0
    # Element names -> local names, and attribute names. Expat keeps a record of every name it meets, so a
    # crafted file with millions of names is refused; a workbook's parts use a few dozen.
    names: dict[str, str]
    attribute_names: set[str]

    def on_start(self, tag: str, attrs: dict) -> None:
        self.depth += 1
        if self.depth > MAX_XML_DEPTH:
            raise SpreadsheetError(NOT_OPENED)
        name = self.names.get(tag)
        if name is None:
            name = self.names[tag] = tag.rpartition(":")[2]
        if attrs:
            self.attribute_names.update(attrs)
        if len(self.names) > MAX_XML_NAMES or len(self.attribute_names) > MAX_XML_NAMES:
            raise SpreadsheetError(NOT_OPENED)
        self.start(name, attrs)

    def on_end(self, tag: str) -> None:
        self.depth -= 1
        self.end(self.names[tag])

    def start(self, name: str, attrs: dict) -> None: ...
    def end(self, name: str) -> None: ...
    def text(self, data: str) -> None: ...


class _Relationships(_Handler):
    """Relationship id -> (type, part name), targets resolved against the part's folder; long values cut short."""

    def __init__(self, folder: str):
        self.folder, self.found = folder, {}

    def start(self, name, attrs):
        if name != "Relationship" or attrs.get("TargetMode") == "External":
            return
        if len(self.found) >= MAX_ZIP_ENTRIES:
            raise SpreadsheetError(NOT_OPENED)
        target = attrs.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(self.folder, target)
        self.found[attrs.get("Id", "")[:255]] = (attrs.get("Type", "")[:255], posixpath.normpath(path[:1000]))


class _Workbook(_Handler):
    def __init__(self):
        self.sheet_ids, self.date1904 = [], False

    def start(self, name, attrs):
        if name == "sheet" and len(self.sheet_ids) < MAX_ZIP_ENTRIES:
            # r:id, whatever prefix the file gives the relationships namespace
            self.sheet_ids.append(next((v[:255] for k, v in attrs.items() if k.rpartition(":")[2] == "id"), None))
        elif name == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class _SharedStrings(_Handler):
    """The text of each <si>: its <t>, or its runs' <t>s, leaving out phonetic guides (<rPh>)."""

    def __init__(self):
        self.strings, self.pieces, self.reading, self.phonetic, self.total = [], None, False, 0, 0

    def start(self, name, attrs):
        if name == "si":
            if len(self.strings) >= MAX_SHARED_STRINGS:
                raise SpreadsheetError(TOO_LARGE)
            self.pieces = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.pieces is not None and not self.phonetic:
            self.reading = True

    def end(self, name):
        if name == "si" and self.pieces is not None:
            self.strings.append("".join(self.pieces))
            self.pieces = None
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "t":
            self.reading = False

    def text(self, data):
        if self.reading:
            self.total += len(data)
            if self.total > MAX_SHARED_TEXT:
                raise SpreadsheetError(TOO_LARGE)
            self.pieces.append(data)


class _Styles(_Handler):
    """Which cell styles (<cellXfs>) show numbers as dates or times."""

    def __init__(self):
        self.codes, self.format_ids, self.in_cell_xfs = {}, [], False

    def start(self, name, attrs):
        if len(self.codes) + len(self.format_ids) >= MAX_STYLES:
            raise SpreadsheetError(TOO_LARGE)
        if name == "numFmt":
            self.codes[attrs.get("numFmtId", "")[:20]] = attrs.get("formatCode", "")[:255]  # Excel's longest
        elif name == "cellXfs":
            self.in_cell_xfs = True
        elif name == "xf" and self.in_cell_xfs:
            self.format_ids.append(attrs.get("numFmtId", "0")[:20])

    def end(self, name):
        if name == "cellXfs":
            self.in_cell_xfs = False

    def kinds(self) -> list[str | None]:
        known = {format_id: _format_kind(format_id, self.codes.get(format_id)) for format_id in set(self.format_ids)}
        return [known[format_id] for format_id in self.format_ids]


def _format_kind(format_id: str, code: str | None) -> str | None:
    """'date' for a date format (with or without a time), 'time' for a time or duration only, else None."""
    number = int(format_id) if _ROW_NUMBER.fullmatch(format_id) else -1
    if number in _BUILT_IN_FORMATS:
        return _BUILT_IN_FORMATS[number]
    if not code:
        return None
    if re.search(r"\[(h+|m+|s+)\]", code, re.IGNORECASE):
        return "time"  # elapsed hours, minutes or seconds
    plain = _FORMAT_LITERALS.sub("", code.split(";")[0]).lower()
    if "d" in plain or "y" in plain:
        return "date"
    if "h" in plain or "s" in plain:
        return "time"
    return "date" if "m" in plain else None


# XLSX: the worksheet ---------------------------------------------------------------------------


class _Cell:
    __slots__ = ("ref", "column", "kind", "style", "formula", "value", "inline", "chars")

    def __init__(self, ref: str | None, column: int, kind: str, style: str | None):
        self.ref, self.column, self.kind, self.style = ref, column, kind, style
        self.formula, self.value, self.inline, self.chars = False, None, None, 0


class _Sheet(_Handler):
    """Turns the worksheet's elements into finished rows in `ready`, counting cells against the caps."""

    def __init__(self, strings: list[str], styles: list, date1904: bool, max_columns: int):
        self.strings, self.styles, self.date1904, self.max_columns = strings, styles, date1904, max_columns
        self.ready: list[tuple[int, list]] = []
        self.formulas, self.errors = _CellList(), _CellList()  # cells to name in the error at the end
        self.row, self.column, self.in_row, self.values = 0, -1, False, {}
        self.row_cells, self.sheet_cells, self.phonetic = 0, 0, 0
        self.cell: _Cell | None = None
        self.reading: str | None = None  # "value" or "inline": where the text being read goes
        self.columns: dict[str, int] = {}  # column letters -> index

    def start(self, name, attrs):
        if name == "c":
            self._start_cell(attrs)
        elif self.cell is None:
            if name == "row":
                self._start_row(attrs.get("r"))
        elif name == "v":
            self.cell.value, self.reading = "", "value"
        elif name == "f":
            self.cell.formula = True
        elif name == "is":
            self.cell.inline = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and self.cell.inline is not None and not self.phonetic:
            self.reading = "inline"

    def end(self, name):
        if name == "c":
            self._end_cell()
        elif name == "v" or name == "t":
            self.reading = None
        elif name == "row":
            self._end_row()
        elif name == "rPh":
            self.phonetic -= 1

    def text(self, data):
        if self.reading is not None:
            self.cell.chars += len(data)
            if self.cell.chars > MAX_CELL_CHARS:
                raise SpreadsheetError(LONG_CELL.format(cell=self._name(self.cell), chars=MAX_CELL_CHARS))
            if self.reading == "value":  # one text node, which buffer_text hands over in one piece or very few
                self.cell.value += data
            else:  # an inline string may have many runs
                self.cell.inline.append(data)

    def _start_row(self, ref: str | None) -> None:
        number = self.row + 1 if ref is None else int(ref) if ref.isdigit() and ref.isascii() and len(ref) < 8 else 0
        if not self.row < number <= _MAX_SHEET_ROW:  # rows come in order, once each
            raise SpreadsheetError(NOT_OPENED)
        self.row, self.column, self.in_row, self.row_cells = number, -1, True, 0

    def _end_row(self) -> None:
        if self.values:
            self.ready.append((self.row, [self.values.get(column) for column in range(max(self.values) + 1)]))
        self.in_row = False
        self.values.clear()

    def _start_cell(self, attrs: dict) -> None:
        self.row_cells += 1
        self.sheet_cells += 1
        if self.row_cells > MAX_ROW_CELLS:
            raise SpreadsheetError(TOO_WIDE.format(row=self.row, cells=MAX_ROW_CELLS))
        if self.sheet_cells > MAX_SHEET_CELLS:
            raise SpreadsheetError(TOO_MANY_CELLS.format(cells=MAX_SHEET_CELLS))
        ref = attrs.get("r")
        if ref:
            letters = ref.rstrip("0123456789")
            self.column = self.columns.get(letters) if len(ref) <= 10 else None  # XFD1048576 is the longest
            if self.column is None:
                self.column = self.columns[letters] = _column_index(ref)
        else:
            self.column += 1
        if not self.in_row or self.column >= _MAX_SHEET_COLUMN:
            raise SpreadsheetError(NOT_OPENED)
        if self.column < self.max_columns:  # cells beyond are counted, never read
            self.cell = _Cell(ref, self.column, attrs.get("t", "n"), attrs.get("s"))

    def _end_cell(self) -> None:
        cell, self.cell, self.reading = self.cell, None, None
        if cell is None:
            return
        try:
            value = self._value(cell)
        except (ValueError, ArithmeticError, LookupError) as error:
            raise SpreadsheetError(BAD_CELL.format(cell=self._name(cell))) from error
        if value is not None:
            self.values[cell.column] = value

    def _name(self, cell: _Cell) -> str:
        return cell.ref or f"{_column_letters(cell.column)}{self.row}"

    def _value(self, cell: _Cell):
        text = cell.value
        if cell.formula and (text is None or (text == "" and cell.kind != "str")):
            self.formulas.add(self._name(cell))
            return None
        if cell.kind == "inlineStr":
            return None if cell.inline is None else "".join(cell.inline)
        if text is None or (text == "" and cell.kind != "str"):
            return None
        if cell.kind == "n" and not cell.style:
            return _number(text)
        if cell.kind == "s":
            # An index into the shared strings; a negative or damaged one is made one past the end, to be refused.
            return self.strings[int(text) if text.isdigit() else len(self.strings)]
        if cell.kind == "str":
            return text
        if cell.kind == "b":
            return {"1": True, "0": False, "true": True, "false": False}[text.strip().lower()]
        if cell.kind == "e":
            self.errors.add(f"{self._name(cell)} ({text.strip()[:20]})")
            return None
        if cell.kind == "d":
            value = dt.datetime.fromisoformat(text.strip())
            return value.date() if value.time() == dt.time(0) and "T" not in text else value
        if cell.kind != "n":
            raise ValueError(cell.kind)
        number = _number(text)
        style = int(cell.style) if cell.style else 0
        kind = self.styles[style] if 0 <= style < len(self.styles) else None
        return _excel_date(number, kind, self.date1904) if kind else number


def _column_index(ref: str) -> int:
    """0 for A1, 16383 for XFD1048576."""
    match = _CELL_REF.fullmatch(ref)
    if not match:
        raise SpreadsheetError(NOT_OPENED)
    index = 0
    for letter in match.group(1).upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def _column_letters(index: int) -> str:
    """'A' for 0, 'XFD' for 16383."""
    letters = ""
    while index >= 0:
        index, letters = index // 26 - 1, chr(65 + index % 26) + letters
    return letters


def _number(text: str) -> int | Decimal:
    """Exactly as written: 12.25 stays 12.25 (a float would not always)."""
    if text.isascii() and text.lstrip("-").isdigit() and len(text) < 20:
        return int(text)
    number = Decimal(text)
    if len(text) > 40 or not number.is_finite() or not -400 < number.adjusted() < 400:
        raise ValueError(text)
    return number


def _excel_date(serial: int | Decimal, kind: str, date1904: bool) -> dt.date | dt.datetime | dt.time:
    """An Excel day number as a date, or a datetime when it has a time of day, or a time for a time format."""
    if not 0 <= serial < 2_958_466:  # 31 December 9999
        raise ValueError(serial)
    # Excel counts a 29 February 1900 that never was: days before it start a day later.
    base = dt.datetime(1904, 1, 1) if date1904 else dt.datetime(1899, 12, 31 if serial < 60 else 30)
    value = base + dt.timedelta(microseconds=round(serial * 86_400_000_000))
    if kind == "time" and serial < 1:
        return value.time()
    return value.date() if value.time() == dt.time(0) else value


class _CellList:
    """Names of cells with one problem: the first few kept, the rest counted."""

    def __init__(self):
        self.names, self.count = [], 0

    def add(self, name: str) -> None:
        self.count += 1
        if len(self.names) < NAMED_CELLS:
            self.names.append(name)

    def __str__(self) -> str:
        more = self.count - len(self.names)
        if more:
            return f"{', '.join(self.names)} and {more:,} more"
        return self.names[0] if self.count == 1 else f"{', '.join(self.names[:-1])} and {self.names[-1]}"


def _problems(formulas: _CellList, errors: _CellList) -> str:
    """One message naming the cells with formulas and no saved values, then those showing errors."""
    parts = []
    if formulas.count:
        parts += [FORMULAS[formulas.count > 1].format(formulas), RESAVE]
    if errors.count:
        parts.append(ERRORS[errors.count > 1].format(errors) + " in Excel and upload the file again.")
    return " ".join(parts)
