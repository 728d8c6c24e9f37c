"""Inspection readiness in the admin.

The shipped frameworks are reference data, kept here. Everything an ALMO or a council records changes only through
the portal's services, which check who acts; the admin shows those records and their history.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import (
    Assessment,
    Evidence,
    Framework,
    ImprovementAction,
    Inspection,
    Question,
    ReadinessReport,
    SupportRecord,
)


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "council", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    list_select_related = ["council"]


@admin.register(Question)
class QuestionAdmin(SimpleHistoryAdmin):
    list_display = ["code", "text", "area"]
    search_fields = ["code", "text"]
    list_select_related = ["area__framework"]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Shows records and their history; writes go through the portal, which applies the rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["almo", "framework", "started_at"]
    list_select_related = ["almo", "framework"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "review_due"]
    list_select_related = ["almo"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "kind", "starts_on", "ends_on", "star_rating"]
    list_filter = ["kind"]
    list_select_related = ["almo"]


@admin.register(ImprovementAction)
class ImprovementActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "owner", "due_on", "status"]
    list_filter = ["status"]
    list_select_related = ["almo"]


@admin.register(SupportRecord)
class SupportRecordAdmin(ReadOnlyAdmin):
    list_display = ["almo", "source", "support_type", "provider", "basis", "cost", "status"]
    list_select_related = ["almo"]


@admin.register(ReadinessReport)
class ReadinessReportAdmin(admin.ModelAdmin):
    list_display = ["assessment", "status", "requested_at", "finished_at"]
    readonly_fields = ["assessment", "requested_by", "status", "lease_until", "file", "error", "finished_at"]

    def has_add_permission(self, request):
        return False
