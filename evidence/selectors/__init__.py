"""Reading evidence, baselines and key drivers: each a bounded number of queries,
whatever the size of the project. The person's reads go through the querysets'
`visible_to` (access_q.py)."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from enquiries.models import ClusterParticipation, Enquiry, Level
from meetings.models import MeetingNotes
from networks.models import Cluster

from ..models import (
    Baseline,
    ChangeIdea,
    Code,
    EvidenceItem,
    KeyDriver,
    ProgressReview,
)

SOURCE_RELATED = (
    "cluster",
    "created_by",
    "log_entry__author",
    "log_entry__project",
    "feedback_response__loop",
    "feedback_response__cluster_participation__cluster",
    "archive_item",
    "notes_version__notes__meeting",
)


def evidence_for(user, project) -> QuerySet[EvidenceItem]:
    """The project's evidence the person may read, newest first, with what the list
    shows (sources, cluster, codes) in a fixed number of queries."""
    return (
        EvidenceItem.objects.visible_to(user)
        .filter(project=project)
        .select_related(*SOURCE_RELATED)
        .prefetch_related(Prefetch("codes", Code.objects.order_by("group_rank", "position")))
        .order_by("-created_at", "-pk")
    )


def shared_evidence(project) -> QuerySet[EvidenceItem]:
    """Evidence everyone who sees the project may read (no log entry kept to its
    author or cluster, no meeting notes not yet circulated): what a document for the
    whole project may quote."""
    return (
        EvidenceItem.objects.filter(project=project)
        .filter(Q(log_entry__isnull=True) | Q(log_entry__visibility="project"))
        .filter(
            Q(notes_version__isnull=True)
            | Q(notes_version__notes__state=MeetingNotes.State.CIRCULATED)
        )
        .select_related(*SOURCE_RELATED)
        .prefetch_related(Prefetch("codes", Code.objects.order_by("group_rank", "position")))
        .order_by("-created_at", "-pk")
    )


def codebook(project) -> list[tuple[Code, int]]:
    """The shared codes and the project's own, as (code, depth) in tree order: one query."""
    codes = list(Code.objects.for_project(project))
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    ordered: list[tuple[Code, int]] = []

    def walk(parent_id, depth):
        for code in children.get(parent_id, []):
            ordered.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    return ordered


def codable_codes(project) -> list[Code]:
    return [code for code, _depth in codebook(project) if code.is_codable]


def project_clusters(project) -> list[Cluster]:
    return [
        participation.cluster
        for participation in ClusterParticipation.objects.filter(project=project)
        .select_related("cluster")
        .order_by("cluster__name")
    ]


def aim_of(project) -> str:
    """The aim of the driver diagram: the LA research question, if written."""
    question = (
        Enquiry.objects.filter(project=project, level=Level.LA)
        .select_related("current_revision")
        .first()
    )
    if question is None or question.current_revision is None:
        return ""
    return question.current_revision.text


# --- The heat table ----------------------------------------------------------------------


@dataclass
class HeatRow:
    code: Code
    depth: int
    counts: list[int]
    total: int
    clusters_evidenced: int
    in_most_clusters: bool


@dataclass
class HeatTable:
    clusters: list[Cluster]
    rows: list[HeatRow]
    has_project_wide: bool
    most_threshold: int
    highest: int = 0
    highlighted: list[Code] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(row.total for row in self.rows)


def heat_level(count: int, highest: int) -> int:
    """0 (none) to 4 (as many as the busiest cell), for the cell's shade."""
    if count <= 0 or highest <= 0:
        return 0
    return max(1, math.ceil(4 * count / highest))


def heat_table(user, project) -> HeatTable:
    """Evidence counts per code per cluster, of the evidence the person may read:
    the counts in one grouped query, plus the codes and the clusters (three in all).
    A code evidenced in more than half the project's clusters is "in most clusters"."""
    visible = EvidenceItem.objects.visible_to(user).filter(project=project).values("pk")
    counts: dict[tuple[int, int | None], int] = {
        (row["code_id"], row["evidenceitem__cluster_id"]): row["n"]
        for row in EvidenceItem.codes.through.objects.filter(evidenceitem_id__in=visible)
        .values("code_id", "evidenceitem__cluster_id")
        .annotate(n=Count("evidenceitem_id"))
        .order_by()
    }
    clusters = project_clusters(project)
    has_project_wide = any(cluster_id is None for _code, cluster_id in counts)
    columns: list[int | None] = [cluster.pk for cluster in clusters]
    if has_project_wide:
        columns.append(None)
    threshold = len(clusters) // 2 + 1 if clusters else 1
    rows = []
    for code, depth in codebook(project):
        cells = [counts.get((code.pk, column), 0) for column in columns]
        evidenced = sum(
            1 for column, n in zip(columns, cells, strict=True) if column is not None and n
        )
        rows.append(
            HeatRow(
                code=code,
                depth=depth,
                counts=cells,
                total=sum(cells),
                clusters_evidenced=evidenced,
                in_most_clusters=bool(clusters) and evidenced >= threshold,
            )
        )
    table = HeatTable(
        clusters=clusters,
        rows=rows,
        has_project_wide=has_project_wide,
        most_threshold=threshold,
        highest=max(counts.values(), default=0),
    )
    table.highlighted = [row.code for row in rows if row.in_most_clusters]
    return table


