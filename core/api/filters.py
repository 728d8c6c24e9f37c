"""Filters shared by every API list: strict ordering, whole numbers, and periods."""

import django_filters
from django import forms
from django.db.models import Q
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter

from core.periods import PeriodField


class StrictOrderingFilter(OrderingFilter):
    """Refuses an ordering it does not know, where DRF would ignore it; always ends on the id so pages are stable."""

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if raw is None:
            return self.get_default_ordering(view)
        terms = [term.strip() for term in raw.split(",") if term.strip()]
        valid = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
        unknown = [term for term in terms if term.lstrip("-") not in valid]
        if unknown or not terms:
            raise ValidationError(
                {self.ordering_param: [f"Order by one or more of: {', '.join(valid)} (put - first for descending)."]}
            )
        return terms

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view) or list(queryset.query.order_by)
        if ordering:
            return queryset.order_by(*ordering, "pk")
        return queryset.order_by("pk")


class IntegerFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


@extend_schema_field({"type": "string", "example": "2025/26-Q1"})
class PeriodFilter(django_filters.Filter):
    """`period=2025/26` matches the whole year; `period=2025/26-Q1` one quarter."""

    field_class = PeriodField

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
