"""Surgeries and meetings: the project's meetings by kind, its surgeries (each a pair
of clusters, or one) with their dates and whether their notes were circulated, and
the notes of the newest surgeries whose notes were circulated.

Only circulated notes are printed: a draft is its author's, and notes being checked
are for the clusters asked to check them (meetings/access_q.py). Circulated notes go
to everyone who reads the project's meetings, who are the case study's readers too
(whoever sees the project).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F
from django.utils.text import Truncator

from enquiries.models import Project
from meetings.models import Meeting, MeetingKind, MeetingNotes

SURGERY_LIMIT = 40  # surgeries listed, newest first
NOTES_LIMIT = 3  # the newest surgeries with circulated notes whose notes are printed
NOTES_CHARS = 6000  # of each one's notes (the archive has them whole)


@dataclass
class SurgeryRow:
    meeting: Meeting  # annotated with notes_state, circulated_at
    clusters: list[str] = field(default_factory=list)

    @property
    def notes_circulated(self) -> bool:
        return self.meeting.notes_state == MeetingNotes.State.CIRCULATED  # type: ignore[attr-defined]


@dataclass
class CirculatedNotes:
    notes: MeetingNotes  # with its meeting and author
    text: str  # cut to NOTES_CHARS
    cut: bool
    clusters: list[str] = field(default_factory=list)


@dataclass
class Surgeries:
    kinds: list[tuple[str, int]]  # (kind label, meetings), every kind
    total: int  # meetings of every kind
    surgeries: list[SurgeryRow]
    surgery_total: int
    circulated: list[CirculatedNotes]

    def __bool__(self) -> bool:
        return bool(self.total)

    @property
    def surgeries_left_out(self) -> int:
        return self.surgery_total - len(self.surgeries)


def surgeries(project: Project) -> Surgeries:
    """Queries: meetings per kind; the newest surgeries (with their notes' state); the
    newest circulated notes of surgeries; the clusters of the meetings listed."""
    meetings = Meeting.objects.filter(project_id=project.pk)
    by_kind = dict(
        meetings.order_by().values_list("kind").annotate(n=Count("pk")).values_list("kind", "n")
    )
    kinds = [(label, by_kind.get(kind, 0)) for kind, label in MeetingKind.choices]
    rows = [
        SurgeryRow(meeting)
        for meeting in meetings.filter(kind=MeetingKind.SURGERY)
        .annotate(notes_state=F("notes__state"), circulated_at=F("notes__circulated_at"))
        .only("pk", "title", "starts_at", "ends_at", "place", "kind", "project_id")
        .order_by("-starts_at", "-pk")[:SURGERY_LIMIT]
    ]
    circulated = []
    for notes in (
        MeetingNotes.objects.filter(
            meeting__project_id=project.pk,
            meeting__kind=MeetingKind.SURGERY,
            state=MeetingNotes.State.CIRCULATED,
        )
        .select_related("meeting", "author")
        .order_by("-meeting__starts_at", "-meeting_id")[:NOTES_LIMIT]
    ):
        truncated = Truncator(notes.text).chars(NOTES_CHARS)
        circulated.append(CirculatedNotes(notes, truncated, cut=truncated != notes.text))
    ids = {row.meeting.pk for row in rows} | {entry.notes.meeting_id for entry in circulated}
    names: dict[int, list[str]] = defaultdict(list)
    if ids:
        for meeting_id, name in (
            Meeting.clusters.through.objects.filter(meeting_id__in=ids)
            .order_by("cluster__name", "pk")
            .values_list("meeting_id", "cluster__name")
        ):
            names[meeting_id].append(name)
    for row in rows:
        row.clusters = names[row.meeting.pk]
    for entry in circulated:
        entry.clusters = names[entry.notes.meeting_id]
    return Surgeries(
        kinds=kinds,
        total=sum(by_kind.values()),
        surgeries=rows,
        surgery_total=by_kind.get(MeetingKind.SURGERY, 0),
        circulated=circulated,
    )