# --- Baselines and key drivers -------------------------------------------------------------


@dataclass
class ClusterBaselines:
    participation: ClusterParticipation
    baselines: list[Baseline]


def baselines_by_cluster(project) -> list[ClusterBaselines]:
    """Every cluster of the project with its baselines and their reviews (oldest
    first): three queries."""
    participations = (
        ClusterParticipation.objects.filter(project=project)
        .select_related("cluster")
        .prefetch_related(
            Prefetch(
                "baselines",
                Baseline.objects.select_related("recorded_by")
                .prefetch_related(
                    Prefetch(
                        "reviews",
                        ProgressReview.objects.select_related("recorded_by").order_by(
                            "reviewed_on", "pk"
                        ),
                    )
                )
                .order_by("aspect", "pk"),
            )
        )
        .order_by("cluster__name")
    )
    return [ClusterBaselines(p, list(p.baselines.all())) for p in participations]


# Items listed under each key driver on a page; the rest are counted.
DRIVER_EVIDENCE_SHOWN = 10


@dataclass
class DriverWithEvidence:
    driver: KeyDriver
    evidence: list[EvidenceItem]  # the newest `shown` of the readable evidence
    change_ideas: list[ChangeIdea]
    total: int = 0  # readable evidence behind the driver

    @property
    def more(self) -> int:
        return self.total - len(self.evidence)


def drivers_with_evidence(
    project, evidence: QuerySet[EvidenceItem], shown: int = DRIVER_EVIDENCE_SHOWN
) -> list[DriverWithEvidence]:
    """The project's key drivers with their change ideas and, of their evidence, the
    newest `shown` items in `evidence` (a queryset already limited to what the reader
    may read) with how many there are.

    Four queries however much evidence a driver has: the drivers, their change ideas,
    the (driver, item) pairs as bare ids, newest first, and the items to show with
    their sources. (A sliced prefetch did the same with a window function, but
    building its SQL cost more than the rest of the page.)"""
    drivers = list(
        KeyDriver.objects.filter(project=project)
        .select_related("code", "named_by")
        .prefetch_related(Prefetch("change_ideas", ChangeIdea.objects.order_by("position")))
        .order_by("position")
    )
    pairs = KeyDriver.evidence.through.objects.filter(
        keydriver__in=[driver.pk for driver in drivers],
        evidenceitem__in=evidence.order_by().values("pk"),
    ).order_by("-evidenceitem__created_at", "-evidenceitem_id")
    newest: dict[int, list[int]] = defaultdict(list)
    totals: dict[int, int] = defaultdict(int)
    for driver_id, item_id in pairs.values_list("keydriver_id", "evidenceitem_id"):
        totals[driver_id] += 1
        if len(newest[driver_id]) < shown:
            newest[driver_id].append(item_id)
    wanted = {pk for ids in newest.values() for pk in ids}
    # Already known readable (the pairs were filtered by `evidence`): load just what
    # the list shows of them.
    items = EvidenceItem.objects.select_related(*SOURCE_RELATED).in_bulk(wanted) if wanted else {}
    return [
        DriverWithEvidence(
            driver,
            [items[pk] for pk in newest[driver.pk] if pk in items],
            list(driver.change_ideas.all()),
            totals[driver.pk],
        )
        for driver in drivers
    ]


def key_drivers(user, project) -> list[DriverWithEvidence]:
    return drivers_with_evidence(project, evidence_for(user, project))


@dataclass
class ReportSections:
    """What a case-study report shows of the evidence (reports app)."""

    aim: str
    baselines: list[ClusterBaselines]
    key_drivers: list[DriverWithEvidence]
    evidence_count: int


def report_sections(project, user=None) -> ReportSections:
    """Baselines with their reviews per cluster, and the key drivers with their
    evidence and change ideas, in a fixed number of queries (about a dozen). With a
    `user`, the evidence they may read; without, only the evidence everyone who sees
    the project may read (never a log entry kept to its author or cluster)."""
    evidence = evidence_for(user, project) if user is not None else shared_evidence(project)
    return ReportSections(
        aim=aim_of(project),
        baselines=baselines_by_cluster(project),
        key_drivers=drivers_with_evidence(project, evidence),
        evidence_count=evidence.count(),
    )
