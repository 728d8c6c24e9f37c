"""SLAs in the API: reads for everyone the access rule lets in, writes where the pages write.

Every write checks the caller may take the action (403 if they can see the record but not act on it), then calls the
service the page calls. The services' own errors become 400s naming the field.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.base import ScopedViewSet
from slas import selectors, services
from slas.api import filtersets
from slas.api import serializers as s
from slas.models import Benchmark, Dispute, DisputeEvent, ServiceLevelAgreement, ServiceStandard, StandardResult

READ = (mixins.ListModelMixin, mixins.RetrieveModelMixin)
WRITERS = "Only the ALMO's staff and its council's officers can change an SLA."


class SlaViewSet(*READ, ScopedViewSet):
    """The SLA register: each central service an ALMO buys from its council, with terms, standards, value for money."""

    queryset = selectors.with_register_details(ServiceLevelAgreement.objects.all()).prefetch_related(
        Prefetch("current_version__standards", queryset=ServiceStandard.objects.order_by("title"))
    )
    serializer_class = s.SlaSerializer
    filterset_class = filtersets.SlaFilterSet
    ordering_fields = ["title", "service", "status"]

    @extend_schema(request=None, responses={200: s.SlaSerializer})
    @action(detail=True, methods=["post"])
    def agree(self, request, pk=None):
        """Agree the terms being negotiated for your side. They come into force when both sides have agreed them."""
        sla = self.get_object()
        self.require(sla, "change", WRITERS)
        self.read_body()  # takes no body: any key sent is refused, not ignored
        services.terms_agree(actor=request.user, sla=sla)
        return Response(self.get_serializer(self.get_fresh(sla)).data)


def _one_row_errors(error: ValidationError, standard_id: int) -> ValidationError:
    """The service names a standard's fields `standard-<id>-<field>`; a request for one standard names the field."""
    if not hasattr(error, "error_dict"):
        return error
    prefix = services.field_name(standard_id, "")
    return ValidationError({key.removeprefix(prefix): value for key, value in error.message_dict.items()})


@extend_schema_view(create=extend_schema(request=s.SlaResultCreateSerializer, responses={201: s.SlaResultSerializer}))
class ResultViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Quarterly performance against each standard in force, with its RAG status and commentary."""

    queryset = StandardResult.objects.select_related("standard__version")
    serializer_class = s.SlaResultSerializer
    filterset_class = filtersets.ResultFilterSet
    ordering_fields = ["year", "quarter", "recorded_at"]

    def create(self, request, *args, **kwargs):
        """Record (or correct) one standard's result for a quarter that has ended. A red result is flagged."""
        form = self.read_body(s.SlaResultCreateSerializer)
        data = dict(form.validated_data)
        standard = data.pop("standard")
        self.require(standard, "change", WRITERS)
        year, quarter = data.pop("year"), data.pop("quarter")
        try:
            (result,) = services.results_record(
                actor=request.user, sla=standard.version.sla, year=year, quarter=quarter, rows={standard.pk: data}
            )
        except ValidationError as error:
            raise _one_row_errors(error, standard.pk) from error
        return Response(self.get_serializer(self.get_fresh(result)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    create=extend_schema(request=s.SlaBenchmarkCreateSerializer, responses={201: s.SlaBenchmarkSerializer})
)
class BenchmarkViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Benchmarks each SLA's charge is compared with, as pounds per home a year at the charge's prices."""

    queryset = Benchmark.objects.all()
    serializer_class = s.SlaBenchmarkSerializer
    filterset_class = filtersets.BenchmarkFilterSet
    ordering_fields = ["cost_per_home", "added_at"]

    def create(self, request, *args, **kwargs):
        """Add a benchmark. One in another currency needs rate_to_pounds; one priced at another year, uplift_percent."""
        form = self.read_body(s.SlaBenchmarkCreateSerializer)
        values = dict(form.validated_data)
        sla = values.pop("sla")
        self.require(sla, "change", WRITERS)
        benchmark = services.benchmark_add(actor=request.user, sla=sla, values=values)
        return Response(self.get_serializer(self.get_fresh(benchmark)).data, status=status.HTTP_201_CREATED)


@extend_schema_view(create=extend_schema(request=s.SlaDisputeCreateSerializer, responses={201: s.SlaDisputeSerializer}))
class DisputeViewSet(*READ, mixins.CreateModelMixin, ScopedViewSet):
    """Disputes about SLAs, from raised to resolved, with every step logged."""

    queryset = Dispute.objects.prefetch_related(
        Prefetch("events", queryset=DisputeEvent.objects.select_related("by").order_by("at", "pk"))
    )
    serializer_class = s.SlaDisputeSerializer
    filterset_class = filtersets.DisputeFilterSet
    ordering_fields = ["raised_at", "resolved_at"]

    def create(self, request, *args, **kwargs):
        form = self.read_body(s.SlaDisputeCreateSerializer)
        data = dict(form.validated_data)
        sla = data.pop("sla")
        self.require(sla, "change", WRITERS)
        dispute = services.dispute_raise(actor=request.user, sla=sla, **data)
        return Response(self.get_serializer(self.get_fresh(dispute)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SlaDisputeMoveSerializer, responses={200: s.SlaDisputeSerializer})
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move the dispute forward: in discussion, escalated to chief officers, or resolved with an outcome."""
        dispute = self.get_object()
        self.require(dispute, "change", WRITERS)
        form = self.read_body(s.SlaDisputeMoveSerializer)
        services.dispute_move(actor=request.user, dispute=dispute, **form.validated_data)
        return Response(self.get_serializer(self.get_fresh(dispute)).data)
