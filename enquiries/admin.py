"""Admin for the enquiries app.

Set-up records (initiatives, projects, participations) are editable. Questions, their
revisions, events and alignment reviews are the audit trail: readable here, written
only through the services, so no transition escapes its event and notifications.
"""

from django.contrib import admin

from networks.admin_audit import AuditedAdmin

from .models import (
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    Facilitation,
    Initiative,
    Project,
    QuestionRevision,
    SchoolParticipation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        # Every field shown is read-only; a non-editable one (created_at) listed in
        # `fields` but not here would make the inline's form fail to build.
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(AuditedAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name", "sponsors"]
    filter_horizontal = ["participating_las"]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    def audit_la(self, obj):
        return obj.la_id

    list_display = ["title", "la", "initiative", "status", "starts_on"]
    list_filter = ["status", "initiative"]
    search_fields = ["title", "la__name", "la__code"]
    list_select_related = ["la", "initiative"]
    raw_id_fields = ["la"]


@admin.register(ClusterParticipation)
class ClusterParticipationAdmin(AuditedAdmin):
    list_display = ["cluster", "project", "joined_on"]
    search_fields = ["cluster__name", "project__title", "project__la__name"]
    list_select_related = ["cluster", "project"]
    raw_id_fields = ["cluster", "project"]


@admin.register(SchoolParticipation)
class SchoolParticipationAdmin(AuditedAdmin):
    list_display = ["school", "teacher_name", "cluster_participation"]
    search_fields = ["school__name", "teacher_name"]
    list_select_related = ["school", "cluster_participation__cluster"]
    raw_id_fields = ["school", "cluster_participation"]


@admin.register(Facilitation)
class FacilitationAdmin(AuditedAdmin):
    """National facilitators of an initiative are assigned here (LA-to-LA facilitators
    on the project's own page)."""

    list_display = ["user", "kind", "initiative", "project", "started_on", "ended_on"]
    list_filter = ["kind", ("ended_on", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "initiative", "project__la"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user", "project", "granted_by"]


class RevisionInline(ReadOnlyInline):
    model = QuestionRevision
    fields = ["number", "text", "rationale", "author", "created_at"]


class EventInline(ReadOnlyInline):
    model = EnquiryEvent
    fields = ["created_at", "kind", "actor", "revision", "comment"]


@admin.register(Enquiry)
class EnquiryAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "level", "status", "initiative", "status_changed_at"]
    list_filter = ["level", "status", "initiative"]
    search_fields = ["current_revision__text"]
    list_select_related = ["current_revision", "initiative"]
    inlines = [RevisionInline, EventInline]


@admin.register(AlignmentReview)
class AlignmentReviewAdmin(ReadOnlyAdmin):
    list_display = ["enquiry", "target", "rating", "reviewer", "created_at"]
    list_filter = ["rating"]
    list_select_related = [
        "enquiry__current_revision",
        "target__current_revision",
        "reviewer",
    ]
