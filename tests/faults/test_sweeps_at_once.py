"""The same sweep runs twice at once (two beat ticks overlapping, or two workers each
taking one): every email still goes once. Two threads, each with its own database
connection, send through a real (slow) mail server over SMTP. The emails are made
by the services with a broker no worker listens to, so all are left to the sweeps."""

import threading
from collections import Counter

import pytest
from django.db import connection

from networks import services
from networks.models import OutboxEmail, Role
from networks.tasks import send_due_outbox_emails
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import send_pending_emails
from tests.factories import UserFactory

from .helpers import SMTPStub

pytestmark = pytest.mark.django_db(transaction=True)


def both_at_once(sweep) -> list[int]:
    """Run `sweep` in two threads released together; returns what each sent."""
    start = threading.Barrier(2)
    sent: list[int] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            sent.append(sweep())
        except BaseException as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()  # this thread's own connection

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return sent


@pytest.fixture
def mail_server(settings):
    with SMTPStub(delay=0.02) as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = "127.0.0.1"
        settings.EMAIL_PORT = server.port
        settings.EMAIL_USE_TLS = False
        yield server


def recipients(server) -> Counter:
    return Counter(
        line.split(":", 1)[1].strip()
        for message in server.accepted
        for line in message.decode().splitlines()
        if line.startswith("To:")
    )


def test_two_account_email_sweeps_at_once_send_each_email_once(coleader, la, broker, mail_server):
    for n in range(12):
        services.invitation_create(
            inviter=coleader, email=f"p{n}@example.org", name="P", role=Role.LA_OFFICER, la=la
        )

    sent = both_at_once(send_due_outbox_emails)

    assert sum(sent) == 12 and min(sent) > 0  # both really ran, side by side
    assert recipients(mail_server) == Counter({f"p{n}@example.org": 1 for n in range(12)})
    assert not OutboxEmail.objects.pending().exists()


def test_two_notification_sweeps_at_once_send_each_email_once(db, broker, mail_server):
    people = [UserFactory(email=f"p{n}@example.org") for n in range(12)]
    notify(recipients=people, category="review", event_key="event:1", subject="Please review")

    sent = both_at_once(send_pending_emails)

    assert sum(sent) == 12 and min(sent) > 0
    assert recipients(mail_server) == Counter({person.email: 1 for person in people})
    assert not Notification.objects.awaiting_email().exists()
