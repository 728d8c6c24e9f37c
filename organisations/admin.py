from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from organisations.models import Almo, Board, BoardMember, Council, DeclaredInterest, Membership


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ons_code", "kind", "region", "board_two_factor_required"]
    list_filter = ["kind", "region", "board_two_factor_required"]
    search_fields = ["name", "ons_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Almo)
class AlmoAdmin(SimpleHistoryAdmin):
    list_display = ["name", "council", "status", "homes_managed", "stock_coverage", "origin"]
    list_filter = ["status", "stock_coverage", "origin", "council"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class BoardMemberInline(admin.TabularInline):
    model = BoardMember
    extra = 0


@admin.register(Board)
class BoardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "almo"]
    inlines = [BoardMemberInline]


@admin.register(DeclaredInterest)
class DeclaredInterestAdmin(SimpleHistoryAdmin):
    list_display = ["board_member", "kind", "declared_on", "ended_on"]
    list_filter = ["kind"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "council", "almo", "is_admin", "is_active"]
    list_filter = ["role", "is_admin", "is_active"]
    search_fields = ["user__username", "user__email", "user__last_name"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["granted_almos"]
