from datetime import timedelta

import pytest
from django.utils import timezone

from notifications import tasks
from notifications.models import EmailDigest, Notification
from notifications.services import notification_preferences_update
from notifications.tasks import send_daily_digests, send_pending_emails
from tests.factories import UserFactory
from tests.notifications.factories import notification_for


@pytest.fixture
def person(db):
    """Wants reviews and comments in a daily digest, alignment at once, account off."""
    user = UserFactory(email="head@example.org", name="Ada Head")
    notification_preferences_update(
        user=user,
        deliveries={"review": "daily", "comment": "daily", "account": "off"},
    )
    return user


def waiting(user, n, *, category="review", prefix="k"):
    return [
        notification_for(
            user,
            key=f"{prefix}{i}",
            category=category,
            subject=f"Please review: question {prefix}{i}",
            url=f"/enquiries/{i}/",
        )
        for i in range(n)
    ]


def test_it_sends_one_email_listing_everything_waiting(person, mailoutbox, settings):
    settings.SITE_URL = "https://enquiry.example.org"
    reviews = waiting(person, 3)
    comment = notification_for(person, key="c", category="comment", subject="New comment")
    now = notification_for(person, key="a", category="alignment", subject="Aligned")
    off = notification_for(person, key="x", category="account", subject="Role ended")
    assert send_daily_digests() == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["head@example.org"]
    assert email.subject == "Enquiry Networks: 4 updates"
    assert "Hello Ada," in email.body
    for notification in [*reviews, comment]:
        assert notification.subject in email.body
    assert "https://enquiry.example.org/enquiries/2/" in email.body
    assert "(Comments)" in email.body
    assert "https://enquiry.example.org/notifications/settings/" in email.body
    # Not theirs to send: the immediate one has its own email, the off one none.
    assert "Aligned" not in email.body and "Role ended" not in email.body
    digest = EmailDigest.objects.get()
    assert digest.recipient == person
    assert sorted(digest.notifications.values_list("pk", flat=True)) == sorted(
        n.pk for n in [*reviews, comment]
    )
    assert not digest.notifications.filter(emailed_at__isnull=True).exists()
    for notification in (now, off):
        notification.refresh_from_db()
        assert notification.emailed_at is None and notification.digest is None


def test_it_says_update_for_one(person, mailoutbox):
    waiting(person, 1)
    send_daily_digests()
    assert mailoutbox[0].subject == "Enquiry Networks: 1 update"


def test_it_sends_each_notification_once_however_often_it_runs(person, mailoutbox):
    waiting(person, 2)
    assert send_daily_digests() == 1
    assert send_daily_digests() == 0
    assert len(mailoutbox) == 1
    assert EmailDigest.objects.count() == 1
    # Something new by the next run goes in the next digest, alone.
    waiting(person, 1, prefix="new")
    assert send_daily_digests() == 1
    assert mailoutbox[1].subject == "Enquiry Networks: 1 update"
    assert "question new0" in mailoutbox[1].body and "question k0" not in mailoutbox[1].body


def test_it_sends_nothing_twice_when_two_runs_overlap(person, mailoutbox, monkeypatch):
    """Both runs have read what is waiting before either makes a digest: the other run
    goes first, and this one's conditional UPDATE then finds nothing left."""
    waiting(person, 3)
    real_make_digest = tasks._make_digest
    other_run: list[int] = []

    def other_run_first(recipient_id, notification_ids):
        if not other_run:
            monkeypatch.setattr(tasks, "_make_digest", real_make_digest)
            other_run.append(send_daily_digests())  # the other worker, start to finish
        return real_make_digest(recipient_id, notification_ids)

    monkeypatch.setattr(tasks, "_make_digest", other_run_first)
    assert send_daily_digests() == 0
    assert other_run == [1]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Enquiry Networks: 3 updates"
    assert EmailDigest.objects.count() == 1  # the empty-handed run keeps no record


