"""Cells written out to CSV or Excel: text a spreadsheet would run as a formula is made harmless.

Reading spreadsheets (the bounded reader) is `core.spreadsheets`; this is the writing side, shared by every export.
"""

# Text a spreadsheet would run as a formula (CSV injection): written out with a leading apostrophe instead.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell):
    """A text cell beginning like a formula, with a leading apostrophe so a spreadsheet shows it as text."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell
