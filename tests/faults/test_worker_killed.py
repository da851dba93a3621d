"""A worker is killed (SIGKILL) in the middle of sending an email, then restarted.

What a user would notice before the leases: the notification email was marked sent
before it was sent, so it never came. Now the email is held by a lease; once the
lease runs out (3 s here, EMAIL_CLAIM_LEASE_SECONDS) the restarted worker's sweep
sends it, once.

The worker is `celery -A config worker` in a subprocess, on the test database and a
Redis server of the test's own, sending through a mail server in the test that takes
the whole message and then stalls, so the kill lands mid-send.
"""

import re

import pytest

from networks import services
from networks.models import OutboxEmail, Role
from networks.tasks import send_due_outbox_emails
from notifications.models import Notification
from notifications.tasks import send_pending_emails
from tests.notifications.factories import notification_for

from .helpers import SMTPStub, WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

LEASE_SECONDS = 3


def notification_email(coleader, cluster):
    notification = notification_for(coleader)
    return lambda: Notification.objects.get(pk=notification.pk).emailed_at is not None


def invitation_email(coleader, cluster):
    invitation = services.invitation_create(
        inviter=coleader,
        email="hazel@example.org",
        name="Hazel",
        role=Role.CLUSTER_LEAD,
        cluster=cluster,
    )
    return lambda: OutboxEmail.objects.get(invitation=invitation).sent_at is not None


@pytest.mark.parametrize("make_email", [notification_email, invitation_email])
def test_an_email_whose_worker_was_killed_mid_send_goes_once_after_the_lease(
    client, redis_server, broker, tmp_path, coleader, cluster, mailoutbox, make_email
):
    with SMTPStub() as mail_server:
        mail_server.stall.set()
        worker = WorkerProcess(
            broker_url=redis_server.url,
            queue=broker,
            log=tmp_path / "worker.log",
            EMAIL_CLAIM_LEASE_SECONDS=str(LEASE_SECONDS),
            **mail_server.settings(),
        )
        worker.start()
        try:
            # The email's row commits, and its on-commit send goes to the worker.
            is_sent = make_email(coleader, cluster)
            assert mail_server.stalled.wait(timeout=30), worker.log.read_text()

            worker.kill()  # mid-send: the message is with the server, unanswered

            assert not is_sent()
            assert mail_server.accepted == []
            mail_server.stall.clear()
            mail_server.release.set()

            worker.start()  # restarted; the beat's sweeps reach it every tick
            assert wait_for(
                lambda: tick() or mail_server.accepted, timeout=LEASE_SECONDS + 30, interval=1.0
            ), worker.log.read_text()
            assert wait_for(is_sent)
        finally:
            worker.stop()

    assert len(mail_server.accepted) == 1
    # A sweep now finds nothing left to send (here, in the test process).
    assert send_pending_emails() == 0 and send_due_outbox_emails() == 0
    assert mailoutbox == []
    message = mail_server.accepted[0].decode()
    assert "coleader@example.org" in message or "hazel@example.org" in message
    if link := re.search(r"/accounts/invitations/[\w-]+/", message):
        assert client.get(link.group(0)).status_code == 200


def tick() -> None:
    """What beat does every minute: nudge both sweeps."""
    send_pending_emails.delay()
    send_due_outbox_emails.delay()
