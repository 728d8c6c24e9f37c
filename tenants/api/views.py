"""Tenant voice in the API: survey aggregates and involvement groups, read as the pages read them.

A survey's results are worked out for a whole page of surveys at once, so a list costs the same queries
however many rows it has. The one write, agreeing a survey, calls the service the page calls.
"""

from django.db.models import Count, Prefetch, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.base import ScopedViewSet
from tenants import selectors, services
from tenants.api import filtersets
from tenants.api import serializers as s
from tenants.models import InvolvementGroup, Recommendation, Survey

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)


class SurveyViewSet(*READ, ScopedViewSet):
    """Tenant perception surveys with TP01 to TP12 (numerator, denominator, result) and their precision."""

    queryset = Survey.objects.select_related("almo")
    serializer_class = s.SurveySerializer
    filterset_class = filtersets.SurveyFilterSet
    ordering_fields = ["year", "achieved"]

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        self._counts = selectors.counts_for_surveys(page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "counts": getattr(self, "_counts", None)}

    @extend_schema(request=None, responses={200: s.SurveySerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """Agree the survey's results for your side. They are final, and feed the Delivery Plan, once both have."""
        survey = self.get_object()
        self.require(survey, "agree", "Only the ALMO's staff and the council's officers can agree survey results.")
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.survey_agree(actor=request.user, survey=survey)
        return Response(self.get_serializer(self.get_fresh(survey)).data)


class InvolvementGroupViewSet(*READ, ScopedViewSet):
    """An ALMO's tenant involvement groups, with their recommendations and the ALMO's response to each."""

    queryset = (
        InvolvementGroup.objects.select_related("almo")
        .annotate(current_members=Count("members", filter=Q(members__left_on__isnull=True), distinct=True))
        .order_by("almo__name", "name")
        .prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.order_by("-made_on", "-pk")))
    )
    serializer_class = s.InvolvementGroupSerializer
    filterset_class = filtersets.InvolvementGroupFilterSet
    ordering_fields = ["name"]
