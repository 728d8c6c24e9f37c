from django.contrib import admin

from reporting.models import ReportRun


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    list_display = ["kind", "format", "council", "almo", "status", "progress", "created_at", "finished_at"]
    list_filter = ["kind", "status", "format"]
    readonly_fields = [field.name for field in ReportRun._meta.fields]
