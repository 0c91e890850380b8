from django.contrib import admin

from core.models import WorkerHeartbeat


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("hostname", "token", "created_at")
    readonly_fields = ("hostname", "token", "created_at", "updated_at")
