"""Councils and ALMOs: read only, as far as the caller's memberships reach."""

from rest_framework import mixins

from core.api.base import ScopedViewSet
from organisations.api.filtersets import AlmoFilterSet, CouncilFilterSet
from organisations.api.serializers import AlmoSerializer, CouncilSerializer
from organisations.models import Almo, Council


class CouncilViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Council.objects.all()
    serializer_class = CouncilSerializer
    filterset_class = CouncilFilterSet
    ordering_fields = ["name", "ons_code"]


class AlmoViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    queryset = Almo.objects.select_related("council")
    serializer_class = AlmoSerializer
    filterset_class = AlmoFilterSet
    ordering_fields = ["name", "homes_managed"]
