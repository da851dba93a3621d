"""The broker goes down during requests, then comes back.

What a user would notice before the outbox: submitting an enquiry, sending an
invitation or asking for a password reset answered 500 (after the change was
saved), and the emails never came. Now each request answers as usual, quickly, and
once Redis is back the sweep (run by a real worker) delivers every email once.
"""

import json
import re
import time
from base64 import b64decode

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.urls import reverse

from config.celery import app
from networks.models import Invitation, OutboxEmail, Role
from networks.tasks import send_due_outbox_emails
from notifications.models import Notification
from notifications.tasks import send_pending_emails
from tests.enquiries.factories import build_world

from .helpers import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

INVITATION_LINK = re.compile(r"https?://[^/\s]+(/accounts/invitations/[\w-]+/)")
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/password-reset/\S+/)")
# A publish with the broker down is tried three times within half a second
# (settings.CELERY_TASK_PUBLISH_RETRY_POLICY); a request must not wait much longer.
QUICK = 3.0


def timed(request):
    started = time.monotonic()
    response = request()
    return response, time.monotonic() - started


def test_requests_succeed_with_the_broker_down_and_every_email_goes_once_it_is_back(
    client, redis_server, broker, mailoutbox
):
    world = build_world()
    redis_server.stop()

    # 1. A cluster lead submits their question: two people are to be emailed.
    client.force_login(world.person("lead_a"))
    response, took = timed(
        lambda: client.post(reverse("enquiries:enquiry_submit", args=[world.q_a.pk]))
    )
    assert response.status_code == 302 and took < QUICK
    # 2. A co-leader invites someone.
    client.force_login(world.person("co_x"))
    response, took = timed(
        lambda: client.post(
            reverse("invitation_create"),
            {
                "name": "Hazel Head",
                "email": "hazel@example.org",
                "role": Role.LA_OFFICER,
                "la": world.la_x.code,
            },
        )
    )
    assert response.status_code == 302 and took < QUICK
    # 3. Someone asks for a password reset.
    client.logout()
    response, took = timed(
        lambda: client.post(reverse("password_reset"), {"email": world.lead_b.email})
    )
    assert response.status_code == 302 and took < QUICK
    assert response.url == reverse("password_reset_done")

    # Every change was saved, and every email waits in the outbox.
    assert mailoutbox == []
    assert Invitation.objects.filter(email="hazel@example.org").exists()
    assert OutboxEmail.objects.pending().count() == 2
    # Two for the submission, and the world's own notice to its LA-to-LA facilitator
    # (queued while the broker was up, lost with it when it stopped: no worker ran).
    assert Notification.objects.awaiting_email().count() == 3

    redis_server.start()
    runs = []

    def count_run(sender=None, **kwargs):
        runs.append(sender.name)

    task_postrun.connect(count_run, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, queues=[broker], shutdown_timeout=10
        ):
            # The beat's next ticks, through the broker that is back.
            send_due_outbox_emails.delay()
            send_pending_emails.delay()
            assert wait_for(lambda: len(mailoutbox) >= 5), "the sweep sent nothing"
            assert wait_for(lambda: len(runs) >= 2)
            # And the ticks after: nothing is left to send.
            send_due_outbox_emails.delay()
            send_pending_emails.delay()
            assert wait_for(lambda: len(runs) >= 4)
    finally:
        task_postrun.disconnect(count_run)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [
            world.co_x.email,
            world.kq_facilitator.email,
            world.officer_x_facilitating_y.email,
            "hazel@example.org",
            world.lead_b.email,
        ]
    )
    assert not OutboxEmail.objects.pending().exists()
    assert not Notification.objects.awaiting_email().exists()
    # The links in them work.
    by_recipient = {m.to[0]: m.body for m in mailoutbox}
    invitation_link = INVITATION_LINK.search(by_recipient["hazel@example.org"]).group(1)
    assert client.get(invitation_link).status_code == 200
    reset_link = RESET_LINK.search(by_recipient[world.lead_b.email]).group(1)
    assert "Choose a new password" in client.get(reset_link, follow=True).content.decode()


def test_the_broker_carries_ids_and_never_a_link(
    client, redis_server, broker, mailoutbox, coleader, la
):
    """Tasks take ids: the message for an invitation or a password reset is only the
    outbox row's id, and the link (made as the email is built) never reaches Redis."""
    client.force_login(coleader)
    client.post(
        reverse("invitation_create"),
        {"name": "Hazel", "email": "hazel@example.org", "role": Role.LA_OFFICER, "la": la.code},
    )
    client.logout()
    client.post(reverse("password_reset"), {"email": coleader.email})

    store = redis.Redis.from_url(redis_server.url)
    messages = [json.loads(raw) for raw in store.lrange(broker, 0, -1)]
    queued = sorted((m["headers"]["task"], json.loads(b64decode(m["body"]))[0]) for m in messages)
    emails = sorted(OutboxEmail.objects.values_list("pk", flat=True))
    assert queued == [("networks.tasks.send_outbox_email", [pk]) for pk in emails]

    with start_worker(app, pool="solo", perform_ping_check=False, queues=[broker]):
        assert wait_for(lambda: len(mailoutbox) == 2)

    links = [
        (INVITATION_LINK.search(m.body) or RESET_LINK.search(m.body)).group(1) for m in mailoutbox
    ]
    everything = redis_contents(store)
    for link in links:
        secret = link.rstrip("/").rsplit("/", 1)[-1]
        assert secret.encode() not in everything


def redis_contents(store) -> bytes:
    """Every value in the Redis server, whatever its type, as one byte string."""
    read = {
        b"string": lambda key: [store.get(key)],
        b"list": lambda key: store.lrange(key, 0, -1),
        b"hash": lambda key: [*store.hgetall(key).keys(), *store.hgetall(key).values()],
        b"set": lambda key: list(store.smembers(key)),
        b"zset": lambda key: store.zrange(key, 0, -1),
    }
    values = []
    for key in store.scan_iter():
        values += [key, *read.get(store.type(key), lambda key: [])(key)]
    return b"\n".join(value for value in values if value)
