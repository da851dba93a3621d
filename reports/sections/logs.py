"""Reflective-log activity: how much was written, when and by how many people. Counts
only: an entry's text stays with the readers its author chose."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min
from django.db.models.functions import TruncMonth

from enquiries.models import LogEntry, Project

MONTH_LIMIT = 24  # the newest months shown


@dataclass
class LogActivity:
    entries: int
    authors: int
    first: dt.date | None
    last: dt.date | None
    by_visibility: list[tuple[str, int]]
    months: list[tuple[dt.date, int]]  # (first of month, entries), oldest first
    clusters: int  # clusters written from

    def __bool__(self) -> bool:
        return bool(self.entries)


def log_activity(project: Project) -> LogActivity:
    """Queries: the totals; entries per month and visibility (one grouped query)."""
    entries = LogEntry.objects.filter(project_id=project.pk).order_by()
    totals = entries.aggregate(
        n=Count("pk"),
        authors=Count("author", distinct=True),
        clusters=Count("cluster", distinct=True),
        first=Min("written_on"),
        last=Max("written_on"),
    )
    labels = dict(LogEntry._meta.get_field("visibility").choices or [])
    by_visibility: dict[str, int] = {}
    by_month: dict[dt.date, int] = {}
    for month, visibility, n in (
        entries.annotate(month=TruncMonth("written_on"))
        .values_list("month", "visibility")
        .annotate(n=Count("pk"))
    ):
        if isinstance(month, dt.datetime):
            month = month.date()
        label = str(labels.get(visibility, visibility))
        by_visibility[label] = by_visibility.get(label, 0) + n
        by_month[month] = by_month.get(month, 0) + n
    months = sorted(by_month.items())[-MONTH_LIMIT:]
    return LogActivity(
        entries=totals["n"],
        authors=totals["authors"],
        first=totals["first"],
        last=totals["last"],
        by_visibility=sorted(by_visibility.items()),
        months=months,
        clusters=totals["clusters"],
    )
