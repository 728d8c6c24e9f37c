"""Filters for the tenant voice API lists. Each is a narrowing the caller asks for, never the access rule."""

import django_filters

from core.api.filters import BooleanFilter, IntegerFilter, PortalFilterSet
from tenants.models import InvolvementGroup, Survey, Tenure


class SurveyFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    year = IntegerFilter(help_text="The financial year it starts in: 2025 for 2025/26.")
    tenure = django_filters.ChoiceFilter(choices=Tenure.choices)
    agreed = BooleanFilter(method="filter_agreed", help_text="true: agreed by both the council and the ALMO.")

    class Meta:
        model = Survey
        fields = []

    def filter_agreed(self, queryset, name, value):
        agreed = queryset.agreed()
        return agreed if value else queryset.exclude(pk__in=agreed.values("pk"))


class InvolvementGroupFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    kind = django_filters.ChoiceFilter(choices=InvolvementGroup.Kind.choices)
    is_active = BooleanFilter()

    class Meta:
        model = InvolvementGroup
        fields = []
