"""The meeting-notes sweep runs twice at once on two real Celery workers: the notes
due to circulate are circulated (and filed in the archive) once, the clusters due a
reminder are reminded once, and every person is told once per step.

Two `celery -A config worker` processes on a Redis server of the test's own, on the
test database, take the two sweep messages published together; then the outbox sweep
sends the emails those steps made.
"""

import datetime as dt
from collections import Counter

import pytest
from django.utils import timezone

from enquiries.models import ArchiveItem
from meetings import services
from meetings.models import MeetingNotes
from meetings.tasks import run_notes_sweep
from networks.models import AuditEntry
from notifications.models import Notification
from notifications.tasks import send_pending_emails
from tests.enquiries.factories import build_world

from .helpers import WorkerProcess, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


def sent_notes(world, title: str) -> MeetingNotes:
    co_x = world.person("co_x")
    start = timezone.now() - dt.timedelta(days=7)
    meeting = services.meeting_create(
        actor=co_x,
        project=world.project_x,
        kind="surgery",
        title=title,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        place="County Hall",
        clusters=[world.cluster_a, world.cluster_a2],
    )
    notes = services.notes_save(actor=co_x, meeting=meeting, text_=f"Notes of {title}")
    return services.notes_send(actor=co_x, notes=notes, check_by=timezone.localdate())


def _count(worker, task="meetings.tasks.run_notes_sweep") -> int:
    return sum(
        1
        for line in worker.log.read_text().splitlines()
        if f"Task {task}[" in line and "succeeded" in line
    )


def test_two_sweeps_on_two_workers_tell_each_person_once(redis_server, broker, tmp_path):
    world = build_world()
    today = timezone.localdate()
    circulating = sent_notes(world, "Surgery one")
    check = circulating.checks.select_related("notes").get(cluster=world.cluster_a)
    services.notes_answer(actor=world.person("lead_a"), check=check, answer="confirmed")
    MeetingNotes.objects.filter(pk=circulating.pk).update(check_by=today - dt.timedelta(days=1))
    reminding = sent_notes(world, "Surgery two")
    MeetingNotes.objects.filter(pk=reminding.pk).update(check_by=today + dt.timedelta(days=1))
    Notification.objects.all().delete()
    AuditEntry.objects.all().delete()
    workers = [
        WorkerProcess(
            broker_url=redis_server.url,
            queue=broker,
            log=tmp_path / f"worker-{n}.log",
            ENQUIRY_VAR_DIR=str(tmp_path / "var"),
        )
        for n in (1, 2)
    ]
    for worker in workers:
        worker.start()
    try:
        run_notes_sweep.delay()
        run_notes_sweep.delay()

        def logs() -> str:
            return "\n".join(worker.log.read_text() for worker in workers)

        assert wait_for(lambda: sum(_count(w) for w in workers) == 2, timeout=90), logs()
        send_pending_emails.delay()
        assert wait_for(lambda: not Notification.objects.awaiting_email().exists(), timeout=60), (
            logs()
        )
    finally:
        for worker in workers:
            worker.stop()

    per_person = Counter(Notification.objects.values_list("recipient__email", "event_key"))
    assert per_person and set(per_person.values()) == {1}
    steps = Counter(key.split(":")[2] for _, key in per_person)
    # Circulated to co_x, both clusters' leads and the initiative's facilitator;
    # the reminder to the two leads of the clusters that have not answered.
    assert steps["circulated"] >= 3 and steps["reminder"] == 2
    assert Counter(AuditEntry.objects.values_list("action", flat=True)) == {
        "meetings.notes.circulated": 1,
        "meetings.notes.reminded": 1,
        "enquiries.archive_item.created": 1,
    }
    assert MeetingNotes.objects.get(pk=circulating.pk).is_circulated
    assert ArchiveItem.objects.filter(category__slug="surgery-notes").count() == 1
    sent = list((tmp_path / "var" / "mail").glob("*.log"))
    assert sum(path.read_text().count("Subject: ") for path in sent) == len(per_person)
