"""The outbox for account emails: invitations and password resets.

Each row is the intent to send one email, written in the transaction that decides it.
It holds ids only: the message, and the secret link in it, are made when the email
is sent (networks/emails.py), so neither the database nor the broker ever holds a
working link. How rows are claimed and sent: networks/outbox.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..outbox import PLAIN

PENDING = Q(sent_at__isnull=True, failed_at__isnull=True)


class OutboxEmailQuerySet(models.QuerySet["OutboxEmail"]):
    def pending(self) -> OutboxEmailQuerySet:
        """Neither sent nor given up (it may be claimed right now, or waiting to retry)."""
        return self.filter(PENDING)

    def due(self) -> OutboxEmailQuerySet:
        """Pending and free to claim now: what the sweep sends."""
        return self.pending().filter(PLAIN.available(timezone.now()))


class OutboxEmail(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        PASSWORD_RESET = "password_reset", "Password reset"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    invitation = models.ForeignKey(
        "networks.Invitation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    # The account a password reset is for; the address is read from it at send time.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The lease (see networks/outbox.py): set by the conditional UPDATE that claims the
    # row; after a failed attempt claim_expires_at is when to try again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)

    objects = OutboxEmailQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="invitation", invitation__isnull=False, user__isnull=True)
                    | Q(kind="password_reset", user__isnull=False, invitation__isnull=True)
                ),
                name="outbox_email_names_its_subject",
            ),
            # One email waiting per invitation and per reset: asking again while one is
            # waiting adds nothing (it will carry a fresh link when it goes).
            models.UniqueConstraint(
                fields=["invitation"],
                condition=PENDING & Q(invitation__isnull=False),
                name="one_pending_email_per_invitation",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=PENDING & Q(kind="password_reset"),
                name="one_pending_password_reset_per_user",
            ),
        ]
        indexes = [
            # The sweep and /readyz/ read pending rows oldest first; sent ones pile up.
            models.Index(fields=["created_at"], condition=PENDING, name="outbox_email_pending"),
            models.Index(fields=["user", "kind", "created_at"], name="outbox_email_user_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} email {self.pk}"

    @property
    def status(self) -> str:
        if self.sent_at:
            return "sent"
        if self.failed_at:
            return "failed"
        return "pending"
