"""Filters for the HRA API lists: narrowings the caller asks for, never the access rule."""

import django_filters

from core.api.filters import BooleanFilter, IntegerFilter, PortalFilterSet
from hra.models import (
    AllocationAgreement,
    CapitalReceipt,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    ReprofileRequest,
    StockCondition,
)


class HraYearFilterSet(PortalFilterSet):
    council = IntegerFilter(field_name="council_id")
    year = IntegerFilter(help_text="2026 for 2026/27.")

    class Meta:
        model = HraYear
        fields = []


class HraLineFilterSet(PortalFilterSet):
    hra_year = IntegerFilter(field_name="hra_year_id")
    year = IntegerFilter(field_name="hra_year__year")
    holder = IntegerFilter(field_name="holder_id", help_text="The ALMO that holds the line.")
    retained = BooleanFilter(field_name="holder", lookup_expr="isnull", help_text="true: lines the council keeps.")
    category = django_filters.CharFilter(field_name="category__code")

    class Meta:
        model = HraLine
        fields = []


class AllocationFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    year = IntegerFilter(field_name="hra_year__year")

    class Meta:
        model = AllocationAgreement
        fields = []


class CapitalReceiptFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="allocation__almo_id")
    year = IntegerFilter(field_name="allocation__hra_year__year")
    quarter = IntegerFilter()
    kind = django_filters.ChoiceFilter(choices=CapitalReceipt.Kind.choices)

    class Meta:
        model = CapitalReceipt
        fields = []


class ProgrammeFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    year = IntegerFilter()

    class Meta:
        model = DecentHomesProgramme
        fields = []


class ReprofileFilterSet(PortalFilterSet):
    programme = IntegerFilter(field_name="programme_id")
    almo = IntegerFilter(field_name="programme__almo_id")
    status = django_filters.ChoiceFilter(choices=ReprofileRequest.Status.choices)

    class Meta:
        model = ReprofileRequest
        fields = []


class StockConditionFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    year = IntegerFilter()

    class Meta:
        model = StockCondition
        fields = []


class InvestmentPlanFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")

    class Meta:
        model = InvestmentPlan
        fields = []
