"""Email for notifications. Each email is claimed before it is sent, so a task that
runs twice (a retry, a redelivery after a lost worker, the catch-up tick overlapping
the on-commit send) sends nothing twice."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)

# The catch-up leaves recent rows to their on-commit task, and takes a bounded
# batch per tick so one tick never runs for long.
CATCH_UP_AFTER = timedelta(minutes=1)
CATCH_UP_BATCH = 200


@shared_task(acks_late=True, task_reject_on_worker_lost=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email each notification not yet emailed. Returns how many were sent."""
    sent = 0
    for pk in notification_ids:
        # The claim: only the one run whose UPDATE changes the row sends the email.
        # The trade-off is at-most-once: a worker killed between the claim and the
        # send loses that one email, which we prefer to sending it twice.
        claimed = Notification.objects.filter(pk=pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
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
    """Catch-up tick (beat schedule in settings): email what the on-commit send missed."""
    ids = list(
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__lt=timezone.now() - CATCH_UP_AFTER
        )
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:CATCH_UP_BATCH]
    )
    return send_notification_emails(ids) if ids else 0


def _email_body(notification: Notification) -> str:
    parts = [f"Hello {notification.recipient.get_short_name()},", notification.body]
    if notification.url:
        site = getattr(settings, "SITE_URL", "").rstrip("/")
        parts.append(f"See it here: {site}{notification.url}")
    parts.append("You get this email because of your role in Enquiry Networks.")
    return "\n\n".join(part for part in parts if part)
