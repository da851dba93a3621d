"""Background work for people and accounts: sending email, tidying old invitations."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta

from celery import shared_task
from django.core.mail import send_mail
from django.utils import timezone

from .models import Invitation
from .text import single_line

logger = logging.getLogger(__name__)


class TransientSMTPError(Exception):
    """The mail server said 'try again later' (a 4xx reply)."""


# Only errors that a later attempt can cure are retried. A 5xx reply (a refused
# address, a rejected message) would fail the same way every time.
TRANSIENT_EMAIL_ERRORS = (
    TransientSMTPError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    ConnectionError,
    TimeoutError,
)

# Tidied invitations are kept this long after they expire, so a person who clicks a
# stale link is told it has expired rather than that it never existed.
KEEP_EXPIRED_INVITATIONS = timedelta(days=30)


# acks_late + reject_on_worker_lost: a worker that dies mid-send leaves the
# message on the queue, so the email goes out later. The price is that a crash just
# after the server accepted it sends it twice; a duplicate beats a lost reset link.
@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,  # the task attribute behind task_reject_on_worker_lost
    autoretry_for=TRANSIENT_EMAIL_ERRORS,
    retry_backoff=30,
    retry_backoff_max=60 * 30,
    retry_jitter=True,
    max_retries=8,
)
def send_email(subject: str, body: str, to: list[str]) -> None:
    """Send one plain-text email from DEFAULT_FROM_EMAIL."""
    # Callers make subjects single-line already; this also saves messages queued
    # before they did, which would fail on every retry with BadHeaderError.
    subject = single_line(subject)
    try:
        send_mail(subject, body, from_email=None, recipient_list=list(to), fail_silently=False)
    except smtplib.SMTPResponseException as exc:
        if 400 <= exc.smtp_code < 500:
            raise TransientSMTPError(f"{exc.smtp_code} {exc.smtp_error!r}") from exc
        raise


@shared_task
def expire_invitations() -> int:
    """Delete unused invitations that expired more than 30 days ago.

    Accepted invitations stay: they record who invited whom to what.
    """
    cutoff = timezone.now() - KEEP_EXPIRED_INVITATIONS
    deleted, _ = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=cutoff).delete()
    if deleted:
        logger.info("Deleted %d expired invitations", deleted)
    return deleted
