"""Background work for people and accounts: the outbox of account emails (invitations,
password resets), and tidying old invitations and sent emails.

Tasks take ids only. The outbox row, not the Celery message, is the source of
truth (networks/outbox.py), so the options below are chosen for that:

* acks_late=False: the message is acknowledged as the task starts. If the worker
  dies, the message is gone but the row is still claimed; the sweep sends it when
  the lease runs out. Redelivering the message would find the row claimed anyway.
  (reject_on_worker_lost only has a meaning with acks_late; it is off.)
* No Celery retries: a failed send pushes the row's lease out by a back-off and the
  sweep tries again, so a retry never sits in the broker as a countdown message.
* Time limits: each sending task's hard limit is below EMAIL_CLAIM_LEASE, so a live
  sender never loses its claim; the longest hard limit sets the broker's
  visibility_timeout (settings).

Every task's options are asserted in tests/test_task_options.py.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import emails, outbox
from .models import Invitation, OutboxEmail

logger = logging.getLogger(__name__)

# Tidied invitations are kept this long after they expire, so a person who clicks a
# stale link is told it has expired rather than that it never existed.
KEEP_EXPIRED_INVITATIONS = timedelta(days=30)
# Sent (or given-up) account emails are kept this long, as a record of what went.
KEEP_SENT_EMAILS = timedelta(days=90)


@shared_task(acks_late=False, max_retries=0, soft_time_limit=60, time_limit=90)
def send_outbox_email(email_id: int) -> bool:
    """Send one account email now (queued when its row commits). Returns whether it went."""
    return emails.send_outbox_email(email_id) is outbox.Outcome.SENT


@shared_task(acks_late=False, max_retries=0, soft_time_limit=100, time_limit=120)
def send_due_outbox_emails() -> int:
    """The sweep (every minute, beat schedule in settings): send every account email
    still due, whether its on-commit send was never queued (broker down), its worker
    died (lease run out) or the mail server asked us to wait. Returns how many went."""
    return emails.send_due_outbox_emails()


@shared_task(acks_late=False, max_retries=0, soft_time_limit=200, time_limit=240)
def expire_invitations() -> int:
    """Delete unused invitations that expired more than 30 days ago (with their
    emails), and sent or given-up emails older than 90 days.

    Accepted invitations stay: they record who invited whom to what.
    """
    now = timezone.now()
    _, by_model = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=now - KEEP_EXPIRED_INVITATIONS
    ).delete()
    deleted = by_model.get(Invitation._meta.label, 0)
    if deleted:
        logger.info("Deleted %d expired invitations", deleted)
    OutboxEmail.objects.exclude(sent_at__isnull=True, failed_at__isnull=True).filter(
        created_at__lt=now - KEEP_SENT_EMAILS
    ).delete()
    return deleted
