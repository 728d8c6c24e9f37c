"""Filters for the SLA API lists. Each is a narrowing the caller asks for, never the access rule."""

import django_filters

from core.api.filters import IntegerFilter, PeriodFilter, PortalFilterSet
from slas.models import Benchmark, Dispute, Rag, Service, ServiceLevelAgreement, Stage, StandardResult


class SlaFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    service = django_filters.ChoiceFilter(choices=Service.choices)
    status = django_filters.MultipleChoiceFilter(choices=ServiceLevelAgreement.Status.choices)

    class Meta:
        model = ServiceLevelAgreement
        fields = []


class ResultFilterSet(PortalFilterSet):
    sla = IntegerFilter(field_name="standard__version__sla_id")
    almo = IntegerFilter(field_name="standard__version__sla__almo_id")
    standard = IntegerFilter(field_name="standard_id")
    rag = django_filters.MultipleChoiceFilter(choices=Rag.choices)
    year = IntegerFilter()
    quarter = IntegerFilter()
    period = PeriodFilter()

    class Meta:
        model = StandardResult
        fields = []


class BenchmarkFilterSet(PortalFilterSet):
    sla = IntegerFilter(field_name="sla_id")
    almo = IntegerFilter(field_name="sla__almo_id")
    kind = django_filters.ChoiceFilter(choices=Benchmark.Kind.choices)

    class Meta:
        model = Benchmark
        fields = []


class DisputeFilterSet(PortalFilterSet):
    sla = IntegerFilter(field_name="sla_id")
    almo = IntegerFilter(field_name="sla__almo_id")
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Dispute
        fields = []
