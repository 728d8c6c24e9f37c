"""The HRA and Decent Homes in the API: reads for everyone the access rule lets in, writes where the pages write.

Every write checks the caller may take the action (403 if they can see the record but not act on it), then calls
the service the page calls; the services' own errors become 400s naming the field.
"""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from core.api.base import ScopedViewSet
from hra import services
from hra.api import filtersets
from hra.api import serializers as s
from hra.models import (
    AllocationAgreement,
    Archetype,
    CapitalReceipt,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    ProgrammeQuarter,
    ReprofileRequest,
    StockCondition,
)

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)


class HraYearViewSet(*READ, ScopedViewSet):
    """A council's HRA for a year, with its lines, totals for each measure, and the checks it must pass."""

    queryset = HraYear.objects.select_related("council").prefetch_related(
        Prefetch("lines", queryset=HraLine.objects.select_related("category", "holder")),
        Prefetch("allocations", queryset=AllocationAgreement.objects.select_related("almo")),
    )
    serializer_class = s.HraYearSerializer
    filterset_class = filtersets.HraYearFilterSet
    ordering_fields = ["year"]


class HraLineViewSet(*READ, ScopedViewSet):
    queryset = HraLine.objects.select_related("category", "hra_year", "holder")
    serializer_class = s.HraLineSerializer
    filterset_class = filtersets.HraLineFilterSet
    ordering_fields = ["name", "budget"]

    @extend_schema(request=s.HraLineFigureSerializer, responses={200: s.HraLineSerializer})
    @action(detail=True, methods=["post"])
    def figures(self, request, pk=None):
        """Save a forecast (quarter 1 to 3) or the outturn (4); a red or amber figure needs commentary."""
        line = self.get_object()
        self.require(
            line, "report", "Only the council's officers, or the staff of the ALMO that holds it, report a line."
        )
        form = self.read_body(s.HraLineFigureSerializer)
        data = form.validated_data
        services.line_report(
            actor=request.user, line=line, quarter=data["quarter"], figure=data["figure"],
            commentary=data.get("commentary", ""),
        )  # fmt: skip
        return Response(self.get_serializer(self.get_fresh(line)).data)


