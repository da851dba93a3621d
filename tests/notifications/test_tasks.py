from datetime import timedelta

import pytest
from django.utils import timezone

from networks.outbox import MAX_ATTEMPTS
from notifications.models import Notification
from notifications.services import notification_preferences_update
from notifications.tasks import send_notification_emails, send_pending_emails
from tests.factories import UserFactory
from tests.notifications.factories import notification_for


@pytest.fixture
def person(db):
    return UserFactory(email="head@example.org", name="Ada Head")


def test_it_sends_each_email_once_however_often_it_runs(person, mailoutbox):
    notification = notification_for(person)
    assert send_notification_emails([notification.pk]) == 1
    assert send_notification_emails([notification.pk]) == 0
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["head@example.org"]
    assert email.subject == "Please review: the Harlow question"
    assert "Hello Ada," in email.body
    assert "/enquiries/1/" in email.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_it_skips_ids_that_are_gone_already_sent_or_held_by_another_sender(person, mailoutbox):
    sent = notification_for(person, key="a")
    held = notification_for(person, key="b")
    Notification.objects.filter(pk=sent.pk).update(emailed_at=timezone.now())
    # Another worker claimed it a moment ago and is sending it now.
    Notification.objects.filter(pk=held.pk).update(
        email_claimed_at=timezone.now(),
        email_claim_expires_at=timezone.now() + timedelta(minutes=5),
    )
    assert send_notification_emails([sent.pk, held.pk, 999999]) == 0
    assert send_pending_emails() == 0
    assert mailoutbox == []


def test_it_does_not_email_inactive_people(person, mailoutbox):
    notification = notification_for(person)
    person.is_active = False
    person.save()
    assert send_notification_emails([notification.pk]) == 0
    assert mailoutbox == []
    notification.refresh_from_db()
    assert notification.email_skipped_at is not None  # no job looks at it again


def test_it_marks_the_email_sent_only_after_the_send(person, mailoutbox, settings):
    """The bug this replaced: the row was marked emailed before the send, so a worker
    killed mid-send lost the email for good."""
    notification = notification_for(person)
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_notification_emails([notification.pk]) == 0

    notification.refresh_from_db()
    assert notification.emailed_at is None
    assert notification.email_attempts == 1
    # Backed off: the sweep leaves it alone for a minute, then tries again.
    assert notification.email_claim_expires_at == pytest.approx(
        timezone.now() + timedelta(minutes=1), abs=timedelta(seconds=10)
    )
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_pending_emails() == 0
    Notification.objects.update(email_claim_expires_at=timezone.now())
    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert len(mailoutbox) == 1


def test_it_sends_an_email_whose_sender_died_once_the_lease_runs_out(person, mailoutbox):
    notification = notification_for(person)
    # A worker claimed it and was killed before the send: the lease still runs.
    claimed = timezone.now() - timedelta(minutes=4)
    Notification.objects.filter(pk=notification.pk).update(
        email_claimed_at=claimed,
        email_claim_expires_at=claimed + timedelta(minutes=5),
        email_attempts=1,
    )
    assert send_notification_emails([notification.pk]) == 0
    assert send_pending_emails() == 0

    Notification.objects.update(email_claim_expires_at=timezone.now() - timedelta(seconds=1))

    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert len(mailoutbox) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.email_attempts == 2


def test_it_gives_up_at_once_on_an_address_the_server_refuses(person, mailoutbox, settings):
    notification = notification_for(person)
    settings.EMAIL_BACKEND = "tests.mail_backends.RecipientRefused"

    assert send_notification_emails([notification.pk]) == 0

    notification.refresh_from_db()
    assert notification.email_skipped_at is not None and notification.emailed_at is None
    Notification.objects.update(email_claim_expires_at=None)
    assert send_pending_emails() == 0


def test_it_gives_up_after_the_last_attempt(person, settings):
    notification = notification_for(person)
    Notification.objects.update(email_attempts=MAX_ATTEMPTS - 1)
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_notification_emails([notification.pk]) == 0

    notification.refresh_from_db()
    assert notification.email_attempts == MAX_ATTEMPTS
    assert notification.email_skipped_at is not None


def test_the_sweep_sends_what_the_on_commit_send_missed(person, mailoutbox):
    missed = notification_for(person, key="missed")
    sent = notification_for(person, key="sent")
    Notification.objects.filter(pk=sent.pk).update(emailed_at=timezone.now())
    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert [m.subject for m in mailoutbox] == [missed.subject]


