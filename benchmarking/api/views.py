"""Peer groups, the benchmarking export and the Tenant Satisfaction Measures export.

Exports come as CSV (the default), JSON or XLSX: `?format=csv|json|xlsx`, or the Accept header.
"""

from django.http import FileResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins
from rest_framework.renderers import BaseRenderer, JSONRenderer

from api_access.throttling import ApiRateThrottle, ExportRateThrottle
from benchmarking import exports
from benchmarking.api import serializers as s
from benchmarking.models import PeerGroup
from benchmarking.selectors import COLUMNS, benchmarking_rows, tsm_table
from core.api.base import PortalAPIView, ScopedViewSet

XLSX = exports.CONTENT_TYPES["xlsx"]


class PeerGroupViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """The peer groups defined in the portal. Members follow each group's rule; they are not listed here."""

    queryset = PeerGroup.objects.all()
    serializer_class = s.PeerGroupSerializer
    ordering_fields = ["name"]


class CsvRenderer(BaseRenderer):
    media_type, format, charset = "text/csv", "csv", "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class XlsxRenderer(BaseRenderer):
    media_type, format, charset, render_style = XLSX, "xlsx", None, "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


class ExportView(PortalAPIView):
    renderer_classes = [CsvRenderer, JSONRenderer, XlsxRenderer]
    throttle_classes = [ApiRateThrottle, ExportRateThrottle]

    def handle_exception(self, exc):
        # Errors are JSON, whichever file format was asked for.
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return super().handle_exception(exc)

    def export(self, header: list[str], rows, filename: str, title: str):
        file_format = self.request.accepted_renderer.format
        disposition = f'attachment; filename="{filename}.{file_format}"'
        if file_format == "xlsx":
            return FileResponse(
                exports.xlsx_file(title, header, rows),
                content_type=XLSX,
                headers={"Content-Disposition": disposition},
            )
        chunks = exports.csv_chunks(header, rows) if file_format == "csv" else exports.json_chunks(header, rows)
        return StreamingHttpResponse(
            chunks, content_type=exports.CONTENT_TYPES[file_format], headers={"Content-Disposition": disposition}
        )


def _export_responses(json_schema):
    return {
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV with a header row."),
        (200, "application/json"): OpenApiResponse(json_schema, description="An array of rows."),
        (200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description="An Excel workbook."),
    }


class BenchmarkingExportView(ExportView):
    query_params = frozenset({"period", "indicator", "peer_group"})

    @extend_schema(
        operation_id="exports_benchmarking",
        parameters=[s.BenchmarkingParametersSerializer],
        responses=_export_responses(s.benchmarking_row_schema()),
    )
    def get(self, request):
        """One row per organisation x indicator x period, against a peer group, in the HouseMark manner.

        Rows only for organisations you may see. Quartiles, ranks and peer counts are worked out over the whole
        peer group from accepted figures (QUARTILE.INC); no other organisation's own figures are shown. Quartile
        position 1 is the best quarter by the indicator's polarity. A figure submitted but not yet accepted shows
        as provisional: placed against the quartiles, never counted in them, and not ranked. A group with fewer
        than three figures shows no quartiles, positions or ranks.
        """
        params = s.BenchmarkingParametersSerializer(data=request.query_params, context={"request": request})
        params.is_valid(raise_exception=True)
        peer_group = params.validated_data.get("peer_group") or PeerGroup.everyone()
        period = params.validated_data.get("period")
        rows = benchmarking_rows(
            request.user,
            peer_group=peer_group,
            period=period,
            indicator_codes=params.validated_data.get("indicator"),
            formats=exports.FORMATS[request.accepted_renderer.format],
        )
        period_part = str(period).replace("/", "-") if period else "all-periods"
        return self.export(list(COLUMNS), rows, f"benchmarking-{peer_group.slug}-{period_part}", "Benchmarking")


class TsmExportView(ExportView):
    query_params = frozenset({"year"})

    @extend_schema(
        operation_id="exports_tsm",
        parameters=[s.TsmParametersSerializer],
        responses=_export_responses(s.tsm_row_schema()),
    )
    def get(self, request):
        """The Tenant Satisfaction Measures for a financial year, laid out as the Regulator publishes them.

        A row per council (the registered landlord, type LARP, numbered by its ONS code) and a column per measure,
        split into LCRA and LCHO where the measure is. Each value combines the council's ALMOs' numerators and
        denominators from their accepted Q4 returns; it is empty unless every ALMO reported it. You see a council
        only if you may see all of its ALMOs.
        """
        params = s.TsmParametersSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        year = params.validated_data["year"]
        header, table = tsm_table(request.user, year)
        file_format = request.accepted_renderer.format
        text, number = exports.FORMATS[file_format].text, exports.FIXED_NUMBERS[file_format]
        rows = (
            [text(row[name]) if isinstance(row[name], str) else number(row[name]) for name in header] for row in table
        )
        return self.export(header, rows, f"tenant-satisfaction-measures-{year}-{(year + 1) % 100:02d}", "TSM")
