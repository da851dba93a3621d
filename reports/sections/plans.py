"""Plan progress: the items of both plans by status, what is overdue, and the
milestones."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from enquiries.models import Milestone, Plan, PlanItem, Project

MILESTONE_LIMIT = 60


@dataclass
class PlanRow:
    label: str
    counts: list[int]  # in PlanProgress.statuses order
    total: int


@dataclass
class PlanProgress:
    statuses: list[str]  # status labels
    rows: list[PlanRow]
    overdue: int
    milestones: list[Milestone] = field(default_factory=list)
    milestones_total: int = 0
    today: dt.date | None = None

    def __bool__(self) -> bool:
        return any(row.total for row in self.rows) or bool(self.milestones)

    @property
    def done_percent(self) -> int:
        done_index = list(PlanItem.Status.values).index(PlanItem.Status.DONE)
        total = sum(row.total for row in self.rows)
        done = sum(row.counts[done_index] for row in self.rows)
        return round(100 * done / total) if total else 0

    @property
    def milestones_left_out(self) -> int:
        return self.milestones_total - len(self.milestones)


def plan_progress(project: Project) -> PlanProgress:
    """Queries: items per plan and status; overdue items; the milestones' count and
    the milestones."""
    today = timezone.localdate()
    items = PlanItem.objects.filter(project_id=project.pk)
    counts: dict[tuple[str, str], int] = {
        (plan, status): n
        for plan, status, n in items.order_by()
        .values_list("plan", "status")
        .annotate(n=Count("pk"))
        .values_list("plan", "status", "n")
    }
    statuses = list(PlanItem.Status.values)
    rows = []
    for plan, label in Plan.choices:
        cells = [counts.get((plan, status), 0) for status in statuses]
        rows.append(PlanRow(label=label, counts=cells, total=sum(cells)))
    milestones = Milestone.objects.filter(project_id=project.pk)
    return PlanProgress(
        statuses=[label for _, label in PlanItem.Status.choices],
        rows=rows,
        overdue=items.overdue(today).count(),
        milestones=list(milestones.order_by("on", "pk")[:MILESTONE_LIMIT]),
        milestones_total=milestones.count(),
        today=today,
    )
