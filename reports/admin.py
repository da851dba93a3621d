from django.contrib import admin

from networks.admin_audit import AuditedAdmin

from .models import ReportBuild


@admin.register(ReportBuild)
class ReportBuildAdmin(AuditedAdmin):
    """Read-only apart from deleting: the build task moves builds on (a stuck one is
    queued again by the sweep)."""

    list_display = ["project", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status"]
    list_select_related = ["project", "requested_by"]
    readonly_fields = [field.name for field in ReportBuild._meta.fields]

    def audit_la(self, obj):
        return obj.project.la_id

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
