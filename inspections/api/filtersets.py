"""Filters for the inspection readiness API lists. Each is a narrowing the caller asks for, never the access rule."""

import django_filters

from core.api.filters import BooleanFilter, IntegerFilter, PortalFilterSet
from inspections.models import Assessment, Evidence, Framework, ImprovementAction, Inspection, Kind, SupportRecord


class FrameworkFilterSet(PortalFilterSet):
    council = IntegerFilter(field_name="council_id")
    is_active = BooleanFilter()

    class Meta:
        model = Framework
        fields = []


class AlmoFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")


class AssessmentFilterSet(AlmoFilterSet):
    framework = IntegerFilter(field_name="framework_id")

    class Meta:
        model = Assessment
        fields = []


class EvidenceFilterSet(AlmoFilterSet):
    class Meta:
        model = Evidence
        fields = []


class InspectionFilterSet(AlmoFilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=Kind.choices)

    class Meta:
        model = Inspection
        fields = []


class ImprovementActionFilterSet(AlmoFilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ImprovementAction.Status.choices)
    overdue = BooleanFilter()

    class Meta:
        model = ImprovementAction
        fields = []


class SupportRecordFilterSet(AlmoFilterSet):
    source = django_filters.ChoiceFilter(choices=SupportRecord._meta.get_field("source").choices)

    class Meta:
        model = SupportRecord
        fields = []