def test_it_lists_only_what_this_run_claimed(person, mailoutbox):
    first = waiting(person, 2)
    assert send_daily_digests() == 1
    later = waiting(person, 1, prefix="later")
    # A stale list from a slow run still names the rows the first digest took.
    digest_id = tasks._make_digest(person.pk, [n.pk for n in [*first, *later]])
    assert tasks._send_digest(digest_id) is tasks.Outcome.SENT
    assert mailoutbox[1].subject == "Enquiry Networks: 1 update"
    assert "question later0" in mailoutbox[1].body
    assert "question k0" not in mailoutbox[1].body


def test_it_sends_one_digest_per_person(person, mailoutbox):
    other = UserFactory(email="other@example.org", name="Bo Other")
    notification_preferences_update(user=other, deliveries={"review": "daily"})
    immediate = UserFactory(email="immediate@example.org")
    waiting(person, 2)
    waiting(other, 3)
    waiting(immediate, 2)
    assert send_daily_digests() == 2
    assert sorted((m.to[0], m.subject) for m in mailoutbox) == [
        ("head@example.org", "Enquiry Networks: 2 updates"),
        ("other@example.org", "Enquiry Networks: 3 updates"),
    ]
    assert not immediate.notifications.filter(emailed_at__isnull=False).exists()


def test_it_leaves_out_people_who_cannot_be_emailed(person, mailoutbox):
    waiting(person, 2)
    person.is_active = False
    person.save()
    assert send_daily_digests() == 0
    assert mailoutbox == []
    assert not EmailDigest.objects.exists()


def test_it_counts_what_it_does_not_list(person, mailoutbox, monkeypatch):
    monkeypatch.setattr(tasks, "DIGEST_LISTED", 2)
    waiting(person, 5)
    send_daily_digests()
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Enquiry Networks: 5 updates"
    assert "question k1" in body and "question k2" not in body
    assert "…and 3 more." in body
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 5


def test_it_keeps_a_digest_the_mail_server_failed_for_the_sweep(person, mailoutbox, settings):
    waiting(person, 2)
    settings.EMAIL_BACKEND = "tests.mail_backends.ServerDown"

    assert send_daily_digests() == 0

    digest = EmailDigest.objects.get()
    assert (digest.sent_at, digest.attempts) == (None, 1)
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A run tomorrow makes no second digest of the same rows; the sweep waits for
    # the back-off, then sends the digest once.
    assert send_daily_digests() == 0
    assert send_pending_emails() == 0
    EmailDigest.objects.update(claim_expires_at=timezone.now())
    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert [m.subject for m in mailoutbox] == ["Enquiry Networks: 2 updates"]
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 2


def test_it_sends_a_digest_whose_sender_died_once_the_lease_runs_out(person, mailoutbox):
    waiting(person, 2)
    digest_id = tasks._make_digest(
        person.pk, list(Notification.objects.values_list("pk", flat=True))
    )
    # Claimed by a worker that was killed before the send.
    EmailDigest.objects.update(
        claimed_at=timezone.now(), claim_expires_at=timezone.now() + timedelta(minutes=5)
    )
    assert send_pending_emails() == 0

    EmailDigest.objects.update(claim_expires_at=timezone.now() - timedelta(seconds=1))

    assert send_pending_emails() == 1
    assert send_pending_emails() == 0
    assert len(mailoutbox) == 1
    assert EmailDigest.objects.get(pk=digest_id).sent_at is not None


@pytest.mark.parametrize("rows", [1, 10])
def test_it_runs_in_queries_per_person_not_per_notification(
    person, mailoutbox, rows, django_assert_num_queries
):
    other = UserFactory(email="other@example.org")
    notification_preferences_update(user=other, deliveries={"comment": "daily"})
    waiting(person, rows)
    waiting(other, rows, category="comment")
    # What is waiting. Per person, making the digest: the INSERT and the UPDATE
    # attaching the rows, in a transaction (a savepoint and its release, here inside
    # the test's). The digests due. Per digest, sending: the claim UPDATE, the digest
    # with its recipient, its notifications, then in a transaction the UPDATE marking
    # it sent and the one marking its notifications emailed.
    with django_assert_num_queries(1 + 2 * 4 + 1 + 2 * 7):
        assert send_daily_digests() == 2


def test_it_runs_the_digest_each_morning_from_the_beat_schedule(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["send-daily-notification-digests"]
    assert entry["task"] == send_daily_digests.name
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {0}
