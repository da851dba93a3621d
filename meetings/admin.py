from django.contrib import admin
from django.db import models

from networks.admin_audit import AuditedAdmin

from .models import CalendarFeed, ClusterCheck, Meeting, MeetingNotes, NotesEvent, NotesVersion


@admin.register(Meeting)
class MeetingAdmin(AuditedAdmin):
    list_display = ("title", "kind", "project", "starts_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    list_select_related = ("project",)
    raw_id_fields = ("project", "created_by", "clusters", "attendees", "papers")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def audit_la(self, obj):
        return obj.project.la_id


class VersionInline(admin.TabularInline):
    model = NotesVersion
    extra = 0
    readonly_fields = ("number", "text", "change_note", "written_by", "written_at")
    can_delete = False


class CheckInline(admin.TabularInline):
    model = ClusterCheck
    extra = 0
    readonly_fields = ("cluster", "answer", "comment", "version", "answered_by", "answered_at")
    can_delete = False


@admin.register(MeetingNotes)
class MeetingNotesAdmin(AuditedAdmin):
    list_display = ("meeting", "state", "version", "check_by", "circulated_at")
    list_filter = ("state",)
    list_select_related = ("meeting",)
    raw_id_fields = ("meeting", "author", "archived_version")
    inlines = (VersionInline, CheckInline)

    def audit_la(self, obj):
        return obj.meeting.project.la_id


@admin.register(NotesEvent)
class NotesEventAdmin(AuditedAdmin):
    list_display = ("notes", "step", "at", "actor")
    list_filter = ("step",)
    list_select_related = ("notes__meeting", "actor")
    raw_id_fields = ("notes", "actor", "cluster")


@admin.register(CalendarFeed)
class CalendarFeedAdmin(AuditedAdmin):
    list_display = ("user", "created_at", "revoked_at")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    readonly_fields = ("token_hash", "created_at", "revoked_at")
