"""Reading a file of survey responses, one row per respondent, through the bounded reader: all or nothing.

The file's first row is the column headings: `respondent_id`, the screening questions (`had_repair`,
`made_complaint`, `has_communal_areas`, answered yes or no) and a column for each question, `TP01` to `TP12`,
answered 1 (very satisfied, or strongly agree) to 5 (very dissatisfied, or strongly disagree). `DK` (don't
know), `NA` (not applicable) or a blank leaves the respondent out of that question's base.

Every problem is reported with its row and column, and nothing is saved while any remains.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from core.spreadsheets import SpreadsheetError, read_table
from tenants.measures import BY_CODE, LCHO, MEASURES, SCREENS, measures_for

MAX_ROWS = 30_000
MAX_ERRORS = 100  # row problems listed before the rest are summed up
RESPONDENT = "respondent_id"
OFF_SCALE = {"DK", "NA", "DON'T KNOW", "NOT APPLICABLE"}
YES, NO = {"YES", "Y"}, {"NO", "N"}


@dataclass(frozen=True)
class RowError:
    row: int | None  # the file's row number (the headings are row 1); None for the file as a whole
    column: str
    message: str


@dataclass
class ParsedFile:
    rows: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def expected_columns(tenure: str) -> list[str]:
    """The headings a file for a survey of `tenure` must have, in the order the template gives them."""
    codes = [measure.code for measure in measures_for(tenure)]
    screens = [name for name in SCREENS if any(BY_CODE[code].screen == name for code in codes)]
    return [RESPONDENT, *screens, *codes]


def parse_responses(name: str, content: bytes, *, tenure: str, population: int) -> ParsedFile:
    """Each respondent's answers as a dict ready to save, or the problems found; never both."""
    parsed = ParsedFile()
    expected = expected_columns(tenure)
    try:
        table = read_table(name, content, max_columns=len(MEASURES) + len(SCREENS) + 5, max_rows=MAX_ROWS + 1)
        header = next(table, None)
        if not header:
            parsed.errors.append(RowError(None, "", "The file is empty. The first row must be the column headings."))
            return parsed
        columns = _check_header(header, tenure, expected, parsed.errors)
        if parsed.errors:
            return parsed
        seen: dict[str, int] = {}
        for number, cells in enumerate(table, start=2):
            if cells and any(cell not in (None, "") for cell in cells):
                _read_row(number, cells, columns, seen, parsed)
            if len(parsed.errors) > MAX_ERRORS:
                break
    except SpreadsheetError as error:
        return ParsedFile(errors=[RowError(None, "", error.message)])
    _check_totals(parsed, population)
    return parsed


def _check_header(header: list, tenure: str, expected: list[str], errors: list[RowError]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, heading in enumerate(header):
        text = str(heading or "").strip()
        key = text.lower() if text.lower() in (RESPONDENT, *SCREENS) else text.upper()
        if not text:
            continue
        if key in columns:
            errors.append(RowError(1, text, f"The column {text} appears twice. Keep one."))
        elif key in BY_CODE and key not in expected and tenure == LCHO:
            errors.append(
                RowError(1, text, f"{key} is asked of rented homes (LCRA) only, and this survey is of LCHO homes.")
            )
        elif key not in expected:
            errors.append(
                RowError(1, text, f"{text[:40]} is not a question in the Regulator's set. Use: {', '.join(expected)}.")
            )
        columns[key] = index
    missing = [column for column in expected if column not in columns]
    if missing:
        errors.append(RowError(1, ", ".join(missing), f"The file needs a column for each of: {', '.join(missing)}."))
    return columns


def _cell(cells: list, index: int):
    value = cells[index] if index < len(cells) else None
    return value.strip() if isinstance(value, str) else value


def _read_row(number: int, cells: list, columns: dict[str, int], seen: dict[str, int], parsed: ParsedFile) -> None:
    errors: list[RowError] = []
    respondent = _cell(cells, columns[RESPONDENT])
    if isinstance(respondent, Decimal) and respondent == respondent.to_integral_value():
        respondent = int(respondent)
    respondent = "" if respondent is None else str(respondent)
    if not respondent:
        errors.append(RowError(number, RESPONDENT, "Enter the respondent's reference."))
    elif len(respondent) > 50:
        errors.append(RowError(number, RESPONDENT, "The respondent's reference must be 50 characters or fewer."))
    elif respondent in seen:
        errors.append(
            RowError(number, RESPONDENT, f"Respondent {respondent} is also in row {seen[respondent]}: one row each.")
        )
    else:
        seen[respondent] = number
    row = {"respondent": respondent}
    for screen in SCREENS:
        if screen in columns:
            row[screen] = _yes_no(number, screen, _cell(cells, columns[screen]), errors)
    for code, index in columns.items():
        if code in BY_CODE:
            row[BY_CODE[code].field] = _answer(number, code, _cell(cells, index), row, errors)
    parsed.errors.extend(errors)
    if not errors:
        parsed.rows.append(row)


def _yes_no(number: int, column: str, value, errors: list[RowError]) -> bool | None:
    text = "" if value is None else str(value).strip().upper()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    errors.append(RowError(number, column, f"'{str(value)[:20]}' is not an answer. Use yes or no, or leave it blank."))
    return None


def _answer(number: int, code: str, value, row: dict, errors: list[RowError]) -> int | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    text = str(value).strip().upper()
    if text in OFF_SCALE:
        return None
    if text in {"1", "2", "3", "4", "5", "1.0", "2.0", "3.0", "4.0", "5.0"}:
        answer = int(Decimal(text))
    else:
        errors.append(
            RowError(
                number, code, f"'{str(value)[:20]}' is not an answer code. Use 1 to 5, DK or NA, or leave it blank."
            )
        )
        return None
    screen = BY_CODE[code].screen
    if screen and row.get(screen) is not True:
        errors.append(
            RowError(
                number, code, f"{code} is answered, but {screen} is not yes. Only those who say yes are asked {code}."
            )
        )
    return answer


def _check_totals(parsed: ParsedFile, population: int) -> None:
    """Problems with the file as a whole, once every row is read."""
    if parsed.errors:
        if len(parsed.errors) > MAX_ERRORS:
            parsed.errors[MAX_ERRORS:] = [RowError(None, "", "There are more problems than can be listed here.")]
        return
    if not parsed.rows:
        parsed.errors.append(RowError(None, "", "The file has no responses below its headings."))
    elif len(parsed.rows) > population:
        parsed.errors.append(
            RowError(
                None,
                RESPONDENT,
                f"The file has {len(parsed.rows):,} respondents, more than the survey's {population:,} households. "
                "Check the number of households on the survey's details.",
            )
        )
    elif not any(row.get("tp01") for row in parsed.rows):
        parsed.errors.append(
            RowError(None, "TP01", "Nobody answered TP01 on the scale, so overall satisfaction has a base of zero.")
        )
