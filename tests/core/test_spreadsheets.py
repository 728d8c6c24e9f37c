"""Reading uploads with `core.spreadsheets.read_table`: good files read back exactly, and crafted files (formulas
with no saved values, one row of six million cells, a zip bomb, damaged files) are refused with a message a person
can act on, within 100 MB of memory growth and 5 seconds. Every file is built here, byte by byte where it matters.
"""

import codecs
import datetime as dt
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from core import spreadsheets
from core.spreadsheets import SpreadsheetError, read_table

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MEMORY_LIMIT = 100 * 1024 * 1024
TIME_LIMIT = 5.0
ALL_ROWS = 1_048_576


# Building files ---------------------------------------------------------------------------------


def xlsx(sheet_chunks, *, shared_strings=None, styles=None, sheets=None, workbook_pr="", prefix="") -> bytes:
    """A workbook written part by part; the sheet's XML streams in from `sheet_chunks`, so it may be huge."""
    sheets = '<sheet name="Figures" sheetId="1" r:id="rId1"/>' if sheets is None else sheets
    relationships = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    if shared_strings is not None:
        relationships.append(("rId2", "sharedStrings", "sharedStrings.xml"))
    if styles is not None:
        relationships.append(("rId3", "styles", "/xl/styles.xml"))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{OFFICE}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{OFFICE}">{workbook_pr}<sheets>{sheets}</sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}">'
            + "".join(f'<Relationship Id="{i}" Type="{OFFICE}/{t}" Target="{p}"/>' for i, t, p in relationships)
            + "</Relationships>",
        )
        if shared_strings is not None:
            archive.writestr("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}">{shared_strings}</sst>')
        if styles is not None:
            archive.writestr("xl/styles.xml", f'<styleSheet xmlns="{MAIN}">{styles}</styleSheet>')
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            namespace = f'xmlns:{prefix[:-1]}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
            sheet.write(f'<?xml version="1.0" encoding="UTF-8"?><{prefix}worksheet {namespace}>'.encode())
            sheet.write(f"<{prefix}sheetData>".encode())
            for chunk in sheet_chunks:
                sheet.write(chunk.encode() if isinstance(chunk, str) else chunk)
            sheet.write(f"</{prefix}sheetData></{prefix}worksheet>".encode())
    return output.getvalue()


def openpyxl_file(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def one_wide_row_xlsx(cells: int = 6_000_000) -> bytes:
    """The issue's file: one row of millions of cells, about 175 KB zipped (the issue's was 188 KB)."""
    chunk = "<c><v>1</v></c>" * 100_000
    return xlsx(["<row>", *(chunk for _ in range(cells // 100_000)), "</row>"])


def many_rows_xlsx(rows: int = 300_000) -> bytes:
    chunk = "<row><c><v>1</v></c></row>" * 10_000
    return xlsx(chunk for _ in range(rows // 10_000))


def figures_xlsx(rows: int = 5_000) -> bytes:
    """A legitimate import: headings and `rows` rows of figures and commentary, as the template has them."""
    header = ["indicator_code", "year", "quarter", "numerator", "denominator", "value", "what_happened", "why"]
    return openpyxl_file(
        [header]
        + [
            [f"RP{n % 40:02d}", 2025, n % 4 + 1, n * 3, 1000 + n, 12.25, f"Repairs in area {n}", None]
            for n in range(rows)
        ]
    )


def read(name, content, *, max_columns=11, max_rows=50_001) -> list[list]:
    return list(read_table(name, content, max_columns=max_columns, max_rows=max_rows))


def refusal(name, content, **limits) -> str:
    with pytest.raises(SpreadsheetError) as caught:
        read(name, content, **limits)
    return caught.value.message


def outcome(name, content, max_rows=50_001) -> str:
    """Read the file to its end, keeping no rows: '' if it was read, else the refusal."""
    try:
        for _row in read_table(name, content, max_columns=11, max_rows=max_rows):
            pass
    except SpreadsheetError as error:
        return error.message
    return ""


def within_limits(monkeypatch, name, content, max_rows=50_001) -> tuple[str, float, int]:
    """(outcome, seconds, peak Python memory growth in bytes), asserting under 5 s and under 100 MB.

    Timed and measured in two passes: tracemalloc slows allocation several times over, so the measured pass
    runs with the reader's clock out of the way, to see the memory of reading to the end or to the refusal.
    """
    started = time.perf_counter()
    timed = outcome(name, content, max_rows)
    seconds = time.perf_counter() - started
    monkeypatch.setattr(spreadsheets, "TIME_LIMIT_SECONDS", 60)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        message = outcome(name, content, max_rows)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    # On a busy machine the reader's own clock may refuse a file first: that too is within the limits.
    assert timed == message or (message and timed == spreadsheets.TOO_SLOW)
    assert seconds < TIME_LIMIT and peak < MEMORY_LIMIT
    return message, seconds, peak


# Good files ------------------------------------------------------------------------------------


def test_a_workbook_made_with_openpyxl_reads_back_exactly():
    content = openpyxl_file(
        [
            ["indicator_code", "year", "quarter", "value", "expected_recovery"],
            ["RP02", 2025, 1, 12.25, dt.date(2026, 3, 31)],
            ["RP03", 2025, 1, None, dt.datetime(2026, 3, 31, 10, 30)],
            [],
            [" text ", True, "not = a formula", -3, None],
        ]
    )
    assert read("figures.xlsx", content) == [
        ["indicator_code", "year", "quarter", "value", "expected_recovery"],
        ["RP02", 2025, 1, Decimal("12.25"), dt.date(2026, 3, 31)],
        ["RP03", 2025, 1, None, dt.datetime(2026, 3, 31, 10, 30)],
        [],
        [" text ", True, "not = a formula", -3],
    ]


def test_a_csv_reads_back_as_text_with_or_without_a_byte_order_mark():
    text = 'code,year,value,why\r\nRP02,2025,12.25,"Late, then ""caught up""\nin May"\r\n\r\n,,,\r\nRP03,2025,,x\r\n'
    expected = [
        ["code", "year", "value", "why"],
        ["RP02", "2025", "12.25", 'Late, then "caught up"\nin May'],
        [],
        [],
        ["RP03", "2025", "", "x"],
    ]
    assert read("figures.csv", text.encode()) == expected
    assert read("FIGURES.CSV", codecs.BOM_UTF8 + text.encode()) == expected
    assert read("figures.csv", text.encode(), max_columns=2)[1] == ["RP02", "2025"]


def test_every_kind_of_cell_written_by_hand_reads_back():
    shared = (
        "<si><t>plain</t></si>"
        "<si><r><t>rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh><t>ignored guide</t></rPh></si>"
        "<si><t>x</t></si>"
    )
    styles = (
        '<numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="h:mm"/>'
        '<numFmt numFmtId="166" formatCode="#,##0.00 &quot;days&quot;"/></numFmts>'
        '<cellStyleXfs><xf numFmtId="14"/></cellStyleXfs>'
        '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/>'
        "</cellXfs>"
    )
    rows = (
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c>'
        '<x:c r="C1" t="inlineStr"><x:is><x:t>inline</x:t></x:is></x:c></x:row>'
        '<x:row r="3"><x:c t="b"><x:v>0</x:v></x:c><x:c t="str"><x:f>A1&amp;""</x:f><x:v>plain</x:v></x:c>'
        '<x:c s="1"><x:v>46112</x:v></x:c><x:c s="2"><x:v>46112.5</x:v></x:c><x:c s="3"><x:v>0.4375</x:v></x:c>'
        '<x:c s="4"><x:v>7</x:v></x:c><x:c t="d"><x:v>2026-03-31</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c></x:row>'
        '<x:row r="4"><x:c r="B4"><x:f>A1</x:f><x:v>0</x:v></x:c><x:c r="E4" t="str"><x:f>""</x:f><x:v></x:v></x:c>'
        '<x:c r="L4"><x:f>SUM(A1)</x:f></x:c><x:c r="M4" t="e"><x:v>#REF!</x:v></x:c></x:row>'
        '<x:row r="9"><x:c r="A9" s="1"/><x:c r="B9" t="s"/></x:row>'
    )
    content = xlsx([rows], shared_strings=shared, styles=styles, prefix="x:")
    assert read("figures.xlsx", content) == [
        ["plain", "rich text", "inline"],
        [],
        [
            False,
            "plain",
            dt.date(2026, 3, 31),
            dt.datetime(2026, 3, 31, 12, 0),
            dt.time(10, 30),
            7,
            dt.date(2026, 3, 31),
            Decimal("0.0015"),
        ],
        [None, 0, None, None, ""],  # past column K (max_columns=11) nothing is read, so L4 and M4 pass
    ]


def test_a_worksheet_with_no_rows_reads_as_no_rows():
    assert read("figures.xlsx", xlsx([])) == []
    assert read("figures.csv", b"\r\n\r\n") == []


def test_the_1904_date_system_is_followed():
    styles = '<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'
    content = xlsx(['<row><c s="1"><v>0</v></c></row>'], styles=styles, workbook_pr='<workbookPr date1904="1"/>')
    assert read("figures.xlsx", content) == [[dt.date(1904, 1, 1)]]


def test_a_legitimate_file_of_5000_rows_reads_well_within_the_limits(monkeypatch):
    message, seconds, peak = within_limits(monkeypatch, "figures.xlsx", figures_xlsx(5_000))
    assert message == ""
    assert seconds < 2 and peak < 10 * 1024 * 1024


# The files -----------------------------------------------------------------------------


def test_formulas_with_no_saved_values_are_named_not_skipped():
    content = openpyxl_file([["indicator_code", "year", "quarter", "value"], ["RP02", 2025, "=1+0", "=450/500"]])
    assert refusal("figures.xlsx", content) == (
        "Cells C2 and D2 hold formulas with no saved values. "
        "Open the file in Excel, save it, and upload it again, or type the figures in."
    )


def test_one_formula_is_named_alone_and_many_are_counted():
    one = openpyxl_file([["a"], ["=1"]])
    assert refusal("figures.xlsx", one).startswith("Cell A2 holds a formula with no saved value. Open the file")
    many = openpyxl_file([["a", "b"]] + [["=1", "=2"] for _ in range(10)])
    assert refusal("figures.xlsx", many).startswith(
        "Cells A2, B2, A3, B3, A4, B4, A5, B5, A6, B6 and 10 more hold formulas with no saved values."
    )


def test_one_row_of_six_million_cells_is_refused_within_the_limits(monkeypatch):
    content = one_wide_row_xlsx()
    assert len(content) < 300 * 1024
    message, _seconds, _peak = within_limits(monkeypatch, "figures.xlsx", content)
    assert message.startswith("Row 1 has more than 1,000 cells. Delete the columns beside the figures")


def test_300000_rows_of_one_cell_are_refused_by_the_cap_on_cells_within_the_limits(monkeypatch):
    message, _seconds, _peak = within_limits(monkeypatch, "figures.xlsx", many_rows_xlsx(), max_rows=ALL_ROWS)
    assert message == "The file has more than 200,000 cells. Delete the rows and columns around the figures."


def test_figures_below_the_last_row_allowed_are_refused_but_blank_rows_are_not():
    assert refusal("figures.xlsx", many_rows_xlsx(60_000)) == (
        "The file has more than 50,001 rows. Split it into smaller files."
    )
    blank_below = xlsx(['<row r="1"><c><v>1</v></c></row><row r="900000"><c s="1"/></row>'])
    assert read("figures.xlsx", blank_below) == [[1]]
    assert "more than 2 rows" in refusal("figures.csv", b"a\nb\nc\n", max_rows=2)
    assert read("figures.csv", b"a\nb\n\n\n", max_rows=2) == [["a"], ["b"]]


def test_a_zip_bomb_is_refused_before_its_xml_is_parsed(monkeypatch):
    megabyte = b" " * (1024 * 1024)
    content = xlsx(megabyte for _ in range(101))
    assert len(content) < 1024 * 1024

    def parse(*args):
        raise AssertionError("parsed")

    monkeypatch.setattr(spreadsheets, "_parse", parse)
    assert refusal("figures.xlsx", content) == (
        "The Excel workbook is too large to read. Save the figures as a CSV file and upload that."
    )


# Other files refused ---------------------------------------------------------------------------


def test_an_error_cell_is_named_with_its_error():
    content = xlsx(['<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="B2" t="e"><v>#DIV/0!</v></c></row>'])
    assert refusal("figures.xlsx", content) == (
        "Cell B2 (#DIV/0!) shows an error. Correct it in Excel and upload the file again."
    )


def test_formulas_and_errors_are_named_together():
    content = xlsx(['<row><c r="A1"><f>1/0</f><v/></c><c r="B1" t="e"><v>#N/A</v></c><c t="e"><v>#NAME?</v></c></row>'])
    assert refusal("figures.xlsx", content) == (
        "Cell A1 holds a formula with no saved value. Open the file in Excel, save it, and upload it again, or type "
        "the figures in. Cells B1 (#N/A) and C1 (#NAME?) show errors. Correct them in Excel and upload the file again."
    )


GOOD = openpyxl_file([["a"], [1]])
NOT_OPENED = "The selected file could not be opened as an Excel workbook. Save it as an Excel workbook (.xlsx)."


def zip_of(**parts) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return output.getvalue()


def attributes(prefix: int, count: int) -> str:
    return " ".join(f'a{prefix}_{n}=""' for n in range(count))


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("figures.xlsx", GOOD[: len(GOOD) // 2], NOT_OPENED),
        ("figures.xlsx", GOOD[:-30] + b"\x00" * 30, NOT_OPENED),
        ("figures.xlsx", zip_of(notes__txt="hello"), NOT_OPENED),
        ("figures.xlsx", b"indicator_code,year\n", "The selected file is not a real Excel workbook."),
        ("figures.xls", GOOD, "The selected file is an older Excel file (.xls). Save it as an Excel workbook"),
        (
            "figures.xlsx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,
            "The selected file has a password or is an .xls file.",
        ),
        ("figures.xlsx", xlsx([], sheets=""), "The Excel workbook has no worksheets."),
        ("figures.xlsx", b"", "The selected file is empty."),
        ("figures.txt", b"a,b", "The selected file must be a CSV file or an Excel workbook (.xlsx)."),
        ("figures.xlsx", xlsx(['<row r="2"/><row r="1"/>']), NOT_OPENED),
        ("figures.xlsx", xlsx(['<row><c r="A1" t="s"><v>0</v></c></row>']), "Cell A1 could not be read. Open the file"),
        ("figures.xlsx", xlsx(['<row><c r="A1"><v>NaN</v></c></row>']), "Cell A1 could not be read."),
        ("figures.xlsx", xlsx(['<row><c r="A1"><v>1</v></row>']), NOT_OPENED),
        ("figures.xlsx", xlsx(["<row><c><v>", "9" * 40_000, "</v></c></row>"]), "Cell A1 has more than 32,767"),
        ("figures.xlsx", xlsx(['<row><c r="A1" x="', "y" * 2_000_000, '"/></row>']), NOT_OPENED),
        ("figures.xlsx", xlsx(["<row>" * 100]), NOT_OPENED),
        ("figures.xlsx", xlsx(f"<n{i}/>" for i in range(2_000)), NOT_OPENED),
        ("figures.xlsx", xlsx(f"<row><c {attributes(i, 101)}/></row>" for i in range(10)), NOT_OPENED),
        ("figures.xlsx", xlsx(['<row><c r="A1" t="b"><v>2</v></c></row>']), "Cell A1 could not be read."),
        ("figures.xlsx", xlsx(['<row><c r="A1" t="s"><v>-1</v></c></row>']), "Cell A1 could not be read."),
    ],
    ids=[
        "cut short",
        "damaged end record",
        "a zip of something else",
        "text named .xlsx",
        ".xls by name",
        ".xls or password by content",
        "no worksheets",
        "empty",
        "another type",
        "rows out of order",
        "missing shared string",
        "not a number",
        "broken XML",
        "a cell too long",
        "a tag too long",
        "nested too deep",
        "thousands of element names",
        "thousands of attribute names",
        "not a true or false",
        "a negative shared string",
    ],
)
def test_damaged_and_unsuitable_workbooks_are_refused(name, content, message):
    assert refusal(name, content).startswith(message)


def test_a_document_type_is_refused_so_entities_cannot_grow():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]>'
        f'<worksheet xmlns="{MAIN}"><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData>'
        "</worksheet>"
    )
    content = xlsx([])
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            sheet = info.filename == "xl/worksheets/sheet1.xml"
            target.writestr(info.filename, laughs if sheet else source.read(info))
    assert refusal("figures.xlsx", output.getvalue()) == NOT_OPENED


def test_caps_on_shared_strings_and_the_clock_are_kept(monkeypatch):
    monkeypatch.setattr(spreadsheets, "MAX_SHARED_STRINGS", 2)
    content = xlsx(["<row/>"], shared_strings="<si><t>a</t></si>" * 3)
    assert refusal("figures.xlsx", content).startswith("The Excel workbook is too large to read.")
    monkeypatch.setattr(spreadsheets, "TIME_LIMIT_SECONDS", 0)
    assert refusal("figures.xlsx", GOOD).startswith("The file took too long to read.")
    assert refusal("figures.csv", b"a\n" * 1000).startswith("The file took too long to read.")


@pytest.mark.parametrize(
    "content, message",
    [
        ("indicator_code,year\n".encode("utf-16"), "The selected file is saved as UTF-16 text."),
        (b"indicator_code,year\nRP02,20\x0025\n", "The selected file is not a CSV file: it contains binary data."),
        (GOOD, "The selected file is an Excel workbook, not a CSV file. Rename it to end in .xlsx."),
        ("code,why\nRP02,\u00a3 spent\n".encode("latin-1"), "The selected file is not a UTF-8 CSV file."),
        (
            b'code,why\nRP02,"never closed\nRP03,x\n',
            "Line 3 of the CSV file could not be read: a value may be too long",
        ),
        (b'code,why\nRP02,"closed"early\n', "Line 2 of the CSV file could not be read"),
        (b"a\n" + b"," * 1_000 + b"\n", "Row 2 has more than 1,000 cells."),
        (b"a\n" + b"x" * 1_000_001 + b"\n", "A row of the CSV file is longer than 1,000,000 characters."),
        (b"a\n" + b'"x\n",' * 300_000, "A row of the CSV file is longer than 1,000,000 characters."),
        (b"a\n" + b",,,,\n" * 50_000, "The file has more than 200,000 cells."),
    ],
    ids=[
        "utf-16",
        "nul byte",
        "a zip posing as csv",
        "latin-1",
        "unmatched quote",
        "text after a closing quote",
        "too wide",
        "a line too long",
        "a row over many lines too long",
        "too many cells",
    ],
)
def test_unsuitable_csv_files_are_refused(content, message):
    assert refusal("figures.csv", content).startswith(message)
