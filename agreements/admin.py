"""Agreements in the admin.

The ladder's stages and their deadlines are reference data, kept here. Agreements, meetings and interventions change
only through the portal's services, which check who acts and keep both parties' agreement; the admin shows them.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import (
    Intervention,
    InterventionStage,
    ManagementAgreement,
    Meeting,
    MeetingSeries,
    StageDeadline,
)


class StageDeadlineInline(admin.TabularInline):
    model = StageDeadline
    extra = 0


@admin.register(InterventionStage)
class InterventionStageAdmin(SimpleHistoryAdmin):
    list_display = ["position", "name", "almo_only", "is_options_appraisal", "recurrence_months"]
    inlines = [StageDeadlineInline]


class ReadOnlyAdmin(SimpleHistoryAdmin):
    """Shows records and their history; writes go through the portal, which applies the rules."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ManagementAgreement)
class ManagementAgreementAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "version", "status", "starts_on", "initial_end_on"]
    list_filter = ["status"]
    list_select_related = ["almo"]


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(ReadOnlyAdmin):
    list_display = ["name", "almo", "kind", "frequency"]
    list_select_related = ["almo"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["series", "held_on", "status"]
    list_select_related = ["series"]


@admin.register(Intervention)
class InterventionAdmin(ReadOnlyAdmin):
    list_display = ["title", "almo", "about_party", "current_stage", "status", "started_on"]
    list_filter = ["status", "about_party"]
    list_select_related = ["almo", "current_stage"]
