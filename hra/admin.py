"""The HRA in the admin.

Line categories are reference data, kept here. Everything else changes only through the portal's services, which
check who acts and keep both sides' agreement; the admin shows those records and their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from hra.models import (
    AllocationAgreement,
    CapitalReceipt,
    DecentHomesProgramme,
    HraLine,
    HraYear,
    InvestmentPlan,
    LineCategory,
    ReprofileRequest,
    StockCondition,
)


@admin.register(LineCategory)
class LineCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "role", "position"]
    list_filter = ["kind", "role"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Shows records and their history; writes go through the portal, which applies the rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(HraYear)
class HraYearAdmin(ReadOnlyAdmin):
    list_display = ["council", "year", "opening_balance", "minimum_balance", "general_fund_recharge_limit"]
    list_select_related = ["council"]


@admin.register(HraLine)
class HraLineAdmin(ReadOnlyAdmin):
    list_display = ["name", "hra_year", "category", "holder", "budget", "outturn"]
    list_select_related = ["hra_year__council", "category", "holder"]
    list_filter = ["category"]


@admin.register(AllocationAgreement)
class AllocationAdmin(ReadOnlyAdmin):
    list_display = ["almo", "hra_year", "management_fee", "council_agreed_at", "almo_agreed_at"]
    list_select_related = ["almo", "hra_year__council"]


@admin.register(CapitalReceipt)
class CapitalReceiptAdmin(ReadOnlyAdmin):
    list_display = ["allocation", "quarter", "kind", "homes", "amount"]
    list_select_related = ["allocation__almo", "allocation__hra_year__council"]


@admin.register(DecentHomesProgramme)
class ProgrammeAdmin(ReadOnlyAdmin):
    list_display = ["almo", "year", "allocation", "council_agreed_at", "almo_agreed_at"]
    list_select_related = ["almo"]


@admin.register(ReprofileRequest)
class ReprofileAdmin(ReadOnlyAdmin):
    list_display = ["programme", "status", "proposed_by_party", "proposed_at"]
    list_select_related = ["programme__almo"]


@admin.register(StockCondition)
class StockConditionAdmin(ReadOnlyAdmin):
    list_display = ["almo", "year", "homes_at_start", "non_decent_at_start", "made_decent"]
    list_select_related = ["almo"]


@admin.register(InvestmentPlan)
class InvestmentPlanAdmin(ReadOnlyAdmin):
    list_display = ["almo", "title", "first_year"]
    list_select_related = ["almo"]
