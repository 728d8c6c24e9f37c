"""Consultations in the admin, read only: every change goes through the portal's services and their rules.

Votes and voting codes are not in the admin at all: no one, administrators included, browses them or sees a
running count before the close.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from consultations.models import Ballot, ChecklistItem, Consultation, FoundingTest, LetterBatch


class ReadOnlyAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Consultation)
class ConsultationAdmin(ReadOnlyAdmin):
    list_display = ["subject", "almo", "method", "status", "created_at"]
    list_filter = ["status", "method"]
    list_select_related = ["almo"]
    search_fields = ["subject"]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(ReadOnlyAdmin):
    list_display = ["text", "consultation", "required", "status", "confirmed_by"]
    list_filter = ["status", "required"]
    list_select_related = ["consultation", "confirmed_by"]


@admin.register(FoundingTest)
class FoundingTestAdmin(ReadOnlyAdmin):
    list_display = ["almo", "kind", "held_in"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["question", "consultation", "status", "opens_on", "closes_on"]
    list_filter = ["status"]
    list_select_related = ["consultation"]
    # The sealed count is shown on the ballot's page to those allowed, never here.
    exclude = ["total_votes", "final_hash", "result_report"]


@admin.register(LetterBatch)
class LetterBatchAdmin(ReadOnlyAdmin):
    list_display = ["ballot", "kind", "status", "letter_count", "requested_by", "requested_at"]
    list_filter = ["status", "kind"]
    exclude = ["file"]
