"""Reads for a project's plans: the timeline (chart and table), its CSV, the choices
the plan forms offer, and what the plans ask of one person for "My work".

Every read is a fixed number of queries however long the plan: the timeline pages
through the items (settings.PAGE_SIZE a page) on one time axis for them all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Max, Min, Q, QuerySet, Value, When

from networks.models import RoleAssignment, User
from networks.scope import scope_for

from .. import rules, timeline_chart
from ..models import (
    ClusterParticipation,
    Facilitation,
    FeedbackResponse,
    Milestone,
    PlanDependency,
    PlanItem,
    Project,
    SchoolParticipation,
    Strand,
)

# Project-wide milestones drawn at most; a plan has a handful.
MILESTONE_LIMIT = 100
# What "My work" lists of each kind before saying there are more.
PLAN_WORK_LIMIT = 5
# "Due soon": within this many days.
DUE_SOON_DAYS = 7

ITEM_RELATED = ("owner", "cluster_participation__cluster")


# --- Who takes part ------------------------------------------------------------------


def project_people(project: Project) -> QuerySet[User]:
    """People taking part in the project, who may own its plan items: officers of its
    LA, the people of its clusters, the contacts of the schools in its clusters' work,
    and its LA-to-LA facilitators. One query."""
    clusters = ClusterParticipation.objects.filter(project_id=project.pk).values("cluster_id")
    schools = SchoolParticipation.objects.filter(
        cluster_participation__project_id=project.pk
    ).values("school_id")
    roles = RoleAssignment.objects.current().filter(
        Q(la_id=project.la_id) | Q(cluster_id__in=clusters) | Q(school_id__in=schools)
    )
    facilitations = Facilitation.objects.current().filter(project_id=project.pk)
    return User.objects.filter(
        Q(pk__in=roles.values("user_id")) | Q(pk__in=facilitations.values("user_id")),
        is_active=True,
    ).order_by("name", "pk")


def project_participations(project: Project) -> list[ClusterParticipation]:
    participations = list(
        ClusterParticipation.objects.filter(project_id=project.pk).select_related("cluster")
    )
    for participation in participations:
        participation.project = project
    return participations


def plan_item_choices(project: Project, *, exclude: PlanItem | None = None) -> QuerySet[PlanItem]:
    """The items another may depend on, or a milestone be set on: the project's own."""
    items = PlanItem.objects.filter(project_id=project.pk).order_by("strand", "starts_on", "pk")
    return items.exclude(pk=exclude.pk) if exclude is not None else items


# --- The timeline ----------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineFilter:
    """What the timeline shows; empty means everything."""

    plan: str = ""
    strand: str = ""
    level: str = ""
    cluster: int | None = None  # a ClusterParticipation's pk

    def apply(self, items: QuerySet[PlanItem]) -> QuerySet[PlanItem]:
        if self.plan:
            items = items.filter(plan=self.plan)
        if self.strand:
            items = items.filter(strand=self.strand)
        if self.level:
            items = items.filter(level=self.level)
        if self.cluster is not None:
            items = items.filter(cluster_participation_id=self.cluster)
        return items

    @property
    def is_empty(self) -> bool:
        return not (self.plan or self.strand or self.level or self.cluster is not None)


STRAND_ORDER = list(Strand.values)


def filtered_items(project: Project, chosen: TimelineFilter) -> QuerySet[PlanItem]:
    """The project's items the filter lets through, by strand, start and id."""
    strand_rank = Case(
        *(When(strand=value, then=Value(rank)) for rank, value in enumerate(STRAND_ORDER)),
        output_field=IntegerField(),
    )
    return chosen.apply(PlanItem.objects.filter(project_id=project.pk)).order_by(
        strand_rank, "starts_on", "due_on", "pk"
    )


