"""Email for notifications, through the outbox (networks/outbox.py): each Notification
and each EmailDigest is an outbox row, claimed with a lease before it is sent and
marked emailed only after the mail server took it. A task that runs twice (a
redelivery, the sweep overlapping the on-commit send, two digest runs at once) sends
nothing twice, and a worker killed mid-send loses nothing: the sweep sends the row
again once the lease runs out.

Each person chooses per category (NotificationPreference): immediately (the on-commit
send and the sweep), daily digest (send_daily_digests), or off (marked skipped, so no
job looks at the row again). The choice is read when the email would go out, not
when the notification was made.

Task options: see networks/tasks.py for why (acks_late off, no Celery retries, hard
time limits below the lease); tests/test_task_options.py asserts them.
"""

from __future__ import annotations

import logging
import time
from itertools import groupby

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from networks import outbox

from .models import NOTIFICATION_LEASE, EmailDigest, Notification, NotificationPreference

log = logging.getLogger(__name__)

Delivery = NotificationPreference.Delivery
Outcome = outbox.Outcome

# A sweep takes a bounded batch of each kind, and starts no new send after its time
# budget, so it ends about when the next one (every minute) starts.
SWEEP_BATCH = 200
SWEEP_BUDGET_SECONDS = 45.0
# A digest lists this many notifications in full and counts the rest: a person back
# from a long absence gets a readable email, and the list page has everything.
DIGEST_LISTED = 50


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email each notification its recipient wants immediately. Returns how many were sent.

    Those in a daily-digest category are left for send_daily_digests; those in a
    category with email off are marked skipped.
    """
    # One query for every id's state and its recipient's choice.
    deliveries = dict(
        Notification.objects.filter(pk__in=notification_ids)
        .awaiting_email()
        .with_delivery()
        .values_list("pk", "delivery")
    )
    off = [pk for pk, delivery in deliveries.items() if delivery == Delivery.OFF]
    if off:
        # Conditional, like the claim: a row another run is emailing stays its.
        Notification.objects.filter(pk__in=off).due().update(email_skipped_at=timezone.now())
    wanted = [pk for pk in notification_ids if deliveries.get(pk) == Delivery.IMMEDIATELY]
    return _send_each(_send_notification, wanted)


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def send_pending_emails() -> int:
    """The sweep (every minute, beat schedule in settings): send every notification
    email and digest still due, whether its on-commit send was never queued (broker
    down), its worker died (lease run out) or the mail server asked us to wait.
    Returns how many emails went.

    Daily-digest rows are left out in the query itself, so a backlog waiting for the
    morning digest never fills the batch; rows with email off are in it, and the send
    marks them skipped, so they leave the backlog after one sweep.
    """
    ids = list(
        Notification.objects.due()
        .with_delivery()
        .exclude(delivery=Delivery.DAILY)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = send_notification_emails(ids) if ids else 0
    return sent + send_due_digests()


@shared_task(acks_late=False, max_retries=0, soft_time_limit=200, time_limit=240)
def send_daily_digests() -> int:
    """Daily tick (beat schedule in settings): one email per person listing what is
    waiting in their daily-digest categories. Returns how many digests were sent.

    First every digest is made (a row each, holding its notifications), then they are
    sent; any not sent by the end of the time budget go with the next sweep.
    Queries: one to find what is waiting, then per person one INSERT (the digest) and
    one conditional UPDATE (attaching the notifications); then the sends.
    """
    waiting = (
        Notification.objects.due()
        .filter(recipient__is_active=True)
        .exclude(recipient__email="")
        .with_delivery()
        .filter(delivery=Delivery.DAILY)
        .order_by("recipient_id", "created_at", "pk")
        .values_list("recipient_id", "pk")
    )
    # Read in full before writing: iterating a cursor over the table we are updating
    # is unsafe on SQLite. Two integers a row keeps even a big backlog small.
    for recipient_id, rows in groupby(list(waiting), key=lambda row: row[0]):
        _make_digest(recipient_id, [pk for _, pk in rows])
    return send_due_digests()


def send_due_digests() -> int:
    ids = list(EmailDigest.objects.due().order_by("created_at", "pk").values_list("pk", flat=True))
    return _send_each(_send_digest, ids[:SWEEP_BATCH])


def _send_each(send, ids: list[int]) -> int:
    """Send each id in turn, until the time budget is spent or a send fails in a way
    worth retrying (the mail server is probably down: the rest would only pile up
    attempts). Returns how many went."""
    sent = 0
    deadline = time.monotonic() + SWEEP_BUDGET_SECONDS
    for pk in ids:
        if time.monotonic() > deadline:
            break
        outcome = send(pk)
        if outcome is Outcome.RETRY:
            break
        sent += outcome is Outcome.SENT
    return sent


def _send_notification(pk: int) -> Outcome | None:
    row = Notification.objects.filter(pk=pk).awaiting_email()
    claimed_at = outbox.claim(row, fields=NOTIFICATION_LEASE)
    if claimed_at is None:
        return None  # sent, skipped, in a digest, or another sender holds it
    notification = Notification.objects.select_related("recipient").get(pk=pk)
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        row.update(email_skipped_at=timezone.now())
        return None
    message = EmailMessage(notification.subject, _email_body(notification), to=[recipient.email])
    with outbox.mail_connection() as connection:
        result = outbox.send(message, connection)
        outbox.record(
            row,
            result,
            claimed_at=claimed_at,
            attempts=notification.email_attempts,
            label=f"Notification email {pk}",
            sent={"emailed_at": timezone.now()},
            failed={"email_skipped_at": timezone.now()},
            fields=NOTIFICATION_LEASE,
        )
    return result.outcome


def _make_digest(recipient_id: int, notification_ids: list[int]) -> int | None:
    with transaction.atomic():
        digest = EmailDigest.objects.create(recipient_id=recipient_id)
        # The claim: of two runs at once, each row goes to whichever UPDATE reaches it
        # first; a row an immediate sender holds right now stays with it.
        attached = Notification.objects.filter(pk__in=notification_ids).due().update(digest=digest)
        if not attached:
            digest.delete()  # another run took them all: nothing to send
            return None
    return digest.pk


def _send_digest(digest_id: int) -> Outcome | None:
    row = EmailDigest.objects.filter(pk=digest_id).pending()
    claimed_at = outbox.claim(row)
    if claimed_at is None:
        return None
    digest = EmailDigest.objects.select_related("recipient").get(pk=digest_id)
    recipient = digest.recipient
    notifications = list(digest.notifications.order_by("created_at", "pk"))
    if not recipient.is_active or not recipient.email or not notifications:
        row.update(failed_at=timezone.now())
        return None
    count = len(notifications)
    message = EmailMessage(
        f"Enquiry Networks: {count} update{'s' if count != 1 else ''}",
        _digest_body(recipient, notifications),
        to=[recipient.email],
    )
    with outbox.mail_connection() as connection:
        result = outbox.send(message, connection)
        with transaction.atomic():
            now = timezone.now()
            outbox.record(
                row,
                result,
                claimed_at=claimed_at,
                attempts=digest.attempts,
                label=f"Digest {digest_id}",
                sent={"sent_at": now},
                failed={"failed_at": now},
            )
            if result.outcome is Outcome.SENT:
                digest.notifications.update(emailed_at=now)
    return result.outcome


def _site() -> str:
    return getattr(settings, "SITE_URL", "").rstrip("/")


def _footer() -> str:
    return (
        "You get this email because of your role in Enquiry Networks. "
        f"Choose which emails you get: {_site()}{reverse('notifications:settings')}"
    )


def _email_body(notification: Notification) -> str:
    parts = [f"Hello {notification.recipient.get_short_name()},", notification.body]
    if notification.url:
        parts.append(f"See it here: {_site()}{notification.url}")
    parts.append(_footer())
    return "\n\n".join(part for part in parts if part)


def _digest_body(recipient, notifications: list[Notification]) -> str:
    count = len(notifications)
    lines = [
        f"Hello {recipient.get_short_name()},",
        f"Here {'is' if count == 1 else 'are'} {count} update{'s' if count != 1 else ''} "
        "from Enquiry Networks since your last digest.",
    ]
    for notification in notifications[:DIGEST_LISTED]:
        item = f"- {notification.subject} ({notification.get_category_display()})"
        if notification.url:
            item += f"\n  {_site()}{notification.url}"
        lines.append(item)
    if count > DIGEST_LISTED:
        lines.append(f"…and {count - DIGEST_LISTED} more.")
    lines.append(f"See them all: {_site()}{reverse('notifications:list')}")
    lines.append(_footer())
    return "\n\n".join(lines)
