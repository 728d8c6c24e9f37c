"""Request bodies, read strictly. Every API write serializer is a `StrictSerializer`.

DRF ignores keys a serializer does not declare, and coerces types: the number 42 sent for a text field is saved as
the text "42", and the text "12" sent for a whole number reads as 12. Here either is a 400 naming the field, so a
system's mistake (a misspelt key, figures in the wrong column) is told at once rather than quietly saved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django import forms
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.filters import PERIOD, YEAR
from core.periods import HELP, parse_period

# A number written as text: ASCII digits, an optional minus sign and decimal point; nothing around it.
NUMBER_TEXT_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
NUMBER_TEXT = re.compile(NUMBER_TEXT_PATTERN)
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def json_kind(value) -> str:
    """What a JSON value is, in the words of an error message."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return "null"


def _is_whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def decimal_text_pattern(field: serializers.DecimalField) -> str:
    """A DecimalField's number written as text, as a regular expression: its digits before and after the point."""
    if field.max_digits is None or field.decimal_places is None:
        return NUMBER_TEXT_PATTERN
    whole = max(field.max_digits - field.decimal_places, 1)
    if not field.decimal_places:
        return rf"^-?[0-9]{{1,{whole}}}$"
    return rf"^-?[0-9]{{1,{whole}}}(\.[0-9]{{1,{field.decimal_places}}})?$"


def _is_number(value) -> bool:
    if isinstance(value, str):
        return NUMBER_TEXT.fullmatch(value) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_decimal(field: serializers.DecimalField, value) -> bool:
    if isinstance(value, str):
        return re.fullmatch(decimal_text_pattern(field), value) is not None
    return _is_number(value)


# The JSON a field takes, most specific field class first: (field class, accepts(field, value), what to send).
JSON_TYPES = [
    (serializers.BooleanField, lambda f, v: isinstance(v, bool), "true or false"),
    (serializers.IntegerField, lambda f, v: _is_whole_number(v), "a whole number, like 12"),
    (serializers.PrimaryKeyRelatedField, lambda f, v: _is_whole_number(v), "the record's id, a whole number like 12"),
    (serializers.DecimalField, _is_decimal, 'a number, like 95.5 or "95.5"'),
    (serializers.FloatField, lambda f, v: _is_number(v), "a number, like 95.5"),
    (serializers.DateField, lambda f, v: isinstance(v, str) and ISO_DATE.fullmatch(v), "a date, like 2027-03-31"),
    (serializers.DateTimeField, lambda f, v: isinstance(v, str), "a date and time, like 2027-03-31T09:00:00Z"),
    (serializers.MultipleChoiceField, lambda f, v: isinstance(v, list), "a list of choices"),
    (serializers.ChoiceField, lambda f, v: isinstance(v, str), "one of the choices, as text"),
    (serializers.CharField, lambda f, v: isinstance(v, str), "text"),
    (serializers.ListField, lambda f, v: isinstance(v, list), "a list"),
    (serializers.ListSerializer, lambda f, v: isinstance(v, list), "a list"),
    (serializers.Serializer, lambda f, v: isinstance(v, Mapping), "an object"),
]


def json_type_error(field: serializers.Field, value) -> str | None:
    """Why `value` is the wrong JSON type for `field`, or None if it is the right one (null is the field's own rule)."""
    if value is None:
        return None
    for field_class, accepts, wanted in JSON_TYPES:
        if isinstance(field, field_class):
            if accepts(field, value):
                return None
            reads_text = isinstance(field, serializers.DecimalField | serializers.FloatField)
            given = "text that is not a number" if isinstance(value, str) and reads_text else json_kind(value)
            return f"Send {wanted}, not {given}."
    return None  # a field of its own kind checks its own input


def unknown_field_message(accepted) -> str:
    return f"Unknown field. This accepts: {', '.join(accepted) or 'no fields'}."


class StrictSerializer(serializers.Serializer):
    """A request body: keys it does not declare, and values of the wrong JSON type, are refused with a 400 naming them.

    The check runs for every object read, so a line nested in a list (`actuals`) is checked the same way.
    """

    def to_internal_value(self, data):
        if not isinstance(data, Mapping):
            return super().to_internal_value(data)  # DRF's own "Expected a dictionary" error
        fields = {field.field_name: field for field in self._writable_fields}
        errors = {str(key)[:50]: [unknown_field_message(fields)] for key in data if key not in fields}
        for name, field in fields.items():
            problem = json_type_error(field, data[name]) if name in data else None
            if problem:
                errors[name] = [problem]
        if not errors:
            return super().to_internal_value(data)
        # The other fields are still read, so one answer names everything that is wrong.
        try:
            super().to_internal_value({key: value for key, value in data.items() if key not in errors})
        except serializers.ValidationError as error:
            if isinstance(error.detail, Mapping):
                errors = {**error.detail, **errors}
        raise serializers.ValidationError(errors)


@extend_schema_field({"type": "string", "pattern": PERIOD.pattern, "example": "2025/26-Q1"})
class PeriodParameter(serializers.CharField):
    """A period in a query parameter: a financial year like 2025/26 or a quarter like 2025/26-Q1, as a Period.

    Read by parse_period (with its messages), but only when written exactly as the schema's pattern says.
    """

    quarter_allowed = True
    pattern = PERIOD

    def to_internal_value(self, data):
        text = super().to_internal_value(data)
        try:
            period = parse_period(text, quarter_allowed=self.quarter_allowed)
        except forms.ValidationError as error:
            raise serializers.ValidationError(list(error.messages)) from error
        if not self.pattern.fullmatch(data):
            raise serializers.ValidationError(f"'{data[:20]}' is not a period. {HELP}")
        return period


@extend_schema_field({"type": "string", "pattern": YEAR.pattern, "example": "2025/26"})
class YearParameter(PeriodParameter):
    """A whole financial year in a query parameter, like 2025/26 (or 2025), as a Period."""

    quarter_allowed = False
    pattern = YEAR
