"""In-app notifications and their email delivery."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a person should know about. One per recipient and event.

    `event_key` names what happened (e.g. "enquiry-event:42"); the unique constraint
    makes a service or task that runs twice notify nobody twice.
    """

    class Category(models.TextChoices):
        ACCOUNT = "account", "Account and invitations"
        REVIEW = "review", "Reviews and decisions"
        COMMENT = "comment", "Comments"
        ALIGNMENT = "alignment", "Alignment"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    category = models.CharField(max_length=20, choices=Category.choices)
    event_key = models.CharField(max_length=100)
    subject = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Claimed with a conditional UPDATE before sending, so two workers never both send.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="one_notification_per_recipient_and_event"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.subject
