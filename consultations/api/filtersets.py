"""Filters for the consultations API lists: narrowings the caller asks for, never the access rule."""

import django_filters

from consultations.models import Ballot, Consultation, Method
from core.api.filters import BooleanFilter, IntegerFilter, PortalFilterSet


class ConsultationFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="almo_id")
    status = django_filters.ChoiceFilter(choices=Consultation.Status.choices)
    method = django_filters.ChoiceFilter(choices=Method.choices)
    is_future_review = BooleanFilter()

    class Meta:
        model = Consultation
        fields = []


class BallotFilterSet(PortalFilterSet):
    almo = IntegerFilter(field_name="consultation__almo_id")
    consultation = IntegerFilter(field_name="consultation_id")
    status = django_filters.ChoiceFilter(choices=Ballot.Status.choices)

    class Meta:
        model = Ballot
        fields = []
