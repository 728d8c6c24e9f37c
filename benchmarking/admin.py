from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from benchmarking.models import PeerGroup


@admin.register(PeerGroup)
class PeerGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "rule", "member_count"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="ALMOs today")
    def member_count(self, group):
        return group.members().count()
