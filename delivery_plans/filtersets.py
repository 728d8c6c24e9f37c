"""Filters for Delivery Plan lists. They narrow a queryset that already starts from the access rule."""

import django_filters
from django import forms
from django.db.models import Q

from delivery_plans.models import Indicator


class IndicatorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="search",
        help_text="A code, or words from the name or definition.",
    )
    source = django_filters.MultipleChoiceFilter(
        label="Source", choices=Indicator.Source.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Indicator
        fields = ["q", "source"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(definition__icontains=value))
