"""Reads about email delivery that pages share (for now, /readyz/)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min

from networks.models import OutboxEmail

from .models import EmailDigest, Notification, NotificationPreference


def oldest_pending_email_at() -> datetime | None:
    """When the longest-waiting email that should have gone by now was made: account
    emails, notification emails wanted immediately, and digests already made.

    Notifications waiting for the morning digest are not late, so they are left out.
    Three aggregate queries, each on a partial index of the pending rows.
    """
    candidates = [
        OutboxEmail.objects.pending().aggregate(oldest=Min("created_at"))["oldest"],
        Notification.objects.awaiting_email()
        .with_delivery()
        .exclude(delivery=NotificationPreference.Delivery.DAILY)
        .aggregate(oldest=Min("created_at"))["oldest"],
        EmailDigest.objects.pending().aggregate(oldest=Min("created_at"))["oldest"],
    ]
    return min((when for when in candidates if when is not None), default=None)
