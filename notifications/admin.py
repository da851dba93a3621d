from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "category", "created_at", "read_at", "emailed_at"]
    list_filter = [
        "category",
        ("read_at", admin.EmptyFieldListFilter),
        ("emailed_at", admin.EmptyFieldListFilter),
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
        "emailed_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False
