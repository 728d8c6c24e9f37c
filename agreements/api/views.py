"""Agreements, meetings and the intervention ladder in the API: reads through the access rule, writes where the
pages write, each calling the same service as the page."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from agreements import services
from agreements.api import filtersets
from agreements.api import serializers as s
from agreements.models import (
    AgendaItem,
    Deadline,
    DelegatedFunction,
    Intervention,
    InterventionStage,
    InterventionStep,
    ManagementAgreement,
    Meeting,
    MeetingAction,
    Notice,
)
from core.api.base import ScopedViewSet

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)


class AgreementViewSet(*READ, ScopedViewSet):
    """Management agreements, each version with its delegations register, financial limits and clauses."""

    queryset = ManagementAgreement.objects.select_related("council_agreed_by", "almo_agreed_by").prefetch_related(
        "functions__agreement", "limits", "clauses"
    )
    serializer_class = s.AgreementSerializer
    filterset_class = filtersets.AgreementFilterSet
    ordering_fields = ["version", "starts_on"]
    ordering = ["almo__name", "-version"]

    @extend_schema(request=None, responses={200: s.AgreementSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """Your side agrees this draft version; once both sides have, it comes into force."""
        agreement = self.get_object()
        self.require(agreement, "agree", "Only the ALMO's staff and the council's officers can agree an agreement.")
        self.read_body()
        services.agreement_agree(actor=request.user, agreement=agreement)
        return Response(self.get_serializer(self.get_fresh(agreement)).data)


class DelegatedFunctionViewSet(*READ, ScopedViewSet):
    """The delegations register: `?in_force=true` for the functions of each ALMO's agreement in force."""

    queryset = DelegatedFunction.objects.select_related("agreement")
    serializer_class = s.DelegatedFunctionSerializer
    filterset_class = filtersets.DelegatedFunctionFilterSet
    ordering_fields = ["function"]
    ordering = ["agreement__almo__name", "function"]


class MeetingViewSet(*READ, ScopedViewSet):
    """Meetings between the council and the ALMO, with the agenda and minutes item by item."""

    queryset = Meeting.objects.select_related("series").prefetch_related(
        Prefetch("items", AgendaItem.objects.order_by("position", "pk"))
    )
    serializer_class = s.MeetingSerializer
    filterset_class = filtersets.MeetingFilterSet
    ordering_fields = ["held_on"]
    ordering = ["-held_on", "pk"]


@extend_schema_view(create=extend_schema(request=s.ActionCreateSerializer, responses={201: s.ActionSerializer}))
class ActionViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Actions raised at meetings; `?overdue=true` for those open past their due date."""

    queryset = MeetingAction.objects.select_related("series", "owner")
    serializer_class = s.ActionSerializer
    filterset_class = filtersets.ActionFilterSet
    ordering_fields = ["due_on"]
    ordering = ["due_on", "pk"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.ActionCreateSerializer)
        data = dict(form.validated_data)
        meeting = data.pop("meeting")
        self.require(meeting, "change", "Only the ALMO's staff and the council's officers can raise an action.")
        new = services.action_raise(actor=request.user, meeting=meeting, **data)
        return Response(self.get_serializer(self.get_fresh(new)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ActionUpdateSerializer, responses={200: s.ActionSerializer})
    @action(detail=True, methods=["post"], url_path="update-status")
    def update_status(self, request, pk=None):
        """Close an action (done, or no longer needed, with a note), open it again, or move its due date."""
        record = self.get_object()
        self.require(record, "change", "Only the ALMO's staff and the council's officers can update an action.")
        form = self.read_body(s.ActionUpdateSerializer)
        services.action_update(actor=request.user, action=record, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(record)).data)


class StageViewSet(*READ, ScopedViewSet):
    """The rungs of the intervention ladder and the deadlines each sets, in working days."""

    queryset = InterventionStage.objects.prefetch_related("deadlines")
    serializer_class = s.StageSerializer
    ordering = ["position"]


class InterventionViewSet(*READ, ScopedViewSet):
    """Failures to perform, either way, with each stage reached, its deadlines and notices."""

    queryset = Intervention.objects.select_related("current_stage").prefetch_related(
        Prefetch(
            "steps",
            InterventionStep.objects.select_related("stage").prefetch_related(
                Prefetch("deadlines", Deadline.objects.order_by("position")),
                Prefetch("notices", Notice.objects.select_related("served_by")),
            ),
        )
    )
    serializer_class = s.InterventionSerializer
    filterset_class = filtersets.InterventionFilterSet
    ordering_fields = ["started_on"]
    ordering = ["-started_on", "-pk"]

    @extend_schema(request=s.EscalateSerializer, responses={200: s.InterventionSerializer})
    @action(detail=True, methods=["post"])
    def escalate(self, request, pk=None):
        """Move up the ladder (the party that opened it); skipping a stage needs a reason."""
        intervention = self.get_object()
        self.require(intervention, "change", "Only the ALMO's staff and the council's officers can escalate.")
        form = self.read_body(s.EscalateSerializer)
        services.intervention_escalate(actor=request.user, intervention=intervention, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(intervention)).data)
