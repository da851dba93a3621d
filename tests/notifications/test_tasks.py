import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from notifications.models import Notification
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
