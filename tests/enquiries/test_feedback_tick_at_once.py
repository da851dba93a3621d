"""Two feedback-loop ticks at once (beat overlapping a slow run, or two workers each
taking one): each loop is opened, reminded and closed once, and each person told
once per step. Two threads, each with its own database connection, released
together. (tests/faults/test_feedback_ticks_at_once.py does the same with real
Celery workers on Redis.)"""

import datetime as dt
import threading
from collections import Counter

import pytest
from django.db import connection
from django.utils import timezone

from enquiries.services.feedback import run_due_feedback_loops
from networks.models import AuditEntry
from notifications.models import Notification
from tests.enquiries.factories import build_world
from tests.enquiries.plans_helpers import D, add_loop

pytestmark = pytest.mark.django_db(transaction=True)

NOW = dt.datetime(2027, 3, 10, 0, 2, tzinfo=dt.UTC)


def both_at_once(work) -> list:
    start = threading.Barrier(2)
    results: list = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
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
    return results


def due_loops(world, monkeypatch):
    """Three loops in project X, one due for each step at NOW (10 March, 00:02)."""
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 2, 1, 9, tzinfo=dt.UTC))
    opening = add_loop(world, title="Opening", opens_on=D(2027, 3, 10), closes_on=D(2027, 3, 20))
    reminding = add_loop(world, title="Reminding", opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 12))
    closing = add_loop(world, title="Closing", opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 9))
    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2027, 3, 1, 9, tzinfo=dt.UTC))
    run_due_feedback_loops()  # opens the two that opened on 1 March
    Notification.objects.all().delete()
    AuditEntry.objects.all().delete()
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return opening, reminding, closing


def test_two_ticks_at_once_take_each_step_once_and_tell_each_person_once(monkeypatch):
    world = build_world()
    opening, reminding, closing = due_loops(world, monkeypatch)

    steps = both_at_once(lambda: run_due_feedback_loops(now=NOW))

    assert sum(steps) == 3  # between them: open one, remind one, close one
    per_person = Counter(Notification.objects.values_list("recipient__email", "event_key"))
    assert set(per_person.values()) == {1}
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
