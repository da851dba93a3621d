from django.contrib import admin

from .models import EmailDigest, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "recipient",
        "category",
        "created_at",
        "read_at",
        "emailed_at",
        "email_skipped_at",
    ]
    list_filter = [
        "category",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
        ("email_skipped_at", admin.EmptyFieldListFilter),
    ]
    search_fields = ["subject", "recipient__email", "recipient__name", "event_key"]
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"
    # A record of what was said to whom: readable here, written only by the services.
    readonly_fields = [
        "recipient",
        "category",
        "event_key",
        "subject",
        "body",
        "url",
        "created_at",
        "email_claimed_at",
        "email_claim_expires_at",
        "email_attempts",
        "emailed_at",
        "email_skipped_at",
        "digest",
    ]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    # Each person sets these on their email settings page; staff may correct one
    # (e.g. someone whose mailbox bounces), so they stay editable here.
    list_display = ["user", "category", "delivery", "updated_at"]
    list_filter = ["category", "delivery"]
    search_fields = ["user__email", "user__name"]
    list_select_related = ["user"]
    raw_id_fields = ["user"]


class DigestNotificationInline(admin.TabularInline):
    model = Notification
    fields = ["subject", "category", "created_at"]
    readonly_fields = ["subject", "category", "created_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(EmailDigest)
class EmailDigestAdmin(admin.ModelAdmin):
    # The record of a digest (sent, waiting or given up): read-only, written only by
    # the digest tasks.
    list_display = ["recipient", "created_at", "attempts", "sent_at", "failed_at"]
    search_fields = ["recipient__email", "recipient__name"]
    list_select_related = ["recipient"]
    readonly_fields = [
        "recipient",
        "created_at",
        "claimed_at",
        "claim_expires_at",
        "attempts",
        "sent_at",
        "failed_at",
    ]
    date_hierarchy = "created_at"
    inlines = [DigestNotificationInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
