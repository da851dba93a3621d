"""Email for notifications. Each email is claimed before it is sent, so a task that
runs twice (a retry, a redelivery after a lost worker, the catch-up tick overlapping
the on-commit send, two digest runs at once) sends nothing twice.

Each person chooses per category (NotificationPreference): immediately (the on-commit
send and the catch-up), daily digest (send_daily_digests), or off (marked skipped, so
no job looks at the row again). The choice is read when the email would go out, not
when the notification was made."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from itertools import groupby

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .models import EmailDigest, Notification, NotificationPreference

log = logging.getLogger(__name__)

Delivery = NotificationPreference.Delivery

# The catch-up leaves recent rows to their on-commit task, and takes a bounded
# batch per tick so one tick never runs for long.
CATCH_UP_AFTER = timedelta(minutes=1)
CATCH_UP_BATCH = 200
# A digest lists this many notifications in full and counts the rest: a person back
# from a long absence gets a readable email, and the list page has everything.
DIGEST_LISTED = 50


@shared_task(acks_late=True, task_reject_on_worker_lost=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email each notification its recipient wants immediately. Returns how many were sent.

    Those in a daily-digest category are left unclaimed for send_daily_digests; those
    in a category with email off are marked skipped.
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
        # Conditional, like the claim: a row another run has just emailed stays emailed.
        Notification.objects.filter(pk__in=off).awaiting_email().update(
            email_skipped_at=timezone.now()
        )
    sent = 0
    for pk in notification_ids:
        if deliveries.get(pk) != Delivery.IMMEDIATELY:
            continue
        # The claim: only the one run whose UPDATE changes the row sends the email.
        # The trade-off is at-most-once: a worker killed between the claim and the
        # send loses that one email, which we prefer to sending it twice.
        claimed = (
            Notification.objects.filter(pk=pk).awaiting_email().update(emailed_at=timezone.now())
        )
        if not claimed:
            continue
        notification = Notification.objects.select_related("recipient").get(pk=pk)
        recipient = notification.recipient
        if not recipient.is_active or not recipient.email:
            continue
        try:
            send_mail(
                subject=notification.subject,
                message=_email_body(notification),
                from_email=None,
                recipient_list=[recipient.email],
            )
        except (smtplib.SMTPException, OSError):
            # A transient failure: release the claim so the catch-up tick tries again.
            Notification.objects.filter(pk=pk).update(emailed_at=None)
            log.warning("Could not email notification %s; will retry", pk, exc_info=True)
            continue
        sent += 1
    return sent


@shared_task
def send_pending_emails() -> int:
    """Catch-up tick (beat schedule in settings): email what the on-commit send missed.

    Daily-digest rows are left out in the query itself, so a backlog waiting for the
    morning digest never fills the batch; rows with email off are in it, and the send
    marks them skipped, so they leave the backlog after one tick.
    """
    ids = list(
        Notification.objects.awaiting_email()
        .filter(created_at__lt=timezone.now() - CATCH_UP_AFTER)
        .with_delivery()
        .exclude(delivery=Delivery.DAILY)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:CATCH_UP_BATCH]
    )
    return send_notification_emails(ids) if ids else 0


@shared_task
def send_daily_digests() -> int:
    """Daily tick (beat schedule in settings): one email per person listing what is
    waiting in their daily-digest categories. Returns how many digests were sent.

    Queries: one to find what is waiting, then per person one INSERT (the digest),
    one conditional UPDATE (the claim) and one SELECT (what this run claimed).
    """
    waiting = (
        Notification.objects.awaiting_email()
        .filter(recipient__is_active=True)
        .exclude(recipient__email="")
        .with_delivery()
        .filter(delivery=Delivery.DAILY)
        .order_by("recipient_id", "created_at", "pk")
        .values_list("recipient_id", "pk")
    )
    sent = 0
    # Read in full before writing: iterating a cursor over the table we are updating
    # is unsafe on SQLite. Two integers a row keeps even a big backlog small.
    for recipient_id, rows in groupby(list(waiting), key=lambda row: row[0]):
        if _send_digest(recipient_id, [pk for _, pk in rows]):
            sent += 1
    return sent


def _send_digest(recipient_id: int, notification_ids: list[int]) -> bool:
    digest = EmailDigest.objects.create(recipient_id=recipient_id)
    # The claim: of two runs at once, each row goes to whichever UPDATE reaches it
    # first. Setting `digest` too tells this run which rows are its own.
    claimed = (
        Notification.objects.filter(pk__in=notification_ids)
        .awaiting_email()
        .update(emailed_at=timezone.now(), digest=digest)
    )
    if not claimed:
        digest.delete()  # another run took them all: nothing to record
        return False
    notifications = list(
        digest.notifications.select_related("recipient").order_by("created_at", "pk")
    )
    recipient = notifications[0].recipient
    count = len(notifications)
    try:
        send_mail(
            subject=f"Enquiry Networks: {count} update{'s' if count != 1 else ''}",
            message=_digest_body(recipient, notifications),
            from_email=None,
            recipient_list=[recipient.email],
        )
    except (smtplib.SMTPException, OSError):
        # Transient: release the claim, so tomorrow's digest (or a re-run) has them.
        Notification.objects.filter(digest=digest).update(emailed_at=None, digest=None)
        digest.delete()
        log.warning("Could not send digest to user %s; will retry", recipient_id, exc_info=True)
        return False
    return True


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
