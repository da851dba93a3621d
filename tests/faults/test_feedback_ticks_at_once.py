"""The feedback-loop tick runs twice at once on two real Celery workers (beat's tick
overlapping a slow one, or a tick redelivered to a second worker): each loop is
opened, reminded and closed once and everyone is told once per step.

Two `celery -A config worker` processes on a Redis server of the test's own, on the
test database, taking the two tick messages published together (the broker decides
which takes which); then the sweep sends the emails those steps made, once each.
"""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from enquiries.models import FeedbackLoop
from enquiries.tasks import run_feedback_loops
from networks.models import AuditEntry
from notifications.models import Notification
from notifications.tasks import send_pending_emails
from tests.enquiries.factories import build_world
from tests.enquiries.plans_helpers import add_loop

from .helpers import WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def due_loops(world):
    """Three loops of project X, asking both its clusters: one due to open, one due
    for its reminder, one due to close, by today's date (the workers' clock)."""
    today = timezone.localdate()
    later = today + dt.timedelta(days=30)

    def loop(title):
        return add_loop(
            world,
            title=title,
            opens_on=later,
            closes_on=later + dt.timedelta(days=10),
            clusters=[world.part_a, world.part_a2],
        )

    opening, reminding, closing = loop("Opening"), loop("Reminding"), loop("Closing")
    now = timezone.now()
    FeedbackLoop.objects.filter(pk=opening.pk).update(
        opens_on=today, closes_on=today + dt.timedelta(days=10)
    )
    FeedbackLoop.objects.filter(pk=reminding.pk).update(
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=1),
        remind_on=today - dt.timedelta(days=1),
        opened_at=now,
    )
    FeedbackLoop.objects.filter(pk=closing.pk).update(
        opens_on=today - dt.timedelta(days=9),
        closes_on=today - dt.timedelta(days=1),
        opened_at=now,
    )
    return opening, reminding, closing


def _count(worker, task="enquiries.tasks.run_feedback_loops") -> int:
    """How many times `task` succeeded in this worker, from its log."""
    return sum(
        1
        for line in worker.log.read_text().splitlines()
        if f"Task {task}[" in line and "succeeded" in line
    )


def test_two_ticks_on_two_workers_tell_each_person_once(redis_server, broker, tmp_path, mailoutbox):
    world = build_world()
    Notification.objects.all().delete()
    opening, reminding, closing = due_loops(world)
    AuditEntry.objects.all().delete()
    emails_dir = tmp_path / "var"
    workers = [
        WorkerProcess(
            broker_url=redis_server.url,
            queue=broker,
            log=tmp_path / f"worker-{n}.log",
            ENQUIRY_VAR_DIR=str(emails_dir),
        )
        for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    try:
        run_feedback_loops.delay()
        run_feedback_loops.delay()

        def logs() -> str:
            return "\n".join(worker.log.read_text() for worker in workers)

        # Both ticks ran to the end (which worker took which is the broker's choice).
        assert wait_for(lambda: sum(_count(w) for w in workers) == 2, timeout=60), logs()
        # The emails go out through the same workers: the beat's sweep (their on-commit
        # sends went to the workers' default queue, which no worker here reads).
        send_pending_emails.delay()
        assert wait_for(lambda: not Notification.objects.awaiting_email().exists(), timeout=60), (
            logs()
        )
    finally:
        for worker in workers:
            worker.stop()

    per_person = Counter(Notification.objects.values_list("recipient__email", "event_key"))
    assert per_person and set(per_person.values()) == {1}
    assert Counter(key.rsplit(":", 1)[1] for _, key in per_person) == {
        "opened": 2,  # the leads of Harlow and Braintree
        "reminder": 2,  # the same two: nobody has answered
        "digest": 4,  # co_x, both leads, the initiative's facilitator
    }
    assert Counter(AuditEntry.objects.values_list("action", flat=True)) == {
        "enquiries.feedback_loop.opened": 1,
        "enquiries.feedback_loop.reminded": 1,
        "enquiries.feedback_loop.closed": 1,
    }
    # One email per notification, written by the workers' file backend.
    sent = list((emails_dir / "mail").glob("*.log"))
    assert sum(path.read_text().count("Subject: ") for path in sent) == len(per_person)
    assert mailoutbox == []  # none from this process
    assert all(
        row is not None
        for row in FeedbackLoop.objects.filter(pk=opening.pk).values_list("opened_at", flat=True)
    )
    assert FeedbackLoop.objects.get(pk=reminding.pk).reminded_at is not None
    assert FeedbackLoop.objects.get(pk=closing.pk).closed_at is not None
