"""Service level agreements in the admin: shown, never changed.

SLAs, their terms, standards, results, benchmarks and disputes change only through the portal's services, which
check who acts for which party and keep both parties' agreement; the admin shows them and their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from slas.models import Benchmark, Dispute, ServiceLevelAgreement, ServiceStandard, SlaVersion, StandardResult


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceLevelAgreement)
class SlaAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "service", "status"]
    list_filter = ["service", "status"]
    search_fields = ["title", "almo__name"]
    list_select_related = ["almo"]


@admin.register(SlaVersion)
class SlaVersionAdmin(ReadOnlyAdmin):
    list_display = ["sla", "number", "status", "starts_on", "ends_on", "annual_charge", "review_date"]
    list_filter = ["status"]
    list_select_related = ["sla"]


@admin.register(ServiceStandard)
class ServiceStandardAdmin(ReadOnlyAdmin):
    list_display = ["title", "version", "target", "tolerance", "polarity", "latest_rag"]
    list_select_related = ["version__sla"]


@admin.register(StandardResult)
class StandardResultAdmin(ReadOnlyAdmin):
    list_display = ["standard", "year", "quarter", "actual", "rag"]
    list_filter = ["rag", "year", "quarter"]
    list_select_related = ["standard"]


@admin.register(Benchmark)
class BenchmarkAdmin(ReadOnlyAdmin):
    list_display = ["sla", "kind", "source", "cost_per_home"]
    list_select_related = ["sla"]


@admin.register(Dispute)
class DisputeAdmin(ReadOnlyAdmin):
    list_display = ["title", "sla", "stage", "outcome"]
    list_filter = ["stage", "outcome"]
    list_select_related = ["sla"]
