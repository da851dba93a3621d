"""Reading meetings: a project's list, a meeting's page, a person's calendar and work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from enquiries.diff import DiffChunk, word_diff

from .. import access_q, rules
from ..models import ClusterCheck, Meeting, MeetingNotes, NotesEvent, NotesVersion
from ..models.notes import LONDON

FEED_PAST = dt.timedelta(days=92)
FEED_LIMIT = 500


def project_meetings(project) -> QuerySet[Meeting]:
    """The project's meetings, newest first, with their notes and clusters (for a
    page: the count, the rows, their clusters; `with_attendee_counts` adds one)."""
    return (
        Meeting.objects.filter(project=project)
        .select_related("notes")
        .prefetch_related("clusters")
        .order_by("-starts_at", "-pk")
    )


def with_attendee_counts(meetings) -> list[Meeting]:
    """The meetings, each with `attendee_count`: one grouped query for them all
    (not an annotation on the whole list, which would group every meeting of the
    project just to show one page)."""
    meetings = list(meetings)
    through = Meeting.attendees.through
    counts = {
        row["meeting_id"]: row["n"]
        for row in through.objects.filter(meeting_id__in=[m.pk for m in meetings])
        .values("meeting_id")
        .annotate(n=Count("pk"))
    }
    for meeting in meetings:
        meeting.attendee_count = counts.get(meeting.pk, 0)  # type: ignore[attr-defined]
    return meetings


@dataclass
class NotesView:
    notes: MeetingNotes
    readable: bool
    may_write: bool
    my_checks: list[ClusterCheck]
    events: list[NotesEvent]
    diff: list[DiffChunk] | None
    diff_from: int | None


def notes_view(user, meeting: Meeting) -> NotesView | None:
    """What the meeting page shows of the notes (meeting loaded by access.py)."""
    notes = getattr(meeting, "notes", None)
    if notes is None:
        return None
    readable = rules.reads_notes(user, notes)
    events: list[NotesEvent] = []
    diff = None
    diff_from = None
    if readable:
        events = list(notes.events.select_related("actor", "cluster").order_by("at", "pk"))
        if notes.version > 1:
            previous = notes.versions.filter(number=notes.version - 1).first()
            if previous is not None:
                diff, diff_from = word_diff(previous.text, notes.text), previous.number
    return NotesView(
        notes=notes,
        readable=readable,
        may_write=rules.may_write_notes(user, meeting, notes),
        my_checks=rules.checks_for(user, notes),
        events=events,
        diff=diff,
        diff_from=diff_from,
    )


@dataclass
class VersionView:
    version: NotesVersion
    diff: list[DiffChunk] | None


def versions(notes: MeetingNotes) -> list[VersionView]:
    """Every version, newest first, each with what changed from the one before."""
    rows = list(notes.versions.select_related("written_by").order_by("number"))
    views = [
        VersionView(row, word_diff(rows[i - 1].text, row.text) if i else None)
        for i, row in enumerate(rows)
    ]
    return list(reversed(views))


def week_bounds(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    """Monday 00:00 to the next Monday 00:00, London time."""
    today = (now or timezone.now()).astimezone(LONDON).date()
    monday = today - dt.timedelta(days=today.weekday())
    start = dt.datetime.combine(monday, dt.time(), LONDON)
    return start, dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(), LONDON)


def attending(user) -> QuerySet[Meeting]:
    """Meetings the person attends, in projects they still see."""
    return (
        Meeting.objects.filter(attendees=user)
        .filter(access_q.visible_meetings(user))
        .select_related("project__la")
    )


def feed_meetings(user, now: dt.datetime | None = None) -> list[Meeting]:
    """What the person's calendar feed lists: their meetings from three months back."""
    since = (now or timezone.now()) - FEED_PAST
    return list(attending(user).filter(ends_at__gte=since).order_by("starts_at")[:FEED_LIMIT])


def notes_to_check(user) -> QuerySet[ClusterCheck]:
    return (
        ClusterCheck.objects.filter(access_q.answerable_checks(user))
        .exclude(answer=ClusterCheck.Answer.CONFIRMED)
        .select_related("cluster", "notes__meeting")
        .order_by("notes__check_by", "pk")
    )


def notes_to_revise(user) -> QuerySet[MeetingNotes]:
    corrections = ClusterCheck.objects.filter(answer=ClusterCheck.Answer.CORRECTIONS)
    return (
        MeetingNotes.objects.filter(
            author=user, state=MeetingNotes.State.CHECKING, pk__in=corrections.values("notes_id")
        )
        .select_related("meeting")
        .order_by("check_by", "pk")
    )


def prefetch_checks() -> Prefetch:
    return Prefetch("checks", ClusterCheck.objects.select_related("cluster"))
