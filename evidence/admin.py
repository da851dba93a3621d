"""Admin for evidence: the project's own codes (names and memos) may be corrected
here; everything else is written through the services (each audited) and only read."""

from django.contrib import admin

from enquiries.admin import ReadOnlyAdmin
from networks.admin_audit import AuditedAdmin

from .models import Baseline, ChangeIdea, Code, EvidenceItem, KeyDriver, ProgressReview


@admin.register(Code)
class CodeAdmin(AuditedAdmin):
    list_display = ["name", "group", "project", "parent", "is_codable"]
    list_filter = ["group", "is_codable"]
    search_fields = ["name", "memo", "key"]
    raw_id_fields = ["project", "parent", "created_by"]
    readonly_fields = ["guid", "key", "group", "group_rank", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        # The shared, seeded codes read the same in every project and export.
        return obj is None or obj.project_id is not None


@admin.register(EvidenceItem)
class EvidenceItemAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "project", "cluster", "kind", "created_by", "created_at"]
    list_filter = ["kind"]
    list_select_related = ["project", "cluster", "created_by"]


@admin.register(Baseline)
class BaselineAdmin(ReadOnlyAdmin):
    list_display = ["aspect", "project", "cluster_participation", "rating", "described_on"]
    list_select_related = ["project", "cluster_participation__cluster"]


@admin.register(ProgressReview)
class ProgressReviewAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "reviewed_on", "rating"]
    list_select_related = ["baseline"]


class ChangeIdeaInline(admin.TabularInline):
    model = ChangeIdea
    extra = 0
    can_delete = False
    fields = ["position", "text"]
    readonly_fields = ["position", "text"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(KeyDriver)
class KeyDriverAdmin(ReadOnlyAdmin):
    list_display = ["title", "project", "position", "named_by"]
    list_select_related = ["project", "named_by"]
    inlines = [ChangeIdeaInline]
