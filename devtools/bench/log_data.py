"""Reflective logs and the research archive at national scale: about 500,000 log
entries at scale 1 (every cluster lead and co-leader writing about weekly for a
year and more, in every visibility) and an archive per project with versions,
bulk-created. No file is stored: the pages measured read rows, not files."""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager

from django.utils import timezone

from enquiries.models import (
    DEFAULT_ARCHIVE_CATEGORIES,
    ArchiveCategory,
    ArchiveFileVersion,
    ArchiveItem,
    ClusterParticipation,
    LogEntry,
    LogSchedule,
    Project,
)

from .words import BATCH

ENTRIES_PER_CLUSTER = 160  # 3,000 clusters: about 480,000, plus the co-leaders'
ENTRIES_PER_COLEADER = 120
ITEMS_PER_PROJECT = 20
TEXTS = (
    "The surgery helped us narrow the question to transition for vulnerable pupils.",
    "Parents came to the second workshop; the link adviser noted who did not.",
    "Heads disagreed about whether the baseline should describe multi-agency work.",
    "We recorded pupils talking about moving up; the audio log is in the archive.",
)


@contextmanager
def keeping_timestamps(*fields):
    """Let bulk_create store the times given, not "now" (auto_now_add fields)."""
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True


def build_logs(rng: random.Random, las, coleaders, leads, project_id: int | None) -> dict:
    if project_id is None:
        return {}
    initiative_id = Project.objects.get(pk=project_id).initiative_id
    projects = list(Project.objects.filter(initiative_id=initiative_id))
    project_of_la = {p.la_id: p.pk for p in projects}
    cluster_projects = dict(
        ClusterParticipation.objects.filter(project__in=projects).values_list(
            "cluster_id", "project_id"
        )
    )
    LogSchedule.objects.bulk_create(
        [LogSchedule(project=p, cadence=rng.choice(["weekly", "fortnightly"])) for p in projects]
    )
    now = timezone.now()
    start = now - dt.timedelta(days=400)
    lead_clusters = {lead.email: int(lead.email.split("-")[1].split("@")[0]) for lead in leads}

    def entries():
        for lead in leads:
            cluster_id = lead_clusters[lead.email]
            project_id = cluster_projects.get(cluster_id)
            if project_id is None:
                continue
            for _ in range(ENTRIES_PER_CLUSTER):
                yield lead.pk, project_id, cluster_id
        for coleader, la in zip(coleaders, las, strict=True):
            for _ in range(ENTRIES_PER_COLEADER):
                yield coleader.pk, project_of_la[la.pk], None

    visibility = ["project"] * 6 + ["cluster"] * 3 + ["private"]
    batch: list[LogEntry] = []
    count = 0
    fields = [LogEntry._meta.get_field("created_at")]
    with keeping_timestamps(*fields):
        for author_id, entry_project_id, cluster_id in entries():
            seen = rng.choice(visibility) if cluster_id else rng.choice(["project", "private"])
            at = start + dt.timedelta(seconds=rng.randrange(400 * 86400))
            batch.append(
                LogEntry(
                    project_id=entry_project_id,
                    author_id=author_id,
                    cluster_id=cluster_id,
                    written_on=at.date(),
                    text=rng.choice(TEXTS),
                    tags=rng.sample(["transition", "parents", "surgery", "baseline"], 2),
                    visibility=seen,
                    created_at=at,
                )
            )
            if len(batch) == BATCH * 5:
                LogEntry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        LogEntry.objects.bulk_create(batch)
        count += len(batch)

    categories = [
        ArchiveCategory(project=p, slug=slug, name=name, description=text, position=n)
        for p in projects
        for n, (slug, name, text) in enumerate(DEFAULT_ARCHIVE_CATEGORIES, start=1)
    ]
    ArchiveCategory.objects.bulk_create(categories, batch_size=BATCH)
    category_ids: dict[int, list[int]] = {}
    for pk, project in ArchiveCategory.objects.values_list("pk", "project_id"):
        category_ids.setdefault(project, []).append(pk)
    coleader_of = {project_of_la[la.pk]: c.pk for c, la in zip(coleaders, las, strict=True)}
    items = [
        ArchiveItem(
            project_id=p.pk,
            category_id=rng.choice(category_ids[p.pk]),
            title=f"Document {n} of {p.title}",
            description="Sent in by a cluster.",
            uploaded_by_id=coleader_of[p.pk],
            updated_at=start + dt.timedelta(days=rng.randrange(400)),
        )
        for p in projects
        for n in range(ITEMS_PER_PROJECT)
    ]
    ArchiveItem.objects.bulk_create(items, batch_size=BATCH)
    versions = []
    for item_id, item_project_id, uploader in ArchiveItem.objects.values_list(
        "pk", "project_id", "uploaded_by_id"
    ):
        for number in range(1, rng.randint(1, 4) + 1):
            versions.append(
                ArchiveFileVersion(
                    item_id=item_id,
                    number=number,
                    uploaded_by_id=uploader,
                    storage_key=f"bench/{item_project_id}/{item_id}-{number}",
                    filename=f"document-{number}.pdf",
                    content_type="application/pdf",
                    kind="document",
                    size=rng.randrange(20_000, 2_000_000),
                    sha256="0" * 64,
                )
            )
    ArchiveFileVersion.objects.bulk_create(versions, batch_size=BATCH)
    # Each item's latest version, as the services keep it.
    latest = dict(
        ArchiveFileVersion.objects.order_by("item_id", "number").values_list("item_id", "pk")
    )
    ArchiveItem.objects.bulk_update(
        [ArchiveItem(pk=item_id, current_version_id=pk) for item_id, pk in latest.items()],
        ["current_version"],
        batch_size=BATCH,
    )
    version_count: dict[int, int] = {}
    for version in versions:
        version_count[version.item_id] = version_count.get(version.item_id, 0) + 1
    focus_item = max(
        ArchiveItem.objects.filter(project_id=project_id).values_list("pk", flat=True),
        key=lambda pk: (version_count.get(pk, 0), -pk),
    )
    return {
        "archive_item_id": focus_item,
        "counts": {
            "log entries": count,
            "archive items": len(items),
            "archive file versions": len(versions),
        },
    }
