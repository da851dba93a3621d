"""In-app notifications, each person's email preferences, and their email delivery."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from networks.outbox import PLAIN, LeaseFields

# Notification's lease columns (see networks/outbox.py), prefixed: they are about its email.
NOTIFICATION_LEASE = LeaseFields("email_claimed_at", "email_claim_expires_at", "email_attempts")
AWAITING_EMAIL = Q(emailed_at__isnull=True, email_skipped_at__isnull=True, digest__isnull=True)


class NotificationQuerySet(models.QuerySet):
    def unread(self) -> NotificationQuerySet:
        return self.filter(read_at__isnull=True)

    def awaiting_email(self) -> NotificationQuerySet:
        """Not emailed, not skipped (email off, or given up), and not in a digest. It
        may be claimed by a sender right now: see due()."""
        return self.filter(AWAITING_EMAIL)

    def due(self) -> NotificationQuerySet:
        """Awaiting email and free to claim now (no sender holds its lease)."""
        return self.awaiting_email().filter(NOTIFICATION_LEASE.available(timezone.now()))

    def with_delivery(self) -> NotificationQuerySet:
        """Annotate `delivery`: how the recipient wants email for the category, read
        in the same query (no row means immediately)."""
        chosen = NotificationPreference.objects.filter(
            user=OuterRef("recipient"), category=OuterRef("category")
        ).values("delivery")[:1]
        return self.annotate(
            delivery=Coalesce(
                Subquery(chosen),
                Value(NotificationPreference.Delivery.IMMEDIATELY),
                output_field=models.CharField(),
            )
        )


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
        FEEDBACK = "feedback", "Feedback loops"
        PLANS = "plans", "Project and enquiry plans"
        REFLECTIVE_LOG = "reflective_log", "Reflective log reminders"
        MEETINGS = "meetings", "Meetings and notes"
        REPORTS = "reports", "Evidence and reports"

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
    # The email's lease (networks/outbox.py): a sender claims the row with a conditional
    # UPDATE setting these, so two workers never both send; after a failed attempt
    # email_claim_expires_at is when to try again.
    email_claimed_at = models.DateTimeField(null=True, blank=True)
    email_claim_expires_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    # Set only once the mail server has accepted the email.
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set instead of emailed_at when the recipient had email off for the category (or
    # the email was refused for good): no job looks at the row again.
    email_skipped_at = models.DateTimeField(null=True, blank=True)
    # The daily digest it went (or is going) in, rather than on its own.
    digest = models.ForeignKey(
        "EmailDigest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notifications",
    )

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="one_notification_per_recipient_and_event"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            # The sweep and /readyz/ read the rows awaiting email, oldest first.
            models.Index(
                fields=["created_at"], condition=AWAITING_EMAIL, name="notification_awaiting_email"
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class NotificationPreferenceQuerySet(models.QuerySet):
    def deliveries_for(self, user) -> dict[str, str]:
        """Every category mapped to the person's choice, the default where they made none."""
        chosen = dict(self.filter(user=user).values_list("category", "delivery"))
        return {
            category: chosen.get(category, NotificationPreference.Delivery.IMMEDIATELY)
            for category in Notification.Category.values
        }


class NotificationPreference(models.Model):
    """How one person wants email about one category. No row means immediately.

    In-app notifications are made whatever this says: it governs email only.
    """

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", "Immediately"
        DAILY = "daily", "Daily digest"
        OFF = "off", "Off"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    category = models.CharField(max_length=20, choices=Notification.Category.choices)
    delivery = models.CharField(
        max_length=20, choices=Delivery.choices, default=Delivery.IMMEDIATELY
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = NotificationPreferenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "category"], name="one_notification_preference_per_category"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_category_display()} {self.get_delivery_display()}"


class EmailDigestQuerySet(models.QuerySet):
    def pending(self) -> EmailDigestQuerySet:
        return self.filter(sent_at__isnull=True, failed_at__isnull=True)

    def due(self) -> EmailDigestQuerySet:
        """Pending and free to claim now: what the sweep sends."""
        return self.pending().filter(PLAIN.available(timezone.now()))


class EmailDigest(models.Model):
    """One daily-digest email: an outbox row, and the record of what went to whom.

    The daily task creates it and attaches the waiting notifications (setting their
    `digest` in one conditional UPDATE, so of two runs at once each row goes to one
    digest); then it is sent like any outbox row (networks/outbox.py): claimed with a
    lease, marked sent (with its notifications' emailed_at) only after the send, and
    retried by the sweep if its sender died or the mail server failed.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_digests"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)

    objects = EmailDigestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Digest for {self.recipient} at {self.created_at:%Y-%m-%d %H:%M}"