def test_it_runs_the_sweep_every_minute_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-pending-notification-emails"]
    assert entry["task"] == send_pending_emails.name
    assert entry["schedule"] <= 60
    # A sweep held up longer than its cadence is dropped: the next does the same work.
    assert entry["options"]["expires"] < entry["schedule"]


# --- Email preferences: immediately, daily digest, off ---------------------------------


def test_it_emails_at_once_only_what_the_recipient_wants_immediately(person, mailoutbox):
    notification_preferences_update(user=person, deliveries={"review": "daily", "comment": "off"})
    now = notification_for(person, key="now", category="alignment", subject="Alignment")
    daily = notification_for(person, key="daily", category="review", subject="Review")
    off = notification_for(person, key="off", category="comment", subject="Comment")
    assert send_notification_emails([daily.pk, off.pk, now.pk]) == 1
    assert [m.subject for m in mailoutbox] == ["Alignment"]
    for notification in (now, daily, off):
        notification.refresh_from_db()
    assert now.emailed_at is not None and now.email_skipped_at is None
    # Left unclaimed for the morning digest.
    assert daily.emailed_at is None and daily.email_skipped_at is None
    # Marked, so no job looks at it again, whatever the person chooses later.
    assert off.emailed_at is None and off.email_skipped_at is not None
    notification_preferences_update(user=person, deliveries={"comment": "immediately"})
    assert send_notification_emails([off.pk]) == 0
    assert send_pending_emails_now() == 0
    assert len(mailoutbox) == 1


def test_it_follows_the_choice_made_after_the_notification(person, mailoutbox):
    """The choice is read when the email would go (the worker runs after commit)."""
    notification = notification_for(person)
    notification_preferences_update(user=person, deliveries={"review": "off"})
    assert send_notification_emails([notification.pk]) == 0
    notification.refresh_from_db()
    assert notification.email_skipped_at is not None
    assert mailoutbox == []


def test_it_never_skips_a_row_already_emailed(person, mailoutbox):
    notification = notification_for(person)
    assert send_notification_emails([notification.pk]) == 1
    emailed_at = Notification.objects.get(pk=notification.pk).emailed_at
    notification_preferences_update(user=person, deliveries={"review": "off"})
    assert send_notification_emails([notification.pk]) == 0
    notification.refresh_from_db()
    assert (notification.emailed_at, notification.email_skipped_at) == (emailed_at, None)


def test_it_reads_each_batch_in_a_bounded_number_of_queries(
    person, mailoutbox, django_assert_num_queries
):
    notification_preferences_update(user=person, deliveries={"review": "off"})
    ids = [notification_for(person, key=f"k{n}").pk for n in range(5)]
    # the rows with their recipients' choices; one UPDATE marking all five skipped
    with django_assert_num_queries(2):
        assert send_notification_emails(ids) == 0


def test_its_catch_up_sends_only_what_is_wanted_immediately(person, mailoutbox):
    other = UserFactory(email="other@example.org", name="Other")
    notification_preferences_update(user=person, deliveries={"review": "daily", "comment": "off"})
    rows = {
        "daily": notification_for(person, key="daily", category="review", subject="Daily"),
        "off": notification_for(person, key="off", category="comment", subject="Off"),
        "now": notification_for(person, key="now", category="account", subject="Now"),
        "other": notification_for(other, key="other", category="review", subject="Other's"),
    }
    # Old enough for the catch-up: their on-commit sends were lost.
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert send_pending_emails() == 2
    assert sorted(m.subject for m in mailoutbox) == ["Now", "Other's"]
    for row in rows.values():
        row.refresh_from_db()
    assert rows["daily"].emailed_at is None and rows["daily"].email_skipped_at is None
    assert rows["off"].email_skipped_at is not None
    assert send_pending_emails() == 0  # the daily row waits for the digest, off is done
    assert len(mailoutbox) == 2


def test_its_catch_up_batch_is_not_filled_by_rows_waiting_for_the_digest(
    person, mailoutbox, monkeypatch
):
    monkeypatch.setattr("notifications.tasks.SWEEP_BATCH", 2)
    notification_preferences_update(user=person, deliveries={"review": "daily"})
    for n in range(3):
        notification_for(person, key=f"daily{n}", category="review")
    notification_for(person, key="now", category="comment", subject="Wanted now")
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert send_pending_emails() == 1
    assert [m.subject for m in mailoutbox] == ["Wanted now"]


def test_its_emails_link_to_the_email_settings(person, mailoutbox):
    send_notification_emails([notification_for(person).pk])
    assert "/notifications/settings/" in mailoutbox[0].body


def send_pending_emails_now() -> int:
    """The catch-up, with every row old enough for it."""
    Notification.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    return send_pending_emails()
