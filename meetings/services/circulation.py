"""Circulating checked notes and reminding the clusters: the steps the sweep takes
(meetings/sweep.py) and the last confirmation triggers.

Each step is claimed by a conditional UPDATE inside its transaction: the first
runner's UPDATE takes the row lock, a second waits for it and then finds the
condition no longer holds (0 rows), so the step happens once however many runners
overlap; the notifications' event keys make a repeat a no-op besides.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from enquiries import services as enquiry_services
from enquiries.rules import project_circle
from enquiries.services import EnquiryError
from networks.audit import audit
from notifications.services import notify

from ..models import ClusterCheck, MeetingNotes, NotesEvent
from ._common import CATEGORY, cluster_people, subject

log = logging.getLogger(__name__)

ARCHIVE_CATEGORY = "surgery-notes"


def archive_text(notes: MeetingNotes) -> str:
    """The circulated notes as a plain-text (Markdown) file for the archive."""
    meeting = notes.meeting
    starts = timezone.localtime(meeting.starts_at)
    confirmed = [c.cluster.name for c in notes.checks.all() if c.is_confirmed]
    lines = [
        f"# Notes: {meeting.title}",
        "",
        f"- Meeting: {meeting.get_kind_display()}, {starts:%-d %B %Y, %H:%M} (UK time)",
        f"- Project: {meeting.project.title} ({meeting.project.la.name})",
        f"- Written by: {notes.author.name}",
        f"- Version: {notes.version}",
        f"- Confirmed by: {', '.join(confirmed) or 'no cluster (circulated at the deadline)'}",
        "",
        notes.text,
        "",
    ]
    return "\n".join(lines)


def _archive(notes: MeetingNotes) -> None:
    meeting = notes.meeting
    starts = timezone.localtime(meeting.starts_at)
    try:
        version = enquiry_services.archive_add_version(
            actor=notes.author,
            project=meeting.project,
            category_slug=ARCHIVE_CATEGORY,
            title=f"Notes: {meeting.title} ({starts:%-d %b %Y})",
            filename=f"meeting-{meeting.pk}-notes-v{notes.version}.txt",
            content=archive_text(notes).encode(),
            note=f"Circulated version {notes.version}",
        )
    except (PermissionDenied, EnquiryError, ValidationError) as error:
        # The notes still go round; the history says they were not filed.
        log.warning("Notes %s not filed in the archive: %s", notes.pk, error)
        return
    notes.archived_version = version
    notes.save(update_fields=["archived_version"])
    _event(notes, NotesEvent.Step.ARCHIVED, actor=notes.author)


def _event(notes, step, *, actor=None, at=None, comment="") -> None:
    NotesEvent.objects.create(
        notes=notes,
        step=step,
        at=at or timezone.now(),
        actor=actor,
        version=notes.version,
        comment=comment,
    )


def circulate(notes: MeetingNotes, *, now: dt.datetime | None = None, actor=None) -> bool:
    """Circulate notes being checked, if still so (claimed). Runs in the caller's
    transaction, or its own. Returns whether this call circulated them."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = MeetingNotes.objects.filter(
            pk=notes.pk, state=MeetingNotes.State.CHECKING
        ).update(state=MeetingNotes.State.CIRCULATED, circulated_at=now)
        if not claimed:
            return False
        notes = (
            MeetingNotes.objects.select_related("meeting__project__la", "author")
            .prefetch_related("checks__cluster")
            .get(pk=notes.pk)
        )
        meeting = notes.meeting
        all_confirmed = all(check.is_confirmed for check in notes.checks.all())
        _event(
            notes,
            NotesEvent.Step.CIRCULATED,
            actor=actor,
            at=now,
            comment="" if all_confirmed else "The check-by day ended with no correction open.",
        )
        audit(
            actor,
            "meetings.notes.circulated",
            notes,
            {"version": notes.version, "all_confirmed": all_confirmed},
            la=meeting.project.la_id,
        )
        notify(
            recipients=project_circle(meeting.project),
            category=CATEGORY,
            event_key=f"meeting-notes:{notes.pk}:circulated",
            subject=subject(f"Notes circulated: {meeting.title}"),
            body=(
                f"The notes of “{meeting.title}” ({meeting.get_kind_display()}) have been "
                f"checked and are circulated to every cluster in {meeting.project.title}."
            ),
            url=reverse("meetings:detail", args=[meeting.pk]),
        )
        _archive(notes)
    return True


def remind(notes: MeetingNotes, *, now: dt.datetime | None = None) -> bool:
    """Remind the clusters that have not answered, once per check-by date (claimed)."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = MeetingNotes.objects.filter(
            pk=notes.pk, state=MeetingNotes.State.CHECKING, reminded_at__isnull=True
        ).update(reminded_at=now)
        if not claimed:
            return False
        notes = MeetingNotes.objects.select_related("meeting__project").get(pk=notes.pk)
        waiting = list(
            notes.checks.filter(answer=ClusterCheck.Answer.WAITING).values_list(
                "cluster_id", flat=True
            )
        )
        meeting = notes.meeting
        _event(
            notes, NotesEvent.Step.REMINDED, at=now, comment=f"{len(waiting)} cluster(s) waiting"
        )
        audit(
            None,
            "meetings.notes.reminded",
            notes,
            {"clusters": sorted(waiting), "check_by": str(notes.check_by)},
            la=meeting.project.la_id,
        )
        notify(
            recipients=cluster_people(waiting),
            category=CATEGORY,
            event_key=f"meeting-notes:{notes.pk}:reminder:{notes.check_by}",
            subject=subject(f"Reminder: check the notes of {meeting.title}"),
            body=(
                f"Please confirm the notes of “{meeting.title}” for your cluster, or ask "
                f"for corrections, by {notes.check_by:%-d %B %Y}. After that day they go "
                "to every cluster in the project."
            ),
            url=reverse("meetings:detail", args=[meeting.pk]),
        )
    return True
