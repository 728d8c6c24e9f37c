"""Delivery Plans in the admin.

The indicator library is reference data, kept here. Plans, returns, amendments and concerns change only
through the portal's services, which check who acts and keep both parties' agreement; the admin shows them.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from delivery_plans.models import Amendment, Concern, DeliveryPlan, Indicator, Return


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "source", "council", "unit", "polarity", "frequency", "is_active"]
    list_filter = ["source", "unit", "polarity", "frequency", "is_active"]
    search_fields = ["code", "name"]
    list_select_related = ["council"]
    fieldsets = [
        (None, {"fields": ["source", "council", "code", "name", "definition", "group", "is_active"]}),
        ("How it is measured", {"fields": ["unit", "polarity", "may_be_negative", "frequency", "reporting_level"]}),
        (
            "Worked out from a ratio",
            {"fields": ["numerator_definition", "denominator_definition", "multiplier", "decimal_places"]},
        ),
    ]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Shows records and their history; writes go through the portal, which applies the workflow's rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DeliveryPlan)
class DeliveryPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "first_year", "last_year", "status", "version"]
    list_filter = ["status", "almo__council"]
    search_fields = ["title", "almo__name"]
    list_select_related = ["almo"]


@admin.register(Return)
class ReturnAdmin(ReadOnlyAdmin):
    list_display = ["plan", "year", "quarter", "status", "due_on", "submitted_at", "accepted_at"]
    list_filter = ["status", "year", "quarter"]
    search_fields = ["plan__title", "plan__almo__name"]
    list_select_related = ["plan__almo"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "plan", "kind", "status", "proposing_party", "proposed_at", "decided_at"]
    list_filter = ["status", "kind", "proposing_party"]
    search_fields = ["plan__title", "plan__almo__name", "reason"]
    list_select_related = [
        "plan__almo",
        "target__plan_indicator__indicator",
        "objective",
        "indicator",
        "plan_indicator__indicator",
    ]


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    list_display = ["title", "plan", "about_party", "raised_by_party", "status", "opened_at", "closed_at"]
    list_filter = ["status", "about_party", "raised_by_party"]
    search_fields = ["title", "plan__title", "plan__almo__name"]
    list_select_related = ["plan__almo"]
