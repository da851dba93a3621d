"""The email outbox's moving parts, shared by every kind of email the site sends.

Every email is first a row, written in the transaction that decides it: an
OutboxEmail (invitations, password resets), a Notification or an EmailDigest. The
row is the source of truth; a Celery message is only a nudge. Sending is tried when
the transaction commits (`enqueue_on_commit`) and a sweep every minute (the beat
schedule in settings) sends whatever is still due, so a broker outage delays mail
and never fails a request.

One send goes:

1. **claim** the row with a conditional UPDATE that sets a lease (`claimed_at`, and
   `claim_expires_at` = claimed_at + settings.EMAIL_CLAIM_LEASE) and counts the
   attempt. Only a row that is unsent and unleased (or whose lease has run out)
   matches, so of two senders at once exactly one wins, on any number of hosts.
2. **build** the message (a secret link is made here, at send time, never stored in
   the broker), and **send** it.
3. **record** the outcome: sent (`sent_at`, only now), retry later (the lease is
   pushed out by a back-off, so the sweep leaves the row alone until then), or give
   up (`failed_at`, with the reason).

A worker that dies anywhere in that sequence leaves the row claimed; once the lease
runs out the sweep claims it again. Nothing is lost.

**The duplicate window.** An email can go twice only if the sender dies (or loses
the database) after the mail server has accepted the message (its 250 reply to the
end of DATA) and before the UPDATE recording `sent_at` commits. That is one
database round trip, about a millisecond on a local network (a digest: one short
transaction of two UPDATEs): the UPDATE follows the server's reply at once, and
the SMTP QUIT waits until after it. It widens only if the database is unreachable
at that moment (the UPDATE fails, and the row is sent again once its lease runs
out); a duplicate needs the process to die, or the database to fail, inside it.
The lease itself is no part of the window: it is longer than any sending task's hard
time limit, so a live sender never loses its claim to the sweep. (Leases are stamped
with each host's clock: hosts must agree to within seconds, as NTP keeps them,
against a lease of minutes.)
"""

from __future__ import annotations

import enum
import logging
import smtplib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone

log = logging.getLogger(__name__)

# After this many failed attempts an email is given up (about five hours of back-off).
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)


def lease() -> timedelta:
    return settings.EMAIL_CLAIM_LEASE


def retry_delay(attempts: int) -> timedelta:
    """1, 2, 4 ... minutes after the attempt, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


@dataclass(frozen=True)
class LeaseFields:
    """Names of one model's lease columns (Notification prefixes its with email_)."""

    claimed_at: str = "claimed_at"
    expires_at: str = "claim_expires_at"
    attempts: str = "attempts"

    def available(self, now: datetime) -> Q:
        """Never claimed, or the last claim (or its back-off) has run out."""
        return Q(**{f"{self.expires_at}__isnull": True}) | Q(**{f"{self.expires_at}__lte": now})


PLAIN = LeaseFields()


def claim(queryset: models.QuerySet, *, fields: LeaseFields = PLAIN) -> datetime | None:
    """Claim the rows of `queryset` that are available (one row: filter by pk and by
    "not sent"). Returns the claim's time, which identifies this claim, or None when
    another sender holds it or it is done.

    Runs in autocommit (outside any transaction of ours) so the lease is visible to
    every other sender before the email goes.
    """
    now = timezone.now()
    claimed = queryset.filter(fields.available(now)).update(
        **{
            fields.claimed_at: now,
            fields.expires_at: now + lease(),
            fields.attempts: F(fields.attempts) + 1,
        }
    )
    return now if claimed else None


class Outcome(enum.Enum):
    SENT = "sent"
    RETRY = "retry"  # the server or the network may be fine later
    GIVE_UP = "give up"  # the same message would be refused again


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    reason: str = ""


@contextmanager
def mail_connection() -> Iterator:
    """A connection to the mail server, opened by send() and closed on leaving.

    Closing (SMTP's QUIT) comes after the caller has recorded the outcome, so the
    round trip it costs is outside the duplicate window.
    """
    connection = get_connection()
    try:
        yield connection
    finally:
        with suppress(Exception):  # the message went or it did not; QUIT changes nothing
            connection.close()


def send(message, connection) -> Result:
    """Send one EmailMessage over `connection` (from mail_connection) and say what
    happened.

    Only a refusal of this message or its recipient is final; anything else (the
    server down or busy, our own credentials wrong) is worth trying again later.
    """
    try:
        connection.open()
        connection.send_messages([message])
    except smtplib.SMTPRecipientsRefused as exc:
        return Result(Outcome.GIVE_UP, f"recipient refused: {_short(exc.recipients)}")
    except smtplib.SMTPDataError as exc:
        if exc.smtp_code >= 500:
            return Result(Outcome.GIVE_UP, f"message refused: {exc.smtp_code}")
        return Result(Outcome.RETRY, f"{exc.smtp_code} {_short(exc.smtp_error)}")
    except (smtplib.SMTPException, OSError) as exc:
        return Result(Outcome.RETRY, f"{type(exc).__name__}: {_short(exc)}")
    return Result(Outcome.SENT)


def record(
    queryset: models.QuerySet,
    result: Result,
    *,
    claimed_at: datetime,
    attempts: int,
    sent: dict,
    failed: dict,
    label: str,
    fields: LeaseFields = PLAIN,
    retry: dict | None = None,
) -> None:
    """Write the outcome of a send to its row (`queryset`: that one row, unsent).

    `sent` and `failed` are the column values that mark the row done either way;
    a retry pushes the lease out by the back-off (and writes `retry`, if given).
    `label` names the email in the log (never its content). A SENT row is marked sent even if
    our lease ran out meanwhile (another sender may be sending it too: the
    duplicate case, logged) so that no third sender picks it up.
    """
    if result.outcome is Outcome.SENT:
        ours = queryset.filter(**{fields.claimed_at: claimed_at}).update(**sent)
        if not ours and queryset.update(**sent):
            log.warning("%s was sent after our claim ran out; it may have gone twice", label)
        return
    if result.outcome is Outcome.RETRY and attempts < MAX_ATTEMPTS:
        delay = retry_delay(attempts)
        queryset.filter(**{fields.claimed_at: claimed_at}).update(
            **{fields.expires_at: timezone.now() + delay}, **(retry or {})
        )
        log.warning("%s not sent (%s); trying again in %s", label, result.reason, delay)
        return
    queryset.update(**failed)
    log.error("%s given up after %d attempt(s): %s", label, attempts, result.reason)


def enqueue_on_commit(task, *args) -> None:
    """Queue `task` with `args` once the current transaction commits, never failing.

    The row the task will look for is already written, so a message that cannot be
    published (broker down) costs only a delay: the sweep sends the row within a
    minute of the broker's return. The publish gives up quickly (the retry policy
    and socket timeouts in settings), so a request is never held for long.
    """

    def publish() -> None:
        try:
            task.apply_async(args=args)
        except Exception:  # any broker failure: the outbox row is the safety net
            log.warning(
                "Could not queue %s%r; the sweep will do it", task.name, args, exc_info=True
            )

    transaction.on_commit(publish)


def _short(value) -> str:
    return str(value)[:150]
