"""The reflective log reminder sweep with real Celery workers on a Redis of the
test's own, sending through a real (stub) mail server over SMTP:

* two workers run the sweep at the same moment: each person is reminded once, and
  gets one email;
* the worker is killed (SIGKILL) while it sends the reminders' emails: after a
  restart the outbox sweep sends what was in flight, each email once.

The emails go as beat sends them when a worker's own on-commit nudge is not heard
(here the workers listen only on the test's queue): by the every-minute outbox
sweep, which the test nudges as beat would.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest

from enquiries.models import ClusterParticipation, LogSchedule
from enquiries.tasks import send_log_reminders
from networks.models import Role
from notifications.models import Notification
from notifications.tasks import send_pending_emails
from tests.factories import (
    ClusterFactory,
    InitiativeFactory,
    LocalAuthorityFactory,
    ProjectFactory,
    UserFactory,
    grant,
)

from .helpers import SMTPStub, WorkerProcess, wait_for
from .test_sweeps_at_once import recipients

pytestmark = pytest.mark.django_db(transaction=True)

FRIDAY = "2026-04-03T09:00:00+00:00"  # a weekly project's reminder day
PEOPLE = 12
LEASE_SECONDS = 3


def people_due() -> list[str]:
    la = LocalAuthorityFactory(code="881", name="Essex")
    initiative = InitiativeFactory()
    initiative.participating_las.add(la)
    project = ProjectFactory(initiative=initiative, la=la)
    LogSchedule.objects.create(project=project, cadence="weekly")
    cluster = ClusterFactory(host_la=la)
    ClusterParticipation.objects.create(project=project, cluster=cluster)
    emails = []
    for n in range(PEOPLE):
        person = UserFactory(email=f"member{n}@example.org")
        grant(person, Role.CLUSTER_MEMBER, cluster=cluster)
        emails.append(person.email)
    return emails


def workers(n, *, redis_server, queue, tmp_path, mail_server, **env) -> list[WorkerProcess]:
    started = []
    for i in range(n):
        worker = WorkerProcess(
            broker_url=redis_server.url,
            queue=queue,
            log=tmp_path / f"worker{i}.log",
            **mail_server.settings(),
            **env,
        )
        worker.start()
        started.append(worker)
    return started


def sweep_twice() -> None:
    """Two outbox sweeps at once, as two overlapping beat ticks would queue."""
    send_pending_emails.delay()
    send_pending_emails.delay()


def logs(running) -> str:
    return "\n".join(worker.log.read_text() for worker in running)


def test_two_workers_sweeping_at_once_remind_each_person_once(
    redis_server, broker, tmp_path, mailoutbox
):
    emails = people_due()
    with SMTPStub(delay=0.02) as mail_server:
        running = workers(
            2, redis_server=redis_server, queue=broker, tmp_path=tmp_path, mail_server=mail_server
        )
        try:
            # Two ticks at once, one for each worker (each takes one message at a time).
            send_log_reminders.delay(FRIDAY)
            send_log_reminders.delay(FRIDAY)
            assert wait_for(
                lambda: Notification.objects.filter(category="reflective_log").count() == PEOPLE,
                timeout=30,
            ), logs(running)
            assert wait_for(
                lambda: sweep_twice() or len(mail_server.accepted) >= PEOPLE,
                timeout=60,
                interval=1.0,
            ), logs(running)
            time.sleep(1.0)  # time for a duplicate to arrive, if there were one
            assert all("send_log_reminders" in worker.log.read_text() for worker in running)
        finally:
            for worker in running:
                worker.stop()
    assert recipients(mail_server) == Counter(dict.fromkeys(emails, 1))
    assert Notification.objects.filter(category="reflective_log").count() == PEOPLE
    assert not Notification.objects.awaiting_email().exists()
    assert mailoutbox == []  # nothing sent from the test process


def test_a_worker_killed_mid_send_loses_no_reminder(redis_server, broker, tmp_path, mailoutbox):
    emails = people_due()
    with SMTPStub() as mail_server:
        mail_server.stall.set()
        env = {"EMAIL_CLAIM_LEASE_SECONDS": str(LEASE_SECONDS)}
        (worker,) = workers(
            1,
            redis_server=redis_server,
            queue=broker,
            tmp_path=tmp_path,
            mail_server=mail_server,
            **env,
        )
        try:
            send_log_reminders.delay(FRIDAY)
            assert wait_for(
                lambda: Notification.objects.filter(category="reflective_log").count() == PEOPLE,
                timeout=30,
            ), worker.log.read_text()
            send_pending_emails.delay()
            assert mail_server.stalled.wait(timeout=60), worker.log.read_text()
            worker.kill()  # mid-send: the first reminder's email is with the server
            assert mail_server.accepted == []
            assert Notification.objects.filter(category="reflective_log").count() == PEOPLE
            mail_server.stall.clear()
            mail_server.release.set()

            worker.start()  # restarted; beat's every-minute sweep reaches it

            def tick():
                send_pending_emails.delay()
                send_log_reminders.delay(FRIDAY)  # the hourly tick again: nothing new

            assert wait_for(
                lambda: tick() or len(mail_server.accepted) >= PEOPLE,
                timeout=LEASE_SECONDS + 45,
                interval=1.0,
            ), worker.log.read_text()
            time.sleep(1.0)
        finally:
            worker.stop()
    assert recipients(mail_server) == Counter(dict.fromkeys(emails, 1))
    assert Notification.objects.filter(category="reflective_log").count() == PEOPLE
    assert send_pending_emails() == 0 and mailoutbox == []
