"""Evidence at national scale, for the focus project's evidence and key-driver pages:
its shared log entries coded (about 2,000 pieces of evidence at scale 1, one to three
shared codes each), a baseline with two reviews per cluster, and five key drivers
with their evidence and change ideas. Bulk-created in a handful of statements."""

from __future__ import annotations

import datetime as dt
import random

from enquiries.models import ClusterParticipation, LogEntry, Project
from evidence.codebook_seed import seed_codebook
from evidence.models import (
    Baseline,
    ChangeIdea,
    Code,
    EvidenceItem,
    KeyDriver,
    ProgressReview,
)

from .words import BATCH

EVIDENCE_AT_SCALE_1 = 2000
DAY = dt.date(2025, 9, 1)


def build_evidence(rng: random.Random, project_id: int | None, scale: float, author) -> dict:
    if project_id is None:
        return {}
    seed_codebook(Code)
    project = Project.objects.get(pk=project_id)
    wanted = max(50, int(EVIDENCE_AT_SCALE_1 * scale))
    entries = list(
        LogEntry.objects.filter(project=project, visibility="project")
        .order_by("pk")
        .values_list("pk", "cluster_id")[:wanted]
    )
    items = [
        EvidenceItem(
            project=project,
            kind="log_entry",
            log_entry_id=entry_id,
            cluster_id=cluster_id,
            quote="" if n % 3 else "The surgery helped us narrow the question",
            created_by=author,
        )
        for n, (entry_id, cluster_id) in enumerate(entries)
    ]
    EvidenceItem.objects.bulk_create(items, batch_size=BATCH)
    codes = list(
        Code.objects.filter(project__isnull=True, is_codable=True).values_list("pk", flat=True)
    )
    through = EvidenceItem.codes.through
    item_ids = list(EvidenceItem.objects.filter(project=project).values_list("pk", flat=True))
    links = []
    for item_id in item_ids:
        for code_id in rng.sample(codes, rng.randint(1, 3)):
            links.append(through(evidenceitem_id=item_id, code_id=code_id))
    through.objects.bulk_create(links, batch_size=BATCH)
    participations = list(
        ClusterParticipation.objects.filter(project=project).values_list("pk", flat=True)
    )
    Baseline.objects.bulk_create(
        [
            Baseline(
                project=project,
                cluster_participation_id=pk,
                aspect="The state of multi-agency relationships",
                narrative="Agencies meet the schools only when a child is in crisis.",
                rating=rng.randint(1, 3),
                described_on=DAY,
                recorded_by=author,
            )
            for pk in participations
        ],
        batch_size=BATCH,
    )
    ProgressReview.objects.bulk_create(
        [
            ProgressReview(
                baseline_id=baseline_id,
                reviewed_on=DAY + dt.timedelta(days=90 * n),
                narrative="Termly meetings with health and the police liaison officer.",
                rating=rng.randint(2, 5),
                recorded_by=author,
            )
            for baseline_id in Baseline.objects.filter(project=project).values_list("pk", flat=True)
            for n in (1, 2)
        ],
        batch_size=BATCH,
    )
    drivers = KeyDriver.objects.bulk_create(
        [
            KeyDriver(
                project=project,
                position=position,
                title=f"Key driver {position}",
                narrative="What the evidence shows drives effective cluster working.",
                code_id=codes[position],
                named_by=author,
            )
            for position in range(1, 6)
        ]
    )
    drivers = list(KeyDriver.objects.filter(project=project).order_by("position"))
    KeyDriver.evidence.through.objects.bulk_create(
        [
            KeyDriver.evidence.through(keydriver_id=driver.pk, evidenceitem_id=item_id)
            for driver in drivers
            for item_id in rng.sample(item_ids, min(20, len(item_ids)))
        ],
        batch_size=BATCH,
    )
    ChangeIdea.objects.bulk_create(
        [
            ChangeIdea(driver=driver, position=n, text=f"Change idea {n} for {driver.title}")
            for driver in drivers
            for n in (1, 2, 3)
        ]
    )
    return {
        "counts": {
            "evidence items": len(item_ids),
            "codings": len(links),
            "baselines": len(participations),
        }
    }
