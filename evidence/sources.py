"""The kinds of source evidence points at, in one place: loading one for a person,
its project, cluster, title and text, whether it may be coded yet, and whether a
quoted passage is in it.

A further kind is one more entry in each table below, one more nullable foreign key
and choice on EvidenceItem (models/items.py), and one more term in
access_q.visible_evidence and rules.sees_evidence.

A meeting's notes are loaded as one of their versions (meetings.NotesVersion, see
models/items.py), readable by whoever may read the notes (meetings.access_q
.readable_notes and meetings.rules.reads_notes: circulated notes by the project's
readers; notes being checked by the meeting's managers and the clusters asked; a
draft by its managers only). Every version of notes one may read is readable, as on
the notes' versions page.
"""

from __future__ import annotations

import re

from django.utils import timezone
from django.utils.dateformat import format as date_format

from enquiries.models import ArchiveItem, FeedbackResponse, LogEntry
from enquiries.rules import sees_project
from enquiries.rules_logs import sees_log_entry
from meetings.models import MeetingNotes, NotesVersion
from meetings.rules import reads_notes

from .models import SourceKind

_SPACES = re.compile(r"\s+")


def load_source(user, project, kind: str, pk):
    """The project's source of this kind that the person may read, or None (a
    foreign or unreadable id reads the same as one that does not exist)."""
    if not str(pk).isdigit() or kind not in SourceKind.values:
        return None
    if kind == SourceKind.LOG_ENTRY:
        return (
            LogEntry.objects.visible_to(user)
            .select_related("project__la", "author", "cluster")
            .filter(project=project, pk=pk)
            .first()
        )
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return (
            FeedbackResponse.objects.select_related(
                "loop__project__la", "cluster_participation__cluster"
            )
            .prefetch_related("answers__prompt")
            .filter(loop__project=project, pk=pk, submitted_at__isnull=False)
            .first()
        )
    if kind == SourceKind.MEETING_NOTES:
        return (
            notes_versions(user)
            .select_related("notes__meeting__project__la")
            .prefetch_related("notes__checks")
            .filter(notes__meeting__project=project, pk=pk)
            .first()
        )
    return (
        ArchiveItem.objects.select_related("project__la", "cluster", "category")
        .filter(project=project, pk=pk)
        .first()
    )


def notes_versions(user):
    """Versions of the meeting notes the person may read (meetings' own rule)."""
    readable = MeetingNotes.objects.readable_by(user).values("pk")
    return NotesVersion.objects.filter(notes__in=readable)


def sees_source(user, kind: str, source) -> bool:
    """Load the source as load_source does."""
    if kind == SourceKind.LOG_ENTRY:
        return sees_log_entry(user, source)
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return sees_project(user, source.loop.project)
    if kind == SourceKind.MEETING_NOTES:
        return reads_notes(user, source.notes)
    return sees_project(user, source.project)


def not_ready(kind: str, source) -> str:
    """Why a source the person may read cannot be coded (yet), or "" if it can."""
    if kind == SourceKind.FEEDBACK_RESPONSE and not source.is_submitted:
        return "This cluster has not answered the feedback loop yet."
    if kind == SourceKind.MEETING_NOTES and source.notes.is_draft:
        # A draft is rewritten in place (it stays version 1), so a quote could stop
        # being true to it: notes are cited once they are with the clusters.
        return (
            "These notes are still a draft and may change: code them once they have "
            "been sent to the clusters to check."
        )
    return ""


def project_id_of(kind: str, source) -> int:
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return source.loop.project_id
    if kind == SourceKind.MEETING_NOTES:
        return source.notes.meeting.project_id
    return source.project_id


def cluster_id_of(kind: str, source) -> int | None:
    """The source's own cluster (None for a meeting's notes, which may be about
    several: the person chooses)."""
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return source.cluster_participation.cluster_id
    if kind == SourceKind.MEETING_NOTES:
        return None
    return source.cluster_id


def title_of(kind: str, source) -> str:
    if kind == SourceKind.LOG_ENTRY:
        return f"Log entry by {source.author.name}, {date_format(source.written_on, 'j F Y')}"
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return f"{source.cluster_participation.cluster.name}’s response to “{source.loop.title}”"
    if kind == SourceKind.MEETING_NOTES:
        return notes_title(source)
    return f"Archive item: {source.title}"


def notes_title(version) -> str:
    meeting = version.notes.meeting
    day = date_format(timezone.localtime(meeting.starts_at), "j F Y")
    return f"Notes of “{meeting.title}”, {day} (version {version.number})"


def text_of(kind: str, source) -> str:
    """The source as plain text (an archive item's file is not read: its title and
    description stand for it)."""
    if kind == SourceKind.LOG_ENTRY:
        return source.text
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return "\n\n".join(
            f"{answer.prompt.text}\n{answer.text}" for answer in source.answers.all()
        )
    if kind == SourceKind.MEETING_NOTES:
        return source.text  # the version's own text, which never changes once sent
    return "\n\n".join(part for part in (source.title, source.description) if part)


def checks_quotes(kind: str) -> bool:
    """Whether a quoted passage must be found in text_of (an archive item's file is
    quoted from the document itself, which is not read here)."""
    return kind != SourceKind.ARCHIVE_ITEM


def _normal(value: str) -> str:
    return _SPACES.sub(" ", value).strip().casefold()


def quote_is_in(quote: str, text: str) -> bool:
    return _normal(quote) in _normal(text)


def span_of(quote: str, text: str) -> tuple[int, int] | None:
    """Where the quote sits in the text (character offsets), allowing for differences
    of whitespace and case; None if it is not there."""
    words = quote.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    match = re.search(pattern, text, flags=re.IGNORECASE)
    return (match.start(), match.end()) if match else None