class _CountedPaginator(Paginator):
    """A paginator told its count (read with the time span in one query)."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


@dataclass
class TimelineRow:
    item: PlanItem
    overdue: bool
    needs: list[tuple[int, str]] = field(default_factory=list)  # (pk, title)
    milestones: list[Milestone] = field(default_factory=list)
    can_edit: bool = False


@dataclass
class Timeline:
    project: Project
    page: Page
    rows: list[TimelineRow]
    milestones: list[Milestone]  # the project's own (not on an item)
    chart: timeline_chart.TimelineLayout
    participations: list[ClusterParticipation]
    today: dt.date

    @property
    def total(self) -> int:
        return self.page.paginator.count


def timeline(
    project: Project,
    chosen: TimelineFilter,
    *,
    page_number,
    today: dt.date,
    user=None,
    participations: list[ClusterParticipation] | None = None,
) -> Timeline:
    """One page of the filtered plan, drawn on the axis of all of it.

    Queries: the count and time span of the filtered items; the page of items (with
    owner and cluster); their dependencies (with the titles needed); the milestones
    (the project's own and those on these items); the project's clusters (unless
    given).
    """
    items = filtered_items(project, chosen)
    span = items.order_by().aggregate(n=Count("pk"), first=Min("starts_on"), last=Max("due_on"))
    paginator = _CountedPaginator(
        items.select_related(*ITEM_RELATED), settings.PAGE_SIZE, count=span["n"]
    )
    page = paginator.get_page(page_number)
    page_items: list[PlanItem] = list(page.object_list)
    ids = [item.pk for item in page_items]

    needs: dict[int, list[tuple[int, str]]] = defaultdict(list)
    dependencies: list[tuple[int, int]] = []
    if ids:
        for item_id, needs_id, title in (
            PlanDependency.objects.filter(item_id__in=ids)
            .order_by("needs__starts_on", "needs_id")
            .values_list("item_id", "needs_id", "needs__title")
        ):
            needs[item_id].append((needs_id, title))
            dependencies.append((item_id, needs_id))
    milestones = list(
        Milestone.objects.filter(project_id=project.pk)
        .filter(Q(item__isnull=True) | Q(item_id__in=ids))
        .order_by("on", "pk")[:MILESTONE_LIMIT]
    )
    on_item: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in milestones:
        if milestone.item_id is not None:
            on_item[milestone.item_id].append(milestone)

    rows = []
    for item in page_items:
        item.project = project
        rows.append(
            TimelineRow(
                item=item,
                overdue=item.is_overdue(today),
                needs=needs.get(item.pk, []),
                milestones=on_item.get(item.pk, []),
                can_edit=user is not None and rules.may_edit_plan_item(user, item),
            )
        )
    strands = list(Strand.choices)
    chart = timeline_chart.layout(
        [
            timeline_chart.ChartItem(
                key=row.item.pk,
                title=row.item.title,
                strand=row.item.strand,
                strand_label=row.item.get_strand_display(),
                status=row.item.status,
                starts_on=row.item.starts_on,
                due_on=row.item.due_on,
                overdue=row.overdue,
                url=row.item.get_absolute_url(),
            )
            for row in rows
        ],
        today=today,
        milestones=[
            timeline_chart.ChartMilestone(title=m.title, on=m.on, item_key=m.item_id)
            for m in milestones
        ],
        dependencies=dependencies,
        span=(span["first"], span["last"]),
        strands=strands,
    )
    return Timeline(
        project=project,
        page=page,
        rows=rows,
        milestones=[m for m in milestones if m.item_id is None],
        chart=chart,
        participations=participations
        if participations is not None
        else project_participations(project),
        today=today,
    )


CSV_HEADER = [
    "Plan",
    "Strand",
    "Level",
    "Title",
    "Description",
    "Cluster",
    "Owner",
    "Start date",
    "Due date",
    "Status",
    "Overdue",
    "Depends on",
    "Milestones",
]


def timeline_csv_rows(
    project: Project, chosen: TimelineFilter, *, today: dt.date
) -> Iterator[list[str]]:
    """Every filtered item as a CSV row (header first). Queries: the project's
    dependencies and item milestones (titles), then the items, read in chunks."""
    needs: dict[int, list[str]] = defaultdict(list)
    for item_id, title in (
        PlanDependency.objects.filter(item__project_id=project.pk)
        .order_by("needs__starts_on", "needs_id")
        .values_list("item_id", "needs__title")
    ):
        needs[item_id].append(title)
    marks: dict[int, list[str]] = defaultdict(list)
    for item_id, title, on in (
        Milestone.objects.filter(project_id=project.pk, item__isnull=False)
        .order_by("on", "pk")
        .values_list("item_id", "title", "on")
    ):
        marks[item_id].append(f"{title} ({on.isoformat()})")
    yield CSV_HEADER
    items = filtered_items(project, chosen).select_related(*ITEM_RELATED)
    for item in items.iterator(chunk_size=500):
        participation = item.cluster_participation
        yield [
            item.get_plan_display(),
            item.get_strand_display(),
            item.get_level_display(),
            item.title,
            item.description,
            participation.cluster.name if participation else "",
            item.owner.name if item.owner else "",
            item.starts_on.isoformat(),
            item.due_on.isoformat(),
            item.get_status_display(),
            "Overdue" if item.is_overdue(today) else "",
            "; ".join(needs.get(item.pk, [])),
            "; ".join(marks.get(item.pk, [])),
        ]


# --- "My work" -------------------------------------------------------------------------


@dataclass
class PlanWork:
    """What a project's plans ask of one person just now."""

    today: dt.date
    loops_waiting: list[FeedbackResponse] = field(default_factory=list)
    more_loops: bool = False
    items_due: list[PlanItem] = field(default_factory=list)
    more_items: bool = False

    @property
    def is_empty(self) -> bool:
        return not (self.loops_waiting or self.items_due)


def plan_work_for(user, *, today: dt.date, limit: int = PLAN_WORK_LIMIT) -> PlanWork:
    """Feedback loops open now that wait for an answer from a cluster the person leads,
    soonest closing first; and the unfinished plan items they own that are overdue or
    due within a week. Queries: one for each (none for loops if they lead no cluster).
    """
    work = PlanWork(today=today)
    lead_clusters = scope_for(user).lead_cluster_ids
    if lead_clusters:
        waiting = list(
            FeedbackResponse.objects.waiting()
            .filter(
                cluster_participation__cluster_id__in=lead_clusters,
                loop__opened_at__isnull=False,
                loop__closed_at__isnull=True,
                loop__closes_on__gte=today,
            )
            .select_related("loop__project__la", "cluster_participation__cluster")
            .order_by("loop__closes_on", "pk")[: limit + 1]
        )
        work.loops_waiting, work.more_loops = waiting[:limit], len(waiting) > limit
    due = list(
        PlanItem.objects.filter(owner=user, due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        .unfinished()
        .select_related("project__la")
        .order_by("due_on", "pk")[: limit + 1]
    )
    for item in due:
        item.overdue = item.is_overdue(today)  # type: ignore[attr-defined]
    work.items_due, work.more_items = due[:limit], len(due) > limit
    return work
