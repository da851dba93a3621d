"""Creating notifications. Email follows after commit (notifications/tasks.py)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from .models import Notification
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
    a repeated call a no-op, and the email task is queued only once the transaction
    commits, so a worker never looks for rows that are not there yet.
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
        Notification.objects.filter(
            event_key=event_key, recipient_id__in=recipient_ids, emailed_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if ids:
        send_notification_emails.delay_on_commit(ids)
    return ids
