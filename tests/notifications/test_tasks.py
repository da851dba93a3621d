import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

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


def test_it_skips_ids_that_are_gone_or_already_claimed(person, mailoutbox):
    claimed = notification_for(person, key="a")
    Notification.objects.filter(pk=claimed.pk).update(emailed_at=timezone.now())
    assert send_notification_emails([claimed.pk, 999999]) == 0
    assert mailoutbox == []


def test_it_does_not_email_inactive_people(person, mailoutbox):
    notification = notification_for(person)
    person.is_active = False
    person.save()
    assert send_notification_emails([notification.pk]) == 0
    assert mailoutbox == []


def test_it_releases_the_claim_when_the_mail_server_fails(person, mailoutbox, monkeypatch):
    notification = notification_for(person)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("gone")

    monkeypatch.setattr("notifications.tasks.send_mail", refuse)
    assert send_notification_emails([notification.pk]) == 0
    notification.refresh_from_db()
    assert notification.emailed_at is None  # the catch-up tries again
    monkeypatch.undo()
    assert send_notification_emails([notification.pk]) == 1
    assert len(mailoutbox) == 1


def test_it_catches_up_on_emails_the_on_commit_send_missed(person, mailoutbox):
    old = notification_for(person, key="old")
    recent = notification_for(person, key="recent")
    sent = notification_for(person, key="sent")
    Notification.objects.filter(pk__in=[old.pk, sent.pk]).update(
        created_at=timezone.now() - timedelta(minutes=5)
    )
    Notification.objects.filter(pk=sent.pk).update(emailed_at=timezone.now())
    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert [m.subject for m in mailoutbox] == [old.subject]
    recent.refresh_from_db()
    assert recent.emailed_at is None  # left to its own on-commit task


def test_it_runs_the_catch_up_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-pending-notification-emails"]
    assert entry["task"] == send_pending_emails.name


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
    monkeypatch.setattr("notifications.tasks.CATCH_UP_BATCH", 2)
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
