"""Sending the account emails in the outbox: invitations and password resets.

The secret in each (the invitation link, the password-reset link) is made here, as
the email is built: a fresh invitation token whose hash replaces the stored one, or
Django's password-reset token for the account as it is now. Claiming, the lease and
the duplicate window: networks/outbox.py.
"""

from __future__ import annotations

import logging
import math
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from . import outbox
from .models import Invitation, OutboxEmail, User
from .text import single_line

log = logging.getLogger(__name__)

# A sweep sends at most this many, and starts no new send after the time budget, so
# it ends about when the next one (every minute) starts, well inside its time limit.
SWEEP_BATCH = 200
SWEEP_BUDGET_SECONDS = 45.0


class Unsendable(Exception):
    """The email no longer makes sense (invitation used or expired, account closed)."""


def send_outbox_email(email_id: int) -> outbox.Outcome | None:
    """Claim, build, send and record one outbox email. Returns what happened, or None
    when the row is sent, given up, or claimed by another sender (left alone)."""
    claimed_at = outbox.claim(OutboxEmail.objects.filter(pk=email_id).pending())
    if claimed_at is None:
        return None
    email = OutboxEmail.objects.select_related(
        "user", "invitation__invited_by", *(f"invitation__{f}" for f in _SCOPES)
    ).get(pk=email_id)
    row = OutboxEmail.objects.filter(pk=email_id, sent_at__isnull=True)
    try:
        message = _build(email)
    except Unsendable as exc:
        row.update(failed_at=timezone.now(), last_error=str(exc))
        log.info("%s not sent: %s", email, exc)
        return outbox.Outcome.GIVE_UP
    with outbox.mail_connection() as connection:
        result = outbox.send(message, connection)
        outbox.record(
            row,
            result,
            claimed_at=claimed_at,
            attempts=email.attempts,
            label=str(email),
            sent={"sent_at": timezone.now(), "last_error": ""},
            failed={"failed_at": timezone.now(), "last_error": result.reason},
            retry={"last_error": result.reason},
        )
    return result.outcome


def send_due_outbox_emails() -> int:
    """The sweep: send what is due, oldest first. Returns how many went.

    Rows claimed by a live sender are not due; rows whose sender died are, once
    their lease has run out. A failure worth retrying ends the sweep: the mail
    server is probably down, and the rest would only pile up attempts.
    """
    ids = list(
        OutboxEmail.objects.due()
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    sent = 0
    deadline = time.monotonic() + SWEEP_BUDGET_SECONDS
    for pk in ids:
        if time.monotonic() > deadline:
            break
        outcome = send_outbox_email(pk)
        if outcome is outbox.Outcome.RETRY:
            break
        sent += outcome is outbox.Outcome.SENT
    return sent


# --- Building each kind --------------------------------------------------------------
_SCOPES = ("la", "cluster", "school")


def _build(email: OutboxEmail) -> EmailMessage:
    if email.kind == OutboxEmail.Kind.INVITATION:
        assert email.invitation is not None  # the check constraint says so
        return _invitation_message(email.invitation)
    assert email.user is not None
    return _password_reset_message(email.user)


def _invitation_message(invitation: Invitation) -> EmailMessage:
    if not invitation.is_usable:
        raise Unsendable("the invitation has been used or has expired")
    token = invitation.issue_token()
    context = {
        "invitation": invitation,
        "inviter": invitation.invited_by,
        "accept_url": settings.SITE_URL + reverse("invitation_accept", args=[token]),
        "valid_days": math.ceil((invitation.expires_at - timezone.now()) / timedelta(days=1)),
    }
    subject = render_to_string("emails/invitation_subject.txt", context)
    body = render_to_string("emails/invitation.txt", context)
    return EmailMessage(single_line(subject), body, to=[invitation.email])


def _password_reset_message(user: User) -> EmailMessage:
    if not user.is_active or not user.has_usable_password() or not user.email:
        raise Unsendable("the account is closed or has no password to reset")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = reverse(
        "password_reset_confirm",
        kwargs={"uidb64": uid, "token": default_token_generator.make_token(user)},
    )
    context = {"user": user, "email": user.email, "reset_url": settings.SITE_URL + link}
    subject = render_to_string("emails/password_reset_subject.txt", context)
    body = render_to_string("emails/password_reset.txt", context)
    return EmailMessage(single_line(subject), body, to=[user.email])