class AllocationViewSet(*READ, ScopedViewSet):
    """What each ALMO holds of an HRA year: its management fee and share of capital receipts, agreed by both."""

    queryset = AllocationAgreement.objects.select_related("hra_year")
    serializer_class = s.AllocationSerializer
    filterset_class = filtersets.AllocationFilterSet
    ordering_fields = ["management_fee"]

    @extend_schema(request=None, responses={200: s.AllocationSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """Agree the allocation for your side; it holds once the council and the ALMO have both agreed."""
        allocation = self.get_object()
        self.require(allocation, "agree", "Only the ALMO's staff and the council's officers agree an allocation.")
        self.read_body()
        services.allocation_agree(actor=request.user, allocation=allocation)
        return Response(self.get_serializer(self.get_fresh(allocation)).data)

    @extend_schema(request=s.HraReceiptCreateSerializer, responses={201: s.CapitalReceiptSerializer})
    @action(detail=True, methods=["post"])
    def receipts(self, request, pk=None):
        """The council records a quarter's capital receipt, shared by the agreed split."""
        allocation = self.get_object()
        if not HraYear.objects.allows(request.user, "change", allocation.hra_year):
            raise PermissionDenied("Only the council's officers record capital receipts.")
        form = self.read_body(s.HraReceiptCreateSerializer)
        receipt = services.receipt_record(actor=request.user, allocation=allocation, **form.validated_data)
        receipt = CapitalReceipt.objects.select_related("allocation__hra_year").get(pk=receipt.pk)
        return Response(s.CapitalReceiptSerializer(receipt).data, status=status.HTTP_201_CREATED)


class CapitalReceiptViewSet(*READ, ScopedViewSet):
    queryset = CapitalReceipt.objects.select_related("allocation__hra_year")
    serializer_class = s.CapitalReceiptSerializer
    filterset_class = filtersets.CapitalReceiptFilterSet
    ordering_fields = ["quarter", "amount"]


class ProgrammeViewSet(*READ, ScopedViewSet):
    """Each ALMO's Decent Homes programme: allocation, profile and spend by quarter, and its checks."""

    queryset = DecentHomesProgramme.objects.prefetch_related("quarters")
    serializer_class = s.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet
    ordering_fields = ["year", "allocation"]

    @extend_schema(request=None, responses={200: s.ProgrammeSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        programme = self.get_object()
        self.require(programme, "agree", "Only the ALMO's staff and the council's officers agree a programme.")
        self.read_body()
        services.programme_agree(actor=request.user, programme=programme)
        return Response(self.get_serializer(self.get_fresh(programme)).data)

    @extend_schema(request=s.ProgrammeSpendSerializer, responses={200: s.ProgrammeSerializer})
    @action(detail=True, methods=["post"])
    def spend(self, request, pk=None):
        """The ALMO reports a quarter's spend; spend to date behind the profile (red or amber) needs commentary."""
        programme = self.get_object()
        self.require(programme, "report", "Only the ALMO's staff report its spend.")
        data = self.read_body(s.ProgrammeSpendSerializer).validated_data
        quarter = ProgrammeQuarter.objects.get(programme=programme, quarter=data["quarter"])
        services.quarter_report(
            actor=request.user, quarter=quarter, spend=data["spend"],
            sustainability_spend=data.get("sustainability_spend"), commentary=data.get("commentary", ""),
        )  # fmt: skip
        return Response(self.get_serializer(self.get_fresh(programme)).data)


@extend_schema_view(create=extend_schema(request=s.ReprofileCreateSerializer, responses={201: s.ReprofileSerializer}))
class ReprofileViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Re-profiling of a programme's spend: one side proposes, the other agrees or declines."""

    queryset = ReprofileRequest.objects.all()
    serializer_class = s.ReprofileSerializer
    filterset_class = filtersets.ReprofileFilterSet
    ordering_fields = ["proposed_at"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.ReprofileCreateSerializer)
        programme = form.validated_data["programme"]
        self.require(programme, "propose", "Only the ALMO's staff and the council's officers propose a re-profile.")
        reprofile = services.reprofile_propose(
            actor=request.user, programme=programme, new_profile=form.new_profile(),
            reason=form.validated_data["reason"],
        )  # fmt: skip
        return Response(self.get_serializer(reprofile).data, status=status.HTTP_201_CREATED)

    def _decide(self, agree: bool):
        reprofile = self.get_object()
        self.require(reprofile, "decide", "Only the ALMO's staff and the council's officers decide a re-profile.")
        form = self.read_body(s.ReprofileDecisionSerializer)
        services.reprofile_decide(
            actor=self.request.user, request=reprofile, agree=agree, reason=form.validated_data.get("reason", "")
        )
        return Response(self.get_serializer(self.get_fresh(reprofile)).data)

    @extend_schema(request=s.ReprofileDecisionSerializer, responses={200: s.ReprofileSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """The other side agrees: the programme's profile changes."""
        return self._decide(True)

    @extend_schema(request=s.ReprofileDecisionSerializer, responses={200: s.ReprofileSerializer})
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """The other side declines, with a reason."""
        return self._decide(False)


class StockConditionViewSet(*READ, ScopedViewSet):
    """Each ALMO's homes against the Decent Homes Standard by year, with RP01, BV184a and BV184b."""

    queryset = StockCondition.objects.all()
    serializer_class = s.StockConditionSerializer
    filterset_class = filtersets.StockConditionFilterSet
    ordering_fields = ["year"]


class InvestmentPlanViewSet(*READ, ScopedViewSet):
    """The thirty-year need against resources, year by year, and the year the money runs short."""

    queryset = InvestmentPlan.objects.prefetch_related(
        Prefetch("archetypes", queryset=Archetype.objects.prefetch_related("components")), "resources"
    )
    serializer_class = s.InvestmentPlanSerializer
    filterset_class = filtersets.InvestmentPlanFilterSet
    ordering_fields = ["first_year"]
