"""Writing reflective log entries, the logging cadence and reminder settings."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from enquiries import services
from enquiries.models import LogAttachment, LogEntry, LogReminderPreference, LogSchedule
from enquiries.services import EnquiryError
from enquiries.services.logs import cadence_of
from networks.models import AuditEntry
from tests.enquiries.logs_world import *  # noqa: F403
from tests.files import HTML, PNG, wav

pytestmark = pytest.mark.django_db


def write(w, author, **extra):
    return services.log_entry_create(
        actor=author, project=w.project, text=extra.pop("text", "Noticed something."), **extra
    )


def test_everyone_taking_part_writes_entries(essex):
    for person in (essex.coleader, essex.officer, essex.lead, essex.member, essex.contact):
        assert write(essex, person).author == person


@pytest.mark.parametrize("who", ["outsider", "national", "braintree_lead"])
def test_people_who_take_no_part_may_not_write(essex, who):
    with pytest.raises(PermissionDenied):
        write(essex, getattr(essex, who))
    assert not LogEntry.objects.exists()


def test_an_entry_keeps_its_attachments_tags_and_visibility(essex, uploads_dir):
    entry = write(
        essex,
        essex.lead,
        text="Audio log from the surgery.\nSecond line.",
        tags=["Surgery", " surgery ", "parents"],
        visibility="cluster",
        cluster=essex.cluster,
        attachments=[("surgery.wav", wav()), ("board.png", PNG)],
    )
    assert entry.tags == ["surgery", "parents"]
    assert entry.text == "Audio log from the surgery.\nSecond line."
    kinds = sorted(entry.attachments.values_list("kind", "filename"))
    assert kinds == [("audio", "surgery.wav"), ("image", "board.png")]
    assert len(uploads_dir()) == 2
    audit = AuditEntry.objects.get(action="enquiries.log_entry.created")
    assert "Audio log" not in str(audit.changes)  # the text stays out of the trail


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"text": "   "}, "Write something"),
        ({"text": "bad\x00text"}, "control characters"),
        ({"visibility": "cluster"}, "which of your clusters"),
        ({"visibility": "everyone"}, "who can read"),
        ({"written_on": timezone.localdate() + timedelta(days=1)}, "future"),
        ({"attachments": [("notes.pdf", HTML)]}, "not a real PDF"),
        ({"attachments": [("a.png", PNG)] * 6}, "at most 5"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(essex, uploads_dir, extra, message):
    with pytest.raises(EnquiryError, match=message):
        write(essex, essex.lead, **extra)
    assert not LogEntry.objects.exists() and not LogAttachment.objects.exists()
    assert uploads_dir() == []


def test_only_ones_own_cluster_may_read_a_cluster_entry(essex):
    with pytest.raises(EnquiryError, match="one of your clusters"):
        write(essex, essex.officer, visibility="cluster", cluster=essex.cluster)


def test_a_failed_write_stores_no_file(essex, uploads_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("enquiries.services.logs.audit", broken)
    with pytest.raises(RuntimeError):
        write(essex, essex.lead, attachments=[("voice.wav", wav())])
    assert not LogEntry.objects.exists() and uploads_dir() == []


def test_co_leaders_set_the_cadence_and_it_is_audited(essex):
    assert cadence_of(essex.project) == "monthly"  # the default
    services.log_cadence_update(actor=essex.coleader, project=essex.project, cadence="weekly")
    assert LogSchedule.objects.get(project=essex.project).cadence == "weekly"
    entry = AuditEntry.objects.get(action="enquiries.log_cadence.changed")
    assert entry.changes == {"cadence": ["monthly", "weekly"]} and entry.la == essex.la
    for person in (essex.lead, essex.officer, essex.outsider):
        with pytest.raises(PermissionDenied):
            services.log_cadence_update(actor=person, project=essex.project, cadence="off")
    with pytest.raises(EnquiryError):
        services.log_cadence_update(actor=essex.coleader, project=essex.project, cadence="daily")


def test_a_person_snoozes_and_opts_out(essex):
    preference = services.log_reminder_preferences_update(
        user=essex.lead, opted_out=False, snooze="week"
    )
    assert preference.snoozed_until == timezone.localdate() + timedelta(days=7)
    preference = services.log_reminder_preferences_update(user=essex.lead, opted_out=True)
    assert preference.opted_out and preference.snoozed_until is None
    assert LogReminderPreference.objects.count() == 1
    with pytest.raises(EnquiryError):
        services.log_reminder_preferences_update(user=essex.lead, opted_out=False, snooze="year")
