"""Consultations and ballots in the API: read only, from the one access rule; never a vote or a code."""

from django.db.models import Count, Prefetch, Q
from rest_framework import mixins

from consultations.api import filtersets
from consultations.api import serializers as s
from consultations.models import Ballot, BallotResult, ChecklistItem, Consultation
from core.api.base import ScopedViewSet

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)


class ConsultationViewSet(*READ, ScopedViewSet):
    """Consultations with tenants: the options with their pros and cons, the public timetable, the 2011 checklist."""

    queryset = Consultation.objects.select_related("almo", "ballot").prefetch_related(
        "options", "stages", Prefetch("checklist", ChecklistItem.objects.select_related("confirmed_by"))
    )
    serializer_class = s.ConsultationSerializer
    filterset_class = filtersets.ConsultationFilterSet
    ordering_fields = ["created_at", "subject", "status"]


class BallotViewSet(*READ, ScopedViewSet):
    """Ballots: dates, status and turnout; the count per option and the chain's last hash once published."""

    queryset = (
        Ballot.objects.select_related("consultation")
        .annotate(votes_cast=Count("codes", filter=Q(codes__status="used")))
        .prefetch_related(
            Prefetch(
                "results",
                BallotResult.objects.filter(ballot__status="published").select_related("option"),
                to_attr="published_results",
            )
        )
    )
    serializer_class = s.BallotSerializer
    filterset_class = filtersets.BallotFilterSet
    ordering_fields = ["closes_on", "opens_on", "status"]
