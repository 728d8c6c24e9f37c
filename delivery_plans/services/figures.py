"""Reading and checking an indicator's figures, as typed on a page or read from an imported file."""

from __future__ import annotations

import re
from decimal import Decimal

from delivery_plans.models import Indicator, Unit

# Digits, an optional minus sign, commas only between thousands, and a decimal point.
NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
MAX_INTEGER_DIGITS = 10  # the figures are stored with 14 digits, 4 of them after the point
MAX_DECIMAL_PLACES = 4


def parse_decimal(raw, field: str, errors: dict) -> Decimal | None:
    """A figure typed by a person or read from a file; a problem goes into `errors` under `field`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, str) and "\x00" in raw:
        errors[field] = "Enter a number without hidden characters."
        return None
    text = str(raw).strip()
    if not NUMBER.match(text):
        if "," in text:
            errors[field] = "Use a full stop for decimals, like 95.5, and commas only between thousands."
        else:
            errors[field] = "Enter a number, like 95.5."
        return None
    number = Decimal(text.replace(",", ""))
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMAL_PLACES:
        errors[field] = f"Enter a number with no more than {MAX_DECIMAL_PLACES} decimal places."
        return None
    if abs(number) >= Decimal(10) ** MAX_INTEGER_DIGITS:
        errors[field] = "Enter a number smaller than 10,000,000,000."
        return None
    return number


def clean_figures(indicator: Indicator, numerator, denominator, value) -> tuple[dict, dict]:
    """Check one indicator's figures; derive the value from numerator and denominator where it can be.

    Returns (figures, errors): errors maps a field name to a message a person can act on.
    """
    errors: dict[str, str] = {}
    numerator = parse_decimal(numerator, "numerator", errors)
    denominator = parse_decimal(denominator, "denominator", errors)
    typed_value = parse_decimal(value, "value", errors)
    if errors:
        return {}, errors
    if indicator.is_ratio:
        if numerator is None and denominator is None:
            if typed_value is not None:
                return {}, {
                    "value": f"{indicator.code} is worked out from its numerator and denominator: enter those instead."
                }
            return {"numerator": None, "denominator": None, "value": None}, {}
        if numerator is None:
            errors["numerator"] = f"Enter the numerator: {indicator.numerator_definition.lower()}."
        if denominator is None:
            errors["denominator"] = f"Enter the denominator: {indicator.denominator_definition.lower()}."
        elif denominator <= 0:
            errors["denominator"] = "The denominator must be more than zero."
        if numerator is not None and numerator < 0:
            errors["numerator"] = "The numerator cannot be negative."
        if not errors and indicator.unit == Unit.PERCENTAGE and indicator.multiplier == 100 and numerator > denominator:
            errors["numerator"] = (
                f"The numerator ({numerator.normalize():f}) cannot be more than the denominator "
                f"({denominator.normalize():f}) for a percentage."
            )
        if errors:
            return {}, errors
        computed = indicator.compute(numerator, denominator)
        if abs(computed) >= Decimal(10) ** MAX_INTEGER_DIGITS:
            return {}, {"value": "The value worked out from the numerator and denominator is too large to store."}
        return {"numerator": numerator, "denominator": denominator, "value": computed}, {}
    if numerator is not None or denominator is not None:
        errors["value"] = f"{indicator.code} is not a ratio: enter the value only."
        return {}, errors
    if typed_value is None:
        return {"numerator": None, "denominator": None, "value": None}, {}
    if indicator.may_be_negative:
        if indicator.unit == Unit.PERCENTAGE and not (-100 <= typed_value <= 100):
            errors["value"] = (
                f"A change in a percentage must be between -100 and 100; {typed_value.normalize():f} is not."
            )
    elif indicator.unit == Unit.PERCENTAGE and not (0 <= typed_value <= 100):
        errors["value"] = f"A percentage must be between 0 and 100; {typed_value.normalize():f} is not."
    elif indicator.unit in (Unit.COUNT, Unit.DAYS, Unit.RATE_PER_1000, Unit.SAP_POINTS) and typed_value < 0:
        errors["value"] = f"{indicator.get_unit_display()} cannot be negative."
    elif indicator.unit == Unit.COUNT and typed_value != typed_value.to_integral_value():
        errors["value"] = "A count must be a whole number."
    elif indicator.unit == Unit.YES_NO and typed_value not in (0, 1):
        errors["value"] = "Enter 1 for yes or 0 for no."
    if errors:
        return {}, errors
    return {"numerator": None, "denominator": None, "value": typed_value}, {}


def target_problem(indicator: Indicator, value: Decimal) -> str | None:
    """Why `value` cannot be a target for `indicator` (a sign or range no figure could have), or None."""
    shown = f"{value.normalize():f}"
    if indicator.may_be_negative:
        if indicator.unit == Unit.PERCENTAGE and not (-100 <= value <= 100):
            return f"A target for a change in a percentage must be between -100 and 100, not {shown}."
        return None
    if indicator.unit == Unit.PERCENTAGE and not (0 <= value <= 100):
        return f"A target for a percentage must be between 0 and 100, not {shown}."
    if value < 0:
        return f"A target for {indicator.code} cannot be below zero: {indicator.get_unit_display().lower()} never are."
    if indicator.unit == Unit.YES_NO and value not in (0, 1):
        return "A yes or no target is 1 for yes or 0 for no."
    return None
