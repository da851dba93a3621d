"""The meetings of the benchmark: about 20,000 at scale 1 across the initiative's
projects (the focus LA's project holds twice its share), each with one or two of its
project's clusters and a few attendees; half have notes (a version or two, the
clusters' checks and a short history) in every state. Bulk-created, not through the
services."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from enquiries.models import ClusterParticipation, Project
from meetings.models import (
    ClusterCheck,
    Meeting,
    MeetingKind,
    MeetingNotes,
    NotesEvent,
    NotesVersion,
)

from .words import BATCH, PLACES

MEETINGS_AT_SCALE_1 = 20_000
NOTES_TEXT = (
    "Focus agreed: transition of vulnerable children. Networking: heads meet twice a "
    "term. Question drafted before the next surgery."
)


def build_meetings(
    rng: random.Random, *, initiative_id: int, focus_project_id: int, scale: float, people
) -> dict:
    """`people` maps an LA's id to its people (co-leader first, then clusters' leads)."""
    projects = list(Project.objects.filter(initiative_id=initiative_id).order_by("pk"))
    clusters: dict[int, list[int]] = {}
    for project_id, cluster_id in ClusterParticipation.objects.filter(
        project__initiative_id=initiative_id
    ).values_list("project_id", "cluster_id"):
        clusters.setdefault(project_id, []).append(cluster_id)
    total = max(len(projects) * 10, round(MEETINGS_AT_SCALE_1 * scale))
    per_project = max(1, total // (len(projects) + 1))
    now = timezone.now()
    kinds = MeetingKind.values
    rows: list[Meeting] = []
    for project in projects:
        n = per_project * 2 if project.pk == focus_project_id else per_project
        for i in range(n):
            starts = now + dt.timedelta(days=rng.randint(-700, 120), hours=rng.randint(8, 17))
            rows.append(
                Meeting(
                    project=project,
                    kind=rng.choice(kinds),
                    title=f"{rng.choice(PLACES)} meeting {i + 1}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=rng.choice((1, 2, 3))),
                    place=f"{rng.choice(PLACES)} school hall",
                    agenda="Focus\nNetworking\nQuestions",
                )
            )
    Meeting.objects.bulk_create(rows, batch_size=BATCH)
    meetings = list(
        Meeting.objects.filter(project__initiative_id=initiative_id)
        .order_by("pk")
        .values_list("pk", "project_id", "project__la_id")
    )
    through_clusters, through_people = Meeting.clusters.through, Meeting.attendees.through
    cluster_links, people_links, notes_rows = [], [], []
    chosen: dict[int, list[int]] = {}
    for pk, project_id, la_id in meetings:
        options = clusters.get(project_id, [])
        picked = rng.sample(options, min(len(options), rng.choice((1, 2)))) if options else []
        chosen[pk] = picked
        cluster_links += [through_clusters(meeting_id=pk, cluster_id=c) for c in picked]
        la_people = people.get(la_id, [])
        for user in rng.sample(la_people, min(len(la_people), 3)):
            people_links.append(through_people(meeting_id=pk, user_id=user.pk))
        if picked and la_people and rng.random() < 0.5:
            state = rng.choice(MeetingNotes.State.values)
            notes_rows.append(
                MeetingNotes(
                    meeting_id=pk,
                    author_id=la_people[0].pk,
                    state=state,
                    text=NOTES_TEXT,
                    version=1,
                    check_by=(now + dt.timedelta(days=rng.randint(-30, 10))).date(),
                    sent_at=None if state == "draft" else now,
                    circulated_at=now if state == "circulated" else None,
                )
            )
    through_clusters.objects.bulk_create(cluster_links, batch_size=BATCH)
    through_people.objects.bulk_create(people_links, batch_size=BATCH)
    MeetingNotes.objects.bulk_create(notes_rows, batch_size=BATCH)
    versions, checks, events = [], [], []
    for notes_id, meeting_id, state, author_id in MeetingNotes.objects.filter(
        meeting__project__initiative_id=initiative_id
    ).values_list("pk", "meeting_id", "state", "author_id"):
        versions.append(NotesVersion(notes_id=notes_id, number=1, text=NOTES_TEXT))
        events.append(
            NotesEvent(notes_id=notes_id, step="drafted", at=now, actor_id=author_id, version=1)
        )
        if state == "draft":
            continue
        events.append(
            NotesEvent(notes_id=notes_id, step="sent", at=now, actor_id=author_id, version=1)
        )
        for cluster_id in chosen[meeting_id]:
            answer = (
                "confirmed" if state == "circulated" else rng.choice(ClusterCheck.Answer.values)
            )
            checks.append(ClusterCheck(notes_id=notes_id, cluster_id=cluster_id, answer=answer))
    NotesVersion.objects.bulk_create(versions, batch_size=BATCH)
    NotesEvent.objects.bulk_create(events, batch_size=BATCH)
    ClusterCheck.objects.bulk_create(checks, batch_size=BATCH)
    focus = (
        MeetingNotes.objects.filter(meeting__project_id=focus_project_id, state="checking")
        .order_by("pk")
        .values_list("meeting_id", flat=True)
        .first()
    ) or Meeting.objects.filter(project_id=focus_project_id).order_by("pk").values_list(
        "pk", flat=True
    ).first()
    return {
        "meeting_id": focus,
        "counts": {
            "meetings": len(meetings),
            "meeting notes": len(notes_rows),
            "notes checks": len(checks),
        },
    }
