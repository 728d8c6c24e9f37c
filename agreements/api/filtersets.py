"""Filters for the agreements API lists. Each is a narrowing the caller asks for, never the access rule."""

import django_filters

from agreements.models import DelegatedFunction, Intervention, ManagementAgreement, Meeting, MeetingAction
from core.api.filters import BooleanFilter, IntegerFilter, PortalFilterSet
from organisations.access import Party


class AgreementFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    status = django_filters.ChoiceFilter(choices=ManagementAgreement.Status.choices)

    class Meta:
        model = ManagementAgreement
        fields = []


class DelegatedFunctionFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="agreement__almo_id")
    agreement = IntegerFilter(field_name="agreement_id")
    arrangement = django_filters.ChoiceFilter(choices=DelegatedFunction.Arrangement.choices)
    in_force = BooleanFilter(method="filter_in_force", help_text="Only the register of the agreement in force.")

    class Meta:
        model = DelegatedFunction
        fields = []

    def filter_in_force(self, queryset, name, value):
        if value:
            return queryset.filter(agreement__status=ManagementAgreement.Status.IN_FORCE)
        return queryset.exclude(agreement__status=ManagementAgreement.Status.IN_FORCE)


class MeetingFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="series__almo_id")
    series = IntegerFilter(field_name="series_id")
    status = django_filters.ChoiceFilter(choices=Meeting.Status.choices)

    class Meta:
        model = Meeting
        fields = []


class ActionFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="series__almo_id")
    series = IntegerFilter(field_name="series_id")
    status = django_filters.ChoiceFilter(choices=MeetingAction.Status.choices)
    overdue = BooleanFilter(method="filter_overdue", help_text="Open and past their due date.")

    class Meta:
        model = MeetingAction
        fields = []

    def filter_overdue(self, queryset, name, value):
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class InterventionFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    about_party = django_filters.ChoiceFilter(choices=Party.choices)
    status = django_filters.ChoiceFilter(choices=Intervention.Status.choices)

    class Meta:
        model = Intervention
        fields = []
