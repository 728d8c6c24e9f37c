"""Rounding and showing numbers and money: one rule for pages, PDFs, spreadsheets and the API.

Figures round half up (12.25 to one place is 12.3), as published returns and spreadsheets' ROUND do,
never half to even. Python's own `round()` and format strings round half to even: use these instead.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def to_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        # Through str, so a float such as 0.1 becomes 0.1, not its binary expansion.
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def round_half_up(value, places: int = 0) -> Decimal | None:
    """`value` to `places` decimal places, halves away from zero."""
    number = to_decimal(value)
    if number is None:
        return None
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value, places: int = 0, *, grouping: bool = True) -> str | None:
    """'28,175,651.67' for 28175651.6700 at two places; None stays None so templates can show a dash."""
    rounded = round_half_up(value, places)
    if rounded is None:
        return None
    return f"{rounded:,.{places}f}" if grouping else f"{rounded:.{places}f}"


def format_money(value, *, pence: bool = False) -> str | None:
    """'£1,234' (or '£1,234.56' with pence); a negative sum is '−£1,234'."""
    rounded = round_half_up(value, 2 if pence else 0)
    if rounded is None:
        return None
    sign = "\N{MINUS SIGN}" if rounded < 0 else ""
    return f"{sign}£{abs(rounded):,.{2 if pence else 0}f}"


def format_exact(value, *, grouping: bool = True) -> str | None:
    """A stored figure as it is, without the zeros its column pads it with: 28175651.6700 -> '28,175,651.67'."""
    number = to_decimal(value)
    if number is None:
        return None
    places = max(0, -number.normalize().as_tuple().exponent)
    return format_number(number, places, grouping=grouping)


def format_signed(value, places: int = 0) -> str | None:
    """'+1.5', '−1.5' (a true minus sign) or '0.0': for a change or a variance, where the direction matters."""
    rounded = round_half_up(value, places)
    if rounded is None:
        return None
    text = format_number(abs(rounded), places)
    if rounded > 0:
        return f"+{text}"
    return f"\N{MINUS SIGN}{text}" if rounded < 0 else text
