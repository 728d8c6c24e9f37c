"""Filters for the Delivery Plans API lists. Each is a narrowing the caller asks for, never the access rule."""

import django_filters
from django.db.models import Q

from core.api.filters import BooleanFilter, IntegerFilter, PeriodFilter, PortalFilterSet
from delivery_plans.models import (
    Actual,
    Amendment,
    Concern,
    DeliveryPlan,
    Indicator,
    Polarity,
    Query,
    Rag,
    Return,
    Target,
    Unit,
)


class IndicatorFilterSet(PortalFilterSet):
    code = django_filters.CharFilter()
    source = django_filters.ChoiceFilter(choices=Indicator.Source.choices)
    unit = django_filters.ChoiceFilter(choices=Unit.choices)
    polarity = django_filters.ChoiceFilter(choices=Polarity.choices)
    frequency = django_filters.ChoiceFilter(choices=Indicator.Frequency.choices)
    is_active = BooleanFilter()
    council = IntegerFilter(field_name="council_id")

    class Meta:
        model = Indicator
        fields = []


class DeliveryPlanFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    status = django_filters.ChoiceFilter(choices=DeliveryPlan.Status.choices)
    year = IntegerFilter(method="filter_year", help_text="Plans covering this financial year: 2025 for 2025/26.")

    class Meta:
        model = DeliveryPlan
        fields = []

    def filter_year(self, queryset, name, value):
        return queryset.filter(first_year__lte=value, last_year__gte=value)


class TargetFilterSet(PortalFilterSet):
    plan = IntegerFilter(field_name="plan_indicator__plan_id")
    almo = IntegerFilter(field_name="plan_indicator__plan__almo_id")
    indicator_code = django_filters.CharFilter(field_name="plan_indicator__indicator__code")
    year = IntegerFilter()
    quarter = IntegerFilter(help_text="1 to 4 for a quarter's cumulative target; 0 for the whole year.")
    period = PeriodFilter()

    class Meta:
        model = Target
        fields = []


class ReturnFilterSet(PortalFilterSet):
    plan = IntegerFilter(field_name="plan_id")
    almo = IntegerFilter(field_name="plan__almo_id")
    status = django_filters.MultipleChoiceFilter(choices=Return.Status.choices)
    year = IntegerFilter()
    quarter = IntegerFilter()
    period = PeriodFilter()

    class Meta:
        model = Return
        fields = []


class ActualFilterSet(PortalFilterSet):
    return_id = IntegerFilter(field_name="return_record_id")
    plan = IntegerFilter(field_name="return_record__plan_id")
    almo = IntegerFilter(field_name="return_record__plan__almo_id")
    indicator_code = django_filters.CharFilter(field_name="plan_indicator__indicator__code")
    rag = django_filters.MultipleChoiceFilter(choices=Rag.choices)
    return_status = django_filters.MultipleChoiceFilter(
        field_name="return_record__status", choices=Return.Status.choices
    )
    year = IntegerFilter(field_name="return_record__year")
    quarter = IntegerFilter(field_name="return_record__quarter")
    period = PeriodFilter(year_field="return_record__year", quarter_field="return_record__quarter")
    commentary = BooleanFilter(
        method="filter_commentary", help_text="true: lines with variance commentary; false: lines without."
    )

    class Meta:
        model = Actual
        fields = []

    def filter_commentary(self, queryset, name, value):
        written = ~Q(what_happened="") | ~Q(why="") | ~Q(recovery_action="")
        return queryset.filter(written) if value else queryset.exclude(written)


class QueryFilterSet(PortalFilterSet):
    return_id = IntegerFilter(field_name="actual__return_record_id")
    almo = IntegerFilter(field_name="actual__return_record__plan__almo_id")
    status = django_filters.MultipleChoiceFilter(choices=Query.Status.choices)

    class Meta:
        model = Query
        fields = []


class AmendmentFilterSet(PortalFilterSet):
    plan = IntegerFilter(field_name="plan_id")
    almo = IntegerFilter(field_name="plan__almo_id")
    status = django_filters.MultipleChoiceFilter(choices=Amendment.Status.choices)
    kind = django_filters.ChoiceFilter(choices=Amendment.Kind.choices)

    class Meta:
        model = Amendment
        fields = []


class ConcernFilterSet(PortalFilterSet):
    plan = IntegerFilter(field_name="plan_id")
    almo = IntegerFilter(field_name="plan__almo_id")
    status = django_filters.MultipleChoiceFilter(choices=Concern.Status.choices)

    class Meta:
        model = Concern
        fields = []
