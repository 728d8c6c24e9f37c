"""Filters shared by every API list: one rule for empty values, strict ordering, whole numbers, booleans and periods.

The rule for every list parameter (filters, `ordering`, `page`, `page_size`): an empty value (`?status=`) is the same
as leaving the parameter out, so it means any (or the default); a browser form sends empty fields that way. Any
other value must be one the parameter reads exactly as the schema says, or the answer is a 400 naming the parameter:
`?year=soon`, `?is_active=maybe` and `?year= 2025` are refused, never read as "any".
"""

import re

import django_filters
from django import forms
from django.db.models import Q
from django.http import QueryDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from core.periods import FIRST_YEAR, HELP, LAST_YEAR, PeriodField

EMPTY_MEANS_ANY = "Empty is the same as left out: any."
WHOLE_NUMBER = re.compile(r"-?[0-9]+")


def without_empty_values(query: QueryDict) -> QueryDict:
    """The query without its empty values: `?status=&status=draft` reads as `?status=draft`, `?status=` as nothing."""
    cleaned = QueryDict(mutable=True)
    for name, values in query.lists():
        given = [value for value in values if value != ""]
        if given:
            cleaned.setlist(name, given)
    return cleaned


class PortalFilterSet(django_filters.FilterSet):
    """The base of every API list's filters: empty values mean any (see above); the rest are read strictly."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(None if data is None else without_empty_values(data), *args, **kwargs)


class StrictOrderingFilter(OrderingFilter):
    """Refuses an ordering it does not know, where DRF would ignore it; always ends on the id so pages are stable."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            return self.get_default_ordering(view)
        terms = raw.split(",")
        valid = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
        if any(term.removeprefix("-") not in valid for term in terms):
            raise ValidationError({self.ordering_param: [self._help(valid)]})
        return terms

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or list(queryset.query.order_by)
        if ordering:
            return queryset.order_by(*ordering, "pk")
        return queryset.order_by("pk")

    @staticmethod
    def _help(valid) -> str:
        return f"Order by one or more of: {', '.join(valid)}, separated by commas (put - first for descending)."

    def get_schema_operation_parameters(self, view):
        fields = getattr(view, "ordering_fields", None)
        if not fields:
            return []
        term = f"-?({'|'.join(re.escape(name) for name in fields)})"
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": f"{self._help(fields)} Empty is the same as left out: the list's own order.",
                "schema": {"type": "string", "pattern": f"^{term}(,{term})*$"},
                "allowEmptyValue": True,
            }
        ]


class WholeNumberField(forms.IntegerField):
    """Digits only, with an optional minus sign: not ' 12', '12.0' or other scripts' digits, which Django would read."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not WHOLE_NUMBER.fullmatch(value):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        # Python refuses to read an integer of thousands of digits; one this long matches no record anyway.
        if len(value) > 20:
            return -(10**20) if value.startswith("-") else 10**20
        return int(value)


@extend_schema_field(OpenApiTypes.INT)
class IntegerFilter(django_filters.NumberFilter):
    field_class = WholeNumberField


class TrueFalseField(forms.Field):
    default_error_messages = {"invalid": "Enter true or false."}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if value not in ("true", "false"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return value == "true"


class BooleanFilter(django_filters.BooleanFilter):
    """`true` or `false`; django-filter would read any other word as 'any'."""

    field_class = TrueFalseField


def period_pattern(quarter_allowed: bool = True) -> str:
    """Every period parse_period reads, as a regular expression for the schema: each year, its /YY, a quarter."""
    years = "|".join(f"{year}(/{(year + 1) % 100:02d})?" for year in range(FIRST_YEAR, LAST_YEAR + 1))
    return f"^({years})(-[Qq][1-4])?$" if quarter_allowed else f"^({years})$"


PERIOD = re.compile(period_pattern())
YEAR = re.compile(period_pattern(quarter_allowed=False))


class StrictPeriodField(PeriodField):
    """parse_period's reading and messages, but only for text exactly as the schema's pattern: no spaces around it,
    no other scripts' digits, no `Q01`."""

    def to_python(self, value):
        period = super().to_python(value)
        if period is not None and not PERIOD.fullmatch(value):
            # Worded as parse_period words it; the text goes in as a parameter as django-filter %-formats messages.
            raise forms.ValidationError("'%(text)s' is not a period. " + HELP, params={"text": value[:20]})
        return period


@extend_schema_field({"type": "string", "pattern": PERIOD.pattern, "example": "2025/26-Q1"})
class PeriodFilter(django_filters.Filter):
    """`period=2025/26` matches the whole year; `period=2025/26-Q1` one quarter."""

    field_class = StrictPeriodField

    def __init__(self, *args, year_field="year", quarter_field="quarter", **kwargs):
        kwargs.setdefault(
            "help_text", "A financial year like 2025/26 (or 2025), or a quarter like 2025/26-Q1 (or 2025-Q1)."
        )
        super().__init__(*args, **kwargs)
        self.year_field, self.quarter_field = year_field, quarter_field

    def filter(self, qs, value):
        if value is None:
            return qs
        lookup = Q(**{self.year_field: value.year})
        if value.quarter is not None:
            lookup &= Q(**{self.quarter_field: value.quarter})
        return qs.filter(lookup)
