"""Reads for reflective logs: a project's log page, and what is due for a person (the
home page). Each a fixed number of queries however much data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from .. import access_q_logs
from ..models import ArchiveItem, LogEntry, LogSchedule, Project
from ..models.logs import DEFAULT_LOG_CADENCE, LogCadence
from ..periods import Period, current_period

FINISHED = (Project.Status.COMPLETED, Project.Status.WITHDRAWN)


def log_entries(project: Project, user) -> QuerySet[LogEntry]:
    """The entries of the project this person may read, newest first (author and
    cluster joined, attachments prefetched)."""
    return (
        LogEntry.objects.visible_to(user)
        .filter(project=project)
        .select_related("author", "cluster")
        .prefetch_related("attachments")
        .order_by("-created_at", "-pk")
    )


def log_entries_page(project: Project, user, page_number) -> Page:
    """A page of log_entries. Queries: the count, the page, its attachments."""
    return Paginator(log_entries(project, user), settings.PAGE_SIZE).get_page(page_number)


def _cadence() -> Coalesce:
    return Coalesce(
        Subquery(LogSchedule.objects.filter(project=OuterRef("pk")).values("cadence")[:1]),
        Value(DEFAULT_LOG_CADENCE),
        output_field=CharField(),
    )


def _periods(now: datetime) -> dict[str, Period]:
    periods = {}
    for cadence in LogCadence.values:
        period = current_period(cadence, now)
        if period is not None:
            periods[cadence] = period
    return periods


@dataclass
class LogDue:
    project_id: int
    title: str
    la_name: str
    period: Period


def logs_due_for(user, *, now: datetime | None = None) -> list[LogDue]:
    """The projects where this person is asked for a log entry this period and has not
    written one. One query: each project's cadence, and whether the person has an
    entry since its period began."""
    now = now or timezone.now()
    periods = _periods(now)
    period_start = Case(
        *(When(cadence=cadence, then=Value(p.starts_at)) for cadence, p in periods.items()),
        default=Value(None),
    )
    written = LogEntry.objects.filter(
        author_id=user.pk, project_id=OuterRef("pk"), created_at__gte=OuterRef("period_start")
    )
    rows = (
        Project.objects.filter(access_q_logs.reminded_projects(user))
        .exclude(status__in=FINISHED)
        .annotate(cadence=_cadence())
        .exclude(cadence=LogCadence.OFF)
        .annotate(period_start=period_start)
        .filter(~Exists(written))
        .order_by("la__name", "title")
        .values_list("pk", "title", "la__name", "cadence")
    )
    return [LogDue(pk, title, la_name, periods[cadence]) for pk, title, la_name, cadence in rows]


RECENT_ARCHIVE_LIMIT = 5


def recent_archive_for(user, *, limit: int = RECENT_ARCHIVE_LIMIT) -> list[ArchiveItem]:
    """The newest archive additions in the projects this person takes part in. One query."""
    return list(
        ArchiveItem.objects.filter(access_q_logs.participating_projects(user, "project__"))
        .select_related("project__la", "category", "current_version")
        .order_by("-updated_at", "-pk")[:limit]
    )


def has_written_this_period(user, project: Project, cadence: str) -> bool | None:
    """None when logging is off; else whether the person has an entry this period."""
    period = current_period(cadence)
    if period is None:
        return None
    return LogEntry.objects.filter(
        Q(author_id=user.pk, project=project, created_at__gte=period.starts_at)
    ).exists()
