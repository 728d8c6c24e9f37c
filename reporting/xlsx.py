"""Spreadsheet output, with cells that could run as formulas made harmless."""

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell beginning like a formula gets a leading quote, so a spreadsheet shows it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


VARIANCE_COLUMNS = [
    "ALMO",
    "Period",
    "Return status",
    "Indicator",
    "Name",
    "Unit",
    "Target",
    "Tolerance",
    "Actual",
    "Status",
    "What happened",
    "Why",
    "Recovery action",
    "Expected back on target",
]


def council_variance_workbook(sections: list[dict]) -> bytes:
    data = {section["template"].rsplit("/", 1)[-1]: section["data"] for section in sections}
    variances = data["council_variances.html"]

    def number(text):
        return Decimal(text) if text not in (None, "") else None

    concerns = data["concerns.html"]["concerns"]
    amendments = data["amendments.html"]["amendments"]
    return workbook_bytes(
        [
            (
                "Variances",
                VARIANCE_COLUMNS,
                [
                    [
                        r["almo"],
                        variances["period"],
                        r["return_status"],
                        r["code"],
                        r["name"],
                        r["unit"],
                        number(r["target"]),
                        number(r["tolerance"]),
                        number(r["actual"]),
                        r["rag"],
                        r["what_happened"],
                        r["why"],
                        r["recovery_action"],
                        r["expected_recovery"],
                    ]
                    for r in variances["rows"]
                ],
            ),
            (
                "Concerns",
                ["ALMO", "Concern", "About", "Status", "Opened", "Recovery action"],
                [[c["almo"], c["title"], c["about"], c["status"], c["opened"], c["recovery_action"]] for c in concerns],
            ),
            (
                "Amendments",
                ["ALMO", "Amendment", "Proposed by", "Proposed on", "Reasons"],
                [[a["almo"], a["title"], a["proposed_by"], a["proposed_at"], a["reason"]] for a in amendments],
            ),
        ]
    )
