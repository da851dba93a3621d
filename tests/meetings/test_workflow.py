"""The notes workflow, step by step and role by role, with its refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from enquiries.models import ArchiveItem
from meetings import services
from meetings.models import ClusterCheck, MeetingNotes, NotesEvent
from meetings.services import MeetingError
from meetings.sweep import run_notes_sweep
from networks.models import AuditEntry
from notifications.models import Notification

from .conftest import make_surgery

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def drafted(w, surgery, text="Harlow and Epping will work on transition."):
    return services.notes_save(actor=w.consultant, meeting=surgery, text_=text)


def sent(w, surgery, days=7):
    notes = drafted(w, surgery)
    return services.notes_send(
        actor=w.consultant, notes=notes, check_by=today() + dt.timedelta(days=days)
    )


def check_of(notes, cluster):
    return ClusterCheck.objects.select_related("notes").get(notes=notes, cluster=cluster)


def told(user, key_part="") -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, event_key__contains=key_part))


def test_draft_is_private_and_stays_version_one(essex, surgery):
    w = essex
    notes = drafted(w, surgery)
    assert notes.is_draft and notes.author == w.consultant
    notes = services.notes_save(actor=w.consultant, meeting=surgery, text_="A better draft.")
    assert notes.version == 1 and notes.versions.get().text == "A better draft."
    from meetings import rules

    notes.refresh_from_db()
    assert rules.reads_notes(w.coleader, notes)
    assert not rules.reads_notes(w.harlow_lead, notes)
    assert not told(w.harlow_lead)


def test_only_the_author_revises(essex, surgery):
    w = essex
    drafted(w, surgery)
    with pytest.raises(PermissionDenied):
        services.notes_save(actor=w.coleader, meeting=surgery, text_="Mine now")
    with pytest.raises(PermissionDenied):
        services.notes_save(actor=w.harlow_lead, meeting=surgery, text_="Mine now")


def test_send_asks_the_attending_clusters(essex, surgery):
    w = essex
    notes = sent(w, surgery)
    assert notes.is_checking
    assert {c.cluster for c in notes.checks.all()} == {w.harlow, w.epping}
    assert all(c.is_waiting for c in notes.checks.all())
    for user in (w.harlow_lead, w.harlow_member, w.epping_lead):
        assert [n.category for n in told(user, ":sent")] == ["meetings"]
    assert not told(w.tendring_lead) and not told(w.adviser)
    assert NotesEvent.objects.filter(notes=notes, step="sent").count() == 1
    assert AuditEntry.objects.filter(action="meetings.notes.sent", actor=w.consultant).count() == 1


def test_a_check_by_date_in_the_past_is_refused(essex, surgery):
    w = essex
    notes = drafted(w, surgery)
    with pytest.raises(MeetingError, match="in the past"):
        services.notes_send(
            actor=w.consultant, notes=notes, check_by=today() - dt.timedelta(days=1)
        )
    notes.refresh_from_db()
    assert notes.is_draft and not notes.checks.exists()


def test_corrections_revision_and_confirmation_circulate_to_every_cluster(essex, surgery):
    w = essex
    notes = sent(w, surgery)
    with pytest.raises(MeetingError, match="corrections"):
        services.notes_answer(
            actor=w.harlow_lead, check=check_of(notes, w.harlow), answer="corrections"
        )
    services.notes_answer(
        actor=w.harlow_lead,
        check=check_of(notes, w.harlow),
        answer="corrections",
        comment="We said Year 6 to Year 7, not Year 5.",
    )
    assert told(w.consultant, ":check:")
    services.notes_answer(actor=w.epping_lead, check=check_of(notes, w.epping), answer="confirmed")
    notes.refresh_from_db()
    assert notes.is_checking  # a correction is open

    notes = services.notes_save(
        actor=w.consultant,
        meeting=surgery,
        text_="Harlow and Epping will work on Year 6 to Year 7 transition.",
        change_note="Corrected the year groups",
    )
    assert notes.version == 2 and notes.versions.count() == 2
    assert check_of(notes, w.harlow).is_waiting  # asked again
    assert check_of(notes, w.epping).is_confirmed  # stands
    assert told(w.harlow_lead, ":v2:revised")
    assert not told(w.epping_lead, ":v2:revised")

    services.notes_answer(
        actor=w.harlow_member, check=check_of(notes, w.harlow), answer="confirmed"
    )
    notes.refresh_from_db()
    assert notes.is_circulated and notes.circulated_at
    for user in (w.tendring_lead, w.harlow_lead, w.epping_lead, w.coleader):
        assert told(user, ":circulated")
    item = ArchiveItem.objects.get(project=w.project, category__slug="surgery-notes")
    assert notes.archived_version == item.current_version
    assert item.current_version.filename.endswith(".txt")
    steps = list(notes.events.values_list("step", flat=True))
    assert steps == [
        "drafted",
        "sent",
        "corrections",
        "confirmed",
        "revised",
        "confirmed",
        "circulated",
        "archived",
    ]


def test_a_late_confirmation_after_circulation_is_refused_and_changes_nothing(essex, surgery):
    w = essex
    notes = sent(w, surgery)
    services.notes_answer(actor=w.harlow_lead, check=check_of(notes, w.harlow), answer="confirmed")
    services.notes_answer(actor=w.epping_lead, check=check_of(notes, w.epping), answer="confirmed")
    before = AuditEntry.objects.count(), NotesEvent.objects.count()
    with pytest.raises(MeetingError, match="circulated"):
        services.notes_answer(
            actor=w.harlow_lead,
            check=check_of(notes, w.harlow),
            answer="corrections",
            comment="Late",
        )
    assert (AuditEntry.objects.count(), NotesEvent.objects.count()) == before
    assert check_of(notes, w.harlow).is_confirmed


def test_only_the_clusters_own_leads_and_members_answer(essex, surgery):
    w = essex
    notes = sent(w, surgery)
    for who in (w.epping_lead, w.consultant, w.coleader, w.staff, w.tendring_lead):
        with pytest.raises(PermissionDenied):
            services.notes_answer(actor=who, check=check_of(notes, w.harlow), answer="confirmed")


def test_the_sweep_circulates_after_the_deadline_without_open_corrections(essex, surgery):
    w = essex
    notes = sent(w, surgery, days=2)
    services.notes_answer(actor=w.harlow_lead, check=check_of(notes, w.harlow), answer="confirmed")
    later = timezone.now() + dt.timedelta(days=4)
    assert run_notes_sweep(now=later) == 1
    assert run_notes_sweep(now=later) == 0
    notes.refresh_from_db()
    assert notes.is_circulated
    assert len(told(w.tendring_lead, ":circulated")) == 1


def test_the_sweep_holds_notes_with_an_open_correction(essex, surgery):
    w = essex
    notes = sent(w, surgery, days=2)
    services.notes_answer(
        actor=w.harlow_lead, check=check_of(notes, w.harlow), answer="corrections", comment="Fix it"
    )
    run_notes_sweep(now=timezone.now() + dt.timedelta(days=4))
    notes.refresh_from_db()
    assert notes.is_checking


def test_revising_after_the_deadline_needs_a_new_date(essex, surgery):
    w = essex
    notes = sent(w, surgery, days=1)
    MeetingNotes.objects.filter(pk=notes.pk).update(check_by=today() - dt.timedelta(days=1))
    with pytest.raises(MeetingError, match="passed"):
        services.notes_save(actor=w.consultant, meeting=surgery, text_="New text")
    notes = services.notes_save(
        actor=w.consultant,
        meeting=surgery,
        text_="New text",
        check_by=today() + dt.timedelta(days=3),
    )
    assert notes.version == 2 and notes.check_by == today() + dt.timedelta(days=3)


def test_reminders_go_once_the_day_before_to_clusters_still_waiting(essex, surgery):
    w = essex
    notes = sent(w, surgery, days=3)
    services.notes_answer(actor=w.harlow_lead, check=check_of(notes, w.harlow), answer="confirmed")
    assert run_notes_sweep() == 0  # not yet
    day_before = timezone.now() + dt.timedelta(days=2)
    assert run_notes_sweep(now=day_before) == 1
    assert run_notes_sweep(now=day_before) == 0
    assert len(told(w.epping_lead, ":reminder:")) == 1
    assert not told(w.harlow_lead, ":reminder:")
    assert NotesEvent.objects.filter(notes=notes, step="reminded").count() == 1


def test_meeting_input_is_checked(essex):
    w = essex
    with pytest.raises(MeetingError, match="clusters taking part"):
        make_surgery(w, clusters=[w.harlow, w.corby])
    with pytest.raises(MeetingError, match="one or two"):
        make_surgery(w, clusters=[w.harlow, w.epping, w.tendring])
    with pytest.raises(MeetingError, match="end after"):
        make_surgery(w, ends_at=timezone.now() - dt.timedelta(days=3000))
    with pytest.raises(MeetingError, match="attendees"):
        make_surgery(w, attendees=[w.outsider])
    with pytest.raises(MeetingError, match="place"):
        make_surgery(w, place="")
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=w.harlow_lead,
            project=w.project,
            kind="cluster_meeting",
            title="x",
            starts_at=timezone.now(),
            ends_at=timezone.now() + dt.timedelta(hours=1),
            place="Here",
        )
    from meetings.models import Meeting

    assert not Meeting.objects.exists()


def test_sending_without_clusters_is_refused(essex):
    w = essex
    meeting = make_surgery(w, kind="think_tank", clusters=[])
    notes = services.notes_save(actor=w.coleader, meeting=meeting, text_="Think tank notes")
    with pytest.raises(MeetingError, match="no clusters"):
        services.notes_send(actor=w.coleader, notes=notes, check_by=today())
