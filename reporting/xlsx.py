"""Spreadsheet output, with cells that could run as formulas made harmless."""

from io import BytesIO

from openpyxl import Workbook

from core.spreadsheet_cells import neutralise


def workbook_bytes(sheets: list[tuple[str, list[str], list[list]]]) -> bytes:
    workbook = Workbook(write_only=True)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([neutralise(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
