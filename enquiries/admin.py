"""Admin for the enquiries app.

Set-up records (initiatives, projects, participations) are editable. Questions, their
revisions, events and alignment reviews are the audit trail: readable here, written
only through the services, so no transition escapes its event and notifications.
"""

from django.contrib import admin

from .models import (
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name", "sponsors"]
    filter_horizontal = ["participating_las"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "la", "initiative", "status", "starts_on"]
    list_filter = ["status", "initiative"]
    search_fields = ["title", "la__name", "la__code"]
    list_select_related = ["la", "initiative"]
    raw_id_fields = ["la"]


@admin.register(ClusterParticipation)
class ClusterParticipationAdmin(admin.ModelAdmin):
    list_display = ["cluster", "project", "joined_on"]
    search_fields = ["cluster__name", "project__title", "project__la__name"]
    list_select_related = ["cluster", "project"]
    raw_id_fields = ["cluster", "project"]


@admin.register(SchoolParticipation)
class SchoolParticipationAdmin(admin.ModelAdmin):
    list_display = ["school", "teacher_name", "cluster_participation"]
    search_fields = ["school__name", "teacher_name"]
    list_select_related = ["school", "cluster_participation__cluster"]
    raw_id_fields = ["school", "cluster_participation"]


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
