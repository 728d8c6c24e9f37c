"""Money in the HRA: pounds and pence as Decimal, read strictly, split without losing a penny, shown in brackets.

Amounts are stored with two decimal places and never pass through float. Reading and splitting live here
because the HRA forms, imports and API all read amounts the same way.
"""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal

from core.numbers import format_money, round_half_up

MONEY_DIGITS, MONEY_PLACES = 14, 2
MAX_MONEY = Decimal(10) ** (MONEY_DIGITS - MONEY_PLACES)  # £1,000,000,000,000: beyond any HRA
PENNY = Decimal("0.01")
# An optional £, digits with commas only between thousands, and at most two decimal places.
MONEY_TEXT = re.compile(r"^-?£?(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")


class MoneyError(ValueError):
    """An amount that cannot be read; the message says what to type instead."""


def parse_money(raw, *, allow_negative: bool = False) -> Decimal | None:
    """A sum typed by a person or read from a file: '1,234.56', '£1234', 1234 or Decimal('1234.5'); None if blank."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise MoneyError("Enter an amount in pounds, like 1,250,000 or 1250000.50.")
    # A float (from JSON) is read through its shortest text, so 0.1 is 0.1 and not its binary expansion.
    text = repr(raw) if isinstance(raw, float) else str(raw).strip()
    if "\x00" in text:
        raise MoneyError("Enter an amount without hidden characters.")
    if not MONEY_TEXT.match(text):
        if re.fullmatch(r"-?£?[\d,]*\.\d{3,}", text):
            raise MoneyError("Enter an amount with no more than 2 decimal places (pence).")
        raise MoneyError("Enter an amount in pounds, like 1,250,000 or 1250000.50.")
    amount = Decimal(text.replace(",", "").replace("£", ""))
    if amount < 0 and not allow_negative:
        raise MoneyError("Enter an amount of zero or more: it cannot be negative.")
    if abs(amount) >= MAX_MONEY:
        raise MoneyError("Enter an amount smaller than £1,000,000,000,000.")
    return amount.quantize(PENNY)


def split_money(amount: Decimal, percents: list[Decimal]) -> list[Decimal]:
    """Share `amount` by `percents` (adding up to 100) to the penny; the shares always add up to `amount`.

    Each share is first rounded down to the penny; the pennies left over go to the largest remainders, earliest
    first, so no share is ever negative or more than its exact part plus a penny.
    """
    pennies = int((amount / PENNY).to_integral_value())
    exact = [Decimal(pennies) * Decimal(p) / 100 for p in percents]
    shares = [int(e.to_integral_value(rounding=ROUND_DOWN)) for e in exact]
    left = pennies - sum(shares)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - shares[i]), i))
    for index in order[:left]:
        shares[index] += 1
    return [Decimal(share) * PENNY for share in shares]


def format_accounting(value, *, pence: bool = False) -> str:
    """'£1,234,567', and a negative sum in brackets, '(£1,234,567)', as finance tables and PDFs show it."""
    shown = format_money(value, pence=pence)
    if shown is None:
        return ""
    if shown.startswith("\N{MINUS SIGN}"):
        return f"({shown[1:]})"
    return shown


def percent_of(amount: Decimal, percent: Decimal) -> Decimal:
    """`percent` per cent of `amount`, to the penny, halves up."""
    return round_half_up(Decimal(amount) * Decimal(percent) / 100, 2)
