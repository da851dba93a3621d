"""Creating notifications, and each person's email preferences for them. Email follows
after commit (notifications/tasks.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import QuerySet

from networks.audit import audit
from networks.outbox import enqueue_on_commit

from .models import Notification, NotificationPreference
from .tasks import send_notification_emails


def notify(
    *,
    recipients: Iterable,
    category: str,
    event_key: str,
    subject: str,
    body: str = "",
    url: str = "",
    actor=None,
) -> list[int]:
    """Tell each recipient (except the actor) about one event, exactly once.

    Call inside the transaction that records the event: the rows commit or roll back
    with it. The unique (recipient, event_key) constraint plus ignore_conflicts make
    a repeated call a no-op. Each row is its email's outbox entry: the send is
    queued once the transaction commits (so a worker never looks for rows that are
    not there yet), and if the broker is down the sweep sends it instead.
    Returns the ids of the notifications still waiting for their email.
    """
    if isinstance(recipients, QuerySet):
        recipients = recipients.values_list("pk", flat=True)
    recipient_ids = {getattr(person, "pk", person) for person in recipients}
    if actor is not None:
        recipient_ids.discard(actor.pk)
    if not recipient_ids:
        return []
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=recipient_id,
                category=category,
                event_key=event_key,
                subject=subject,
                body=body,
                url=url,
            )
            for recipient_id in sorted(recipient_ids)
        ],
        ignore_conflicts=True,
    )
    # bulk_create with ignore_conflicts sets no primary keys, so read them back.
    ids = list(
        Notification.objects.filter(event_key=event_key, recipient_id__in=recipient_ids)
        .awaiting_email()
        .values_list("pk", flat=True)
    )
    if ids:
        enqueue_on_commit(send_notification_emails, ids)
    return ids


@transaction.atomic
def notification_preferences_update(*, user, deliveries: dict[str, str]) -> None:
    """Record how `user` wants email for each category in `deliveries`.

    One upsert: a row per category, created or changed in place, so two saves at once
    end with one row each (the unique (user, category) constraint) and the last wins.
    The choice applies to email not yet sent, whenever the notification was made.
    """
    for category, delivery in deliveries.items():
        if category not in Notification.Category.values:
            raise ValueError(f"Unknown notification category: {category!r}")
        if delivery not in NotificationPreference.Delivery.values:
            raise ValueError(f"Unknown email delivery: {delivery!r}")
    NotificationPreference.objects.bulk_create(
        [
            NotificationPreference(user=user, category=category, delivery=delivery)
            for category, delivery in deliveries.items()
        ],
        update_conflicts=True,
        unique_fields=["user", "category"],
        update_fields=["delivery", "updated_at"],
    )
    # A person's own settings: in the staff trail only (no LA's).
    audit(user, "notifications.preferences.changed", user, dict(deliveries))
