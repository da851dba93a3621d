"""The kinds of source evidence points at, in one place: loading one for a person,
its project, cluster, title and text, and whether a quoted passage is in it.

A further kind (a meeting's notes) is one more entry in each table below, one more
nullable foreign key and choice on EvidenceItem (models/items.py), and one more term
in access_q.visible_evidence.
"""

from __future__ import annotations

import re

from django.utils.dateformat import format as date_format

from enquiries.models import ArchiveItem, FeedbackResponse, LogEntry
from enquiries.rules import sees_project
from enquiries.rules_logs import sees_log_entry

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
    return (
        ArchiveItem.objects.select_related("project__la", "cluster", "category")
        .filter(project=project, pk=pk)
        .first()
    )


def sees_source(user, kind: str, source) -> bool:
    """Load the source as load_source does."""
    if kind == SourceKind.LOG_ENTRY:
        return sees_log_entry(user, source)
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return sees_project(user, source.loop.project)
    return sees_project(user, source.project)


def project_id_of(kind: str, source) -> int:
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return source.loop.project_id
    return source.project_id


def cluster_id_of(kind: str, source) -> int | None:
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return source.cluster_participation.cluster_id
    return source.cluster_id


def title_of(kind: str, source) -> str:
    if kind == SourceKind.LOG_ENTRY:
        return f"Log entry by {source.author.name}, {date_format(source.written_on, 'j F Y')}"
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return f"{source.cluster_participation.cluster.name}’s response to “{source.loop.title}”"
    return f"Archive item: {source.title}"


def text_of(kind: str, source) -> str:
    """The source as plain text (an archive item's file is not read: its title and
    description stand for it)."""
    if kind == SourceKind.LOG_ENTRY:
        return source.text
    if kind == SourceKind.FEEDBACK_RESPONSE:
        return "\n\n".join(
            f"{answer.prompt.text}\n{answer.text}" for answer in source.answers.all()
        )
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
