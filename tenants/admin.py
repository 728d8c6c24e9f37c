"""Tenant voice in the admin: shown for support, never changed there.

Groups, recommendations and surveys change only through the portal's services, which check who acts, keep both
parties' agreement on a survey and its results final once agreed. Respondent-level answers are not shown at all.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from tenants.models import InvolvementGroup, Recommendation, Survey


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(InvolvementGroup)
class InvolvementGroupAdmin(ReadOnlyAdmin):
    list_display = ["name", "almo", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "almo__name"]
    list_select_related = ["almo"]


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["title", "group", "made_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "group__name"]
    list_select_related = ["group"]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["almo", "year", "tenure", "method", "achieved", "population", "council_agreed_at", "almo_agreed_at"]
    list_filter = ["year", "tenure", "method"]
    search_fields = ["almo__name"]
    list_select_related = ["almo"]
