"""The reminder sweep at national scale: 100,000 people due in one run finish well
inside a minute on one worker, each reminded once, in a bounded number of queries
per batch. (The emails follow through the outbox; here their queueing is counted.)"""

from __future__ import annotations

import math
import time
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from enquiries import reminders
from enquiries.models import ClusterParticipation, LogSchedule
from networks.models import Role, RoleAssignment, User
from notifications.models import Notification
from tests.factories import ClusterFactory, InitiativeFactory, LocalAuthorityFactory, ProjectFactory

pytestmark = pytest.mark.django_db

PEOPLE = 100_000
FRIDAY = datetime(2026, 4, 3, 9, 0, tzinfo=UTC)  # reminders are due in that week


def crowd(n: int) -> None:
    """One project whose one cluster has `n` members (built in bulk, not through
    the services: the sweep is what is measured)."""
    la = LocalAuthorityFactory(code="881", name="Essex")
    initiative = InitiativeFactory()
    initiative.participating_las.add(la)
    project = ProjectFactory(initiative=initiative, la=la)
    LogSchedule.objects.create(project=project, cadence="weekly")
    cluster = ClusterFactory(host_la=la)
    ClusterParticipation.objects.create(project=project, cluster=cluster)
    User.objects.bulk_create(
        (User(email=f"p{i}@scale.test", name=f"P {i}", password="!") for i in range(n)),
        batch_size=5000,
    )
    RoleAssignment.objects.bulk_create(
        (
            RoleAssignment(user_id=pk, role=Role.CLUSTER_MEMBER, cluster=cluster)
            for pk in User.objects.filter(email__endswith="@scale.test").values_list(
                "pk", flat=True
            )
        ),
        batch_size=5000,
    )


@pytest.fixture
def queued(monkeypatch):
    """The email tasks the sweep queues, by notification id (not run here)."""
    ids: list[int] = []
    monkeypatch.setattr(reminders, "enqueue_on_commit", lambda task, chunk: ids.extend(chunk))
    return ids


def rows_per_statement() -> int:
    """How many rows Django puts in one INSERT here (SQLite takes few parameters)."""
    fields = list(Notification._meta.concrete_fields)
    return connection.ops.bulk_batch_size(fields, [None] * reminders.BATCH)


def test_100000_due_people_are_reminded_once_within_a_minute(queued, capsys):
    crowd(PEOPLE)
    started = time.perf_counter()
    written = reminders.send_log_reminders(now=FRIDAY)
    took = time.perf_counter() - started
    with capsys.disabled():
        print(f"\nReminder sweep: {written:,} reminders in {took:.1f} s ({connection.vendor})")
    assert took <= 60
    assert written == PEOPLE == Notification.objects.count() == len(set(queued))

    started = time.perf_counter()
    assert reminders.send_log_reminders(now=FRIDAY) == 0  # the next tick finds nobody
    assert time.perf_counter() - started <= 60
    assert Notification.objects.count() == PEOPLE


def test_each_batch_costs_a_bounded_number_of_queries(queued):
    crowd(5000)
    with CaptureQueriesContext(connection) as queries:
        assert reminders.send_log_reminders(now=FRIDAY, batch=1000) == 5000
    # Finding who is due: the projects and cadences (2), who takes part (6), who wrote
    # (1), who was reminded (1), who opted out or snoozed (1). Then per batch: the
    # INSERTs (one on PostgreSQL; several on SQLite, which takes fewer parameters),
    # the new rows' ids, and (inside this test's transaction) a savepoint and its release.
    inserts = math.ceil(1000 / rows_per_statement())
    assert len(queries) <= 11 + 5 * (inserts + 3)
