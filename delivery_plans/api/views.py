"""Delivery Plans in the API: reads for everyone the access rule lets in, writes where the pages write.

Every write checks the caller may take the action (403 if they can see the record but not act on it), then
calls the service the page calls. The services' own errors become 400s with field names.
"""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.base import ScopedViewSet
from delivery_plans import services
from delivery_plans.api import filtersets
from delivery_plans.api import serializers as s
from delivery_plans.models import (
    Actual,
    Amendment,
    Concern,
    DeliveryPlan,
    Indicator,
    PlanIndicator,
    Query,
    QueryMessage,
    Return,
    Target,
)

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)


class IndicatorViewSet(*READ, ScopedViewSet):
    """The shipped library (Tenant Satisfaction Measures, former Best Value indicators) and councils' own."""

    queryset = Indicator.objects.all()
    serializer_class = s.IndicatorSerializer
    filterset_class = filtersets.IndicatorFilterSet
    ordering_fields = ["code", "name", "source"]


class DeliveryPlanViewSet(*READ, ScopedViewSet):
    queryset = DeliveryPlan.objects.select_related("almo").prefetch_related(
        Prefetch("plan_indicators", queryset=PlanIndicator.objects.select_related("indicator"))
    )
    serializer_class = s.DeliveryPlanSerializer
    filterset_class = filtersets.DeliveryPlanFilterSet
    ordering_fields = ["first_year", "title", "status"]

    @extend_schema(request=None, responses={200: s.DeliveryPlanSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        """Sign the plan off for your side. It comes into force when the council and the ALMO have both signed."""
        plan = self.get_object()
        self.require(plan, "sign", "Only the ALMO's staff and the council's officers can sign a plan off.")
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.plan_sign(actor=request.user, plan=plan)
        return Response(self.get_serializer(self.get_fresh(plan)).data)


class TargetViewSet(*READ, ScopedViewSet):
    queryset = Target.objects.select_related("plan_indicator__indicator")
    serializer_class = s.TargetSerializer
    filterset_class = filtersets.TargetFilterSet
    ordering_fields = ["year", "quarter"]


@extend_schema_view(create=extend_schema(request=s.ReturnOpenSerializer, responses={201: s.ReturnSerializer}))
class ReturnViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Quarterly returns. A system opens one, saves its lines, then submits it, as ALMO staff do on the pages."""

    queryset = Return.objects.select_related("plan__almo").prefetch_related(
        Prefetch("actuals", queryset=Actual.objects.select_related("plan_indicator__indicator"))
    )
    serializer_class = s.ReturnSerializer
    filterset_class = filtersets.ReturnFilterSet
    ordering_fields = ["year", "quarter", "due_on", "submitted_at"]

    def create(self, request, *args, **kwargs):
        """Open the return for a plan's quarter, with a line for each indicator due."""
        form = self.read_body(s.ReturnOpenSerializer)
        plan = form.validated_data["plan"]
        self.require(plan, "change", "Only the ALMO's staff can start its returns.")
        return_record = services.return_open(
            actor=request.user, plan=plan, year=form.validated_data["year"], quarter=form.validated_data["quarter"]
        )
        data = self.get_serializer(self.get_fresh(return_record)).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": self._url(return_record)})

    def _url(self, return_record) -> str:
        return self.request.build_absolute_uri(reverse("api:return-detail", args=[return_record.pk]))

    @extend_schema(
        request=s.ActualsInputSerializer,
        responses={200: s.ReturnSerializer, 400: OpenApiResponse(description="Nothing was saved; errors by line.")},
    )
    @action(detail=True, methods=["post"])
    def actuals(self, request, pk=None):
        """Save figures and commentary for any of the return's lines: all of them, or none if any is wrong.

        Errors come back by the position (from 0) of each line that is wrong:
        `{"actuals": {"1": {"numerator": ["..."]}}}`.
        """
        return_record = self.get_object()
        self.require(return_record, "change", "Only the ALMO's staff can enter figures in its return.")
        form = self.read_body(s.ActualsInputSerializer)
        rows, positions = form.to_rows(return_record)
        row_errors = services.return_save(actor=request.user, return_record=return_record, rows=rows)
        if row_errors:
            errors = {}
            for error in row_errors:
                for position in positions.get(error.code, []):
                    errors.setdefault(str(position), {}).setdefault(error.field, []).append(error.message)
            return Response({"actuals": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(self.get_serializer(self.get_fresh(return_record)).data)

    @extend_schema(request=None, responses={200: s.ReturnSerializer})
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send the return to the council (again, after answering its queries). Red and amber lines need commentary."""
        return_record = self.get_object()
        self.require(return_record, "submit", "Only the ALMO's staff can submit its return.")
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.return_submit(actor=request.user, return_record=return_record)
        return Response(self.get_serializer(self.get_fresh(return_record)).data)

    @extend_schema(request=None, responses={200: s.ReturnSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The council accepts a submitted return, which locks it."""
        return_record = self.get_object()
        self.require(return_record, "review", "Only the council's officers can accept a return.")
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.return_accept(actor=request.user, return_record=return_record)
        return Response(self.get_serializer(self.get_fresh(return_record)).data)


class ActualViewSet(*READ, ScopedViewSet):
    """Every line of every return you can see, with its variance commentary; filter with rag=red for variances."""

    queryset = Actual.objects.select_related("plan_indicator__indicator", "return_record__plan")
    serializer_class = s.ActualSerializer
    filterset_class = filtersets.ActualFilterSet
    ordering_fields = ["return_record__year", "return_record__quarter", "plan_indicator__indicator__code"]


@extend_schema_view(create=extend_schema(request=s.QueryCreateSerializer, responses={201: s.QuerySerializer}))
class QueryViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """A council officer's question on one line of a submitted return, and the ALMO's answers."""

    queryset = Query.objects.select_related("raised_by", "actual__plan_indicator__indicator").prefetch_related(
        Prefetch("messages", queryset=QueryMessage.objects.select_related("author"))
    )
    serializer_class = s.QuerySerializer
    filterset_class = filtersets.QueryFilterSet
    ordering_fields = ["created_at"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.QueryCreateSerializer)
        actual = form.validated_data["actual"]
        self.require(actual, "query", "Only the council's officers can query a return.")
        query = services.actual_query(actor=request.user, actual=actual, text=form.validated_data["text"])
        return Response(self.get_serializer(self.get_fresh(query)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.TextSerializer, responses={200: s.QuerySerializer})
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        """The ALMO answers; then it resubmits the return."""
        query = self.get_object()
        self.require(query, "answer", "Only the ALMO's staff can answer a query.")
        form = self.read_body(s.TextSerializer)
        services.query_answer(actor=request.user, query=query, text=form.validated_data["text"])
        return Response(self.get_serializer(self.get_fresh(query)).data)


@extend_schema_view(create=extend_schema(request=s.AmendmentCreateSerializer, responses={201: s.AmendmentSerializer}))
class AmendmentViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Proposed changes to a plan in force; a change applies only when the other party agrees."""

    queryset = Amendment.objects.select_related(
        "proposed_by", "decided_by", "target__plan_indicator__indicator", "objective", "indicator"
    )
    serializer_class = s.AmendmentSerializer
    filterset_class = filtersets.AmendmentFilterSet
    ordering_fields = ["proposed_at", "decided_at"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.AmendmentCreateSerializer)
        data = dict(form.validated_data)
        plan, kind, reason = data.pop("plan"), data.pop("kind"), data.pop("reason")
        self.require(plan, "propose", "Only the ALMO's staff and the council's officers can propose an amendment.")
        amendment = services.amendment_propose(actor=request.user, plan=plan, kind=kind, reason=reason, **data)
        return Response(self.get_serializer(self.get_fresh(amendment)).data, status=status.HTTP_201_CREATED)

    def _decide(self, request, service):
        amendment = self.get_object()
        self.require(amendment, "decide", "Only the ALMO's staff and the council's officers can decide an amendment.")
        form = self.read_body(s.DecisionSerializer)
        service(actor=request.user, amendment=amendment, reason=form.validated_data.get("reason", ""))
        return Response(self.get_serializer(self.get_fresh(amendment)).data)

    @extend_schema(request=s.DecisionSerializer, responses={200: s.AmendmentSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """The other party agrees: the change applies and the plan moves to its next version."""
        return self._decide(request, services.amendment_agree)

    @extend_schema(request=s.DecisionSerializer, responses={200: s.AmendmentSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The other party declines, giving its reasons."""
        return self._decide(request, services.amendment_decline)


@extend_schema_view(create=extend_schema(request=s.ConcernCreateSerializer, responses={201: s.ConcernSerializer}))
class ConcernViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Performance concerns raised by either party, closed by an agreed recovery action."""

    queryset = Concern.objects.select_related("raised_by", "plan_indicator__indicator")
    serializer_class = s.ConcernSerializer
    filterset_class = filtersets.ConcernFilterSet
    ordering_fields = ["opened_at", "closed_at"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.ConcernCreateSerializer)
        plan = form.validated_data["plan"]
        self.require(plan, "raise", "Only the ALMO's staff and the council's officers can raise a concern.")
        concern = services.concern_raise(actor=request.user, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(concern)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RecoverySerializer, responses={200: s.ConcernSerializer})
    @action(detail=True, methods=["post"], url_path="propose-recovery")
    def propose_recovery(self, request, pk=None):
        """Propose the recovery action that would close the concern; the other party agrees it."""
        concern = self.get_object()
        self.require(concern, "respond", "Only the ALMO's staff and the council's officers can respond to a concern.")
        form = self.read_body(s.RecoverySerializer)
        services.concern_propose_recovery(actor=request.user, concern=concern, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(concern)).data)

    @extend_schema(request=None, responses={200: s.ConcernSerializer})
    @action(detail=True, methods=["post"], url_path="agree-recovery")
    def agree_recovery(self, request, pk=None):
        """Agree the other party's recovery action, which closes the concern."""
        concern = self.get_object()
        self.require(concern, "respond", "Only the ALMO's staff and the council's officers can respond to a concern.")
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.concern_agree_recovery(actor=request.user, concern=concern)
        return Response(self.get_serializer(self.get_fresh(concern)).data)
