"""End to end with a real Celery worker: a service queues an email on commit, the broker
carries it, the worker sends it once.

The broker is Redis when REDIS_URL is set (as in CI), else kombu's filesystem
transport in a temporary folder, so the test needs no server locally.
"""

import os
import time

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun

from config.celery import app
from enquiries import services
from notifications.models import Notification
from notifications.tasks import send_notification_emails
from tests.enquiries.factories import build_world


@pytest.fixture
def real_broker(tmp_path, settings):
    """Point the project's Celery app at a real broker, not eager mode, for one test."""
    # Snapshot before touching the Django setting: app.conf reads through to it.
    saved = {
        key: app.conf[key]
        for key in ("task_always_eager", "broker_url", "broker_transport_options")
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        app.conf.broker_url = redis_url
        app.conf.broker_transport_options = {}
    else:
        queue = tmp_path / "queue"
        queue.mkdir()
        (tmp_path / "processed").mkdir()
        app.conf.broker_url = "filesystem://"
        app.conf.broker_transport_options = {
            "data_folder_in": str(queue),
            "data_folder_out": str(queue),
            "processed_folder": str(tmp_path / "processed"),
            "control_folder": str(tmp_path / "control"),
        }
    forget_connections()
    # Each run gets its own queue, so a worker left over elsewhere (or a stale
    # message in a shared Redis) cannot take this test's tasks.
    queue_name = f"test-notifications-{os.getpid()}-{time.monotonic_ns()}"
    app.conf.task_default_queue = queue_name
    try:
        yield queue_name
    finally:
        for key, value in saved.items():
            app.conf[key] = value
        app.conf.task_default_queue = "celery"
        forget_connections()


def forget_connections():
    """Drop the app's cached pools so the next send connects with the current settings.

    Not closed: kombu keeps pools in a registry keyed by broker settings, and a closed
    one would be handed back to the next user of the same settings.
    """
    app._pool = None
    app.amqp._producer_pool = None


def wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_it_delivers_a_queued_email_through_a_real_worker_exactly_once(real_broker, mailoutbox):
    # The world's own set-up notices (a facilitator told of their role) are emailed
    # in-process, before the worker starts: the worker sees only this test's task.
    app.conf.task_always_eager = True
    world = build_world()
    app.conf.task_always_eager = False
    mailoutbox.clear()
    runs = []

    def count_run(sender=None, retval=None, **kwargs):
        runs.append(retval)

    task_postrun.connect(count_run, sender=send_notification_emails, weak=False)
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        queues=[real_broker],
        shutdown_timeout=10,
    ):
        # The service commits; its on-commit hook puts the task on the broker.
        services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
        expected = sorted([world.co_x.email, world.kq_facilitator.email])
        assert wait_for(lambda: len(mailoutbox) >= 2), "the worker sent no email"

        assert wait_for(lambda: len(runs) == 1)

        # The same task again, as a redelivery would: it runs, and sends nothing.
        ids = list(Notification.objects.values_list("pk", flat=True))
        send_notification_emails.delay(ids)
        assert wait_for(lambda: len(runs) == 2), "the worker did not run the task again"

    task_postrun.disconnect(count_run, sender=send_notification_emails)
    assert runs == [2, 0]  # emails sent by each run
    assert sorted(m.to[0] for m in mailoutbox) == expected
    assert (
        Notification.objects.filter(
            emailed_at__isnull=False, event_key__startswith="enquiry-event:"
        ).count()
        == 2
    )
