from django.contrib import admin

from reports.models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "kind", "status", "progress", "attempts", "requested_by", "created_at")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Report._meta.fields]

    def has_add_permission(self, request):
        return False
