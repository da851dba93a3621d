"""Membership brokerage: how well an LA's open schools are networked, now and at each
month end, and what each cluster looks like beside the questions an LA asks its
network leaders about membership (domain.md, brokerage role 1):

* is the size fit for purpose?
* is the mix of schools diverse enough?
* does it serve all children in a recognisable community?
* why are some schools in and others not?

Membership stays voluntary: LAs influence, never direct. These are facts to take
into that conversation, not verdicts.

Every function issues a fixed number of queries however many schools, clusters and
memberships there are; the month-end series is one grouped query.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from networks.models import Cluster, LocalAuthority, Membership, School
from networks.models.register import active_membership_q
from networks.selectors import Coverage, coverage_by_la

MONTHS = 12
# Past month ends change only when someone records a membership or a school with an
# earlier date, so a set of LAs' month-end series is kept in the cache this long;
# today's point is always read live.
HISTORY_CACHE_SECONDS = 6 * 60 * 60

log = logging.getLogger(__name__)


# --- Coverage over time ------------------------------------------------------------


def month_ends(today: dt.date, months: int = MONTHS) -> list[dt.date]:
    """The last day of each of the `months` months before this one, oldest first."""
    ends = []
    year, month = today.year, today.month
    for _ in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        ends.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
    return list(reversed(ends))


def open_on_q(on: dt.date, prefix: str = "") -> Q:
    """A school open on a past day, as far as the register can tell: open now (and
    opened by then), or closed since then. "Open, but proposed to close" is left out,
    as SchoolQuerySet.open() leaves it out today."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    opened = q(opened_on__isnull=True) | q(opened_on__lte=on)
    still_open = q(status=School.Status.OPEN)
    closed_later = q(status=School.Status.CLOSED, closed_on__gt=on)
    return opened & (still_open | closed_later)


def member_on_q(on: dt.date, prefix: str = "") -> Q:
    """A membership current on a past day in a cluster then running: joined by then (or
    with no joining date), not yet left, its cluster not yet dissolved.

    networks.models.register.active_membership_q is the same test for today, where a
    cluster with any dissolution date counts as dissolved; on a past day, a cluster
    dissolved later was still running."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return (
        (q(joined_on__lte=on) | q(joined_on__isnull=True))
        & (q(left_on__gt=on) | q(left_on__isnull=True))
        & (q(cluster__dissolved_on__isnull=True) | q(cluster__dissolved_on__gt=on))
    )


@dataclass(frozen=True)
class CoveragePoint:
    on: dt.date
    coverage: Coverage
    is_today: bool = False

    @property
    def label(self) -> str:
        return "Today" if self.is_today else self.on.strftime("%b %Y")


def coverage_history(
    schools: QuerySet[School], *, today: dt.date | None = None
) -> list[CoveragePoint]:
    """Coverage of `schools` at each of the last twelve month ends, and today.

    One query: each school is grouped with its memberships and marked, per day, open
    or not and covered or not (MAX over its memberships); the outer query sums the
    marks. Today uses the register's own definitions (SchoolQuerySet.open and
    active_membership_q), so the last point always matches the LA page.
    """
    today = today or timezone.localdate()
    days = month_ends(today)
    marks = {}
    for n, on in enumerate(days):
        marks[f"open_{n}"] = _mark(open_on_q(on))
        marks[f"covered_{n}"] = _mark(open_on_q(on) & _joined(member_on_q(on, "memberships__")))
    marks["open_now"] = _mark(Q(status=School.Status.OPEN))
    marks["covered_now"] = _mark(
        Q(status=School.Status.OPEN) & _joined(active_membership_q("memberships__", on=today))
    )
    totals = (
        schools.order_by()
        .values("pk")
        .annotate(**marks)
        .aggregate(**{f"sum_{name}": Coalesce(Sum(name), 0) for name in marks})
    )
    points = [
        CoveragePoint(on, Coverage(totals[f"sum_open_{n}"], totals[f"sum_covered_{n}"]))
        for n, on in enumerate(days)
    ]
    points.append(
        CoveragePoint(
            today, Coverage(totals["sum_open_now"], totals["sum_covered_now"]), is_today=True
        )
    )
    return points


def las_coverage_history(la_ids, *, today: dt.date | None = None) -> list[CoveragePoint]:
    """coverage_history() of the open schools of these LAs, for the brokerage pages.

    The month ends come from the cache when they were worked out today (the national
    series is a grouped pass over every school and membership, about 100 ms); today's
    point is the register's own coverage (coverage_by_la), read live, so it always
    matches the LA pages. A cache that is down costs the full query, never the page.
    """
    today = today or timezone.localdate()
    ids = sorted(set(la_ids))
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:32]
    key = f"coverage-history:{today.isoformat()}:{digest}"
    try:
        past = cache.get(key)
    except Exception:  # the cache server is down or slow: work it out instead
        log.warning("Coverage history not read from the cache", exc_info=True)
        past = None
    if past is None:
        points = coverage_history(School.objects.filter(la_id__in=ids), today=today)[:-1]
        past = [(p.on.isoformat(), p.coverage.open_schools, p.coverage.covered) for p in points]
        try:
            cache.set(key, past, HISTORY_CACHE_SECONDS)
        except Exception:
            log.warning("Coverage history not kept in the cache", exc_info=True)
    now = coverage_by_la(ids).values()
    total = Coverage(sum(c.open_schools for c in now), sum(c.covered for c in now))
    return [
        *(CoveragePoint(dt.date.fromisoformat(on), Coverage(n, c)) for on, n, c in past),
        CoveragePoint(today, total, is_today=True),
    ]


def _joined(condition: Q) -> Q:
    return Q(memberships__isnull=False) & condition


def _mark(condition: Q) -> Max:
    """1 if any of the school's joined rows meets `condition`, else 0."""
    return Max(Case(When(condition, then=1), default=0, output_field=IntegerField()))


# --- Each cluster beside the membership questions ------------------------------------


@dataclass
class ClusterProfile:
    cluster: Cluster
    members: int = 0
    pupils: int = 0
    phases: list[tuple[str, int]] = field(default_factory=list)
    towns: list[tuple[str, int]] = field(default_factory=list)
    other_la_schools: int = 0
    lead_schools: list[str] = field(default_factory=list)
    isolated_nearby: int = 0  # open schools in its towns that are in no active cluster

    @property
    def phase_diversity(self) -> float:
        """Gini–Simpson index over phases: the chance two members picked at random are
        of different phases (0 when all share one phase)."""
        if self.members < 2:
            return 0.0
        return 1 - sum((n / self.members) ** 2 for _, n in self.phases)

    @property
    def is_cross_phase(self) -> bool:
        return len(self.phases) > 1

    @property
    def phase_summary(self) -> str:
        return ", ".join(f"{n} {label.lower()}" for label, n in self.phases) or "no members now"

    @property
    def town_summary(self) -> str:
        return ", ".join(f"{town} ({n})" for town, n in self.towns) or "no towns recorded"


def hosted_clusters(la: LocalAuthority) -> QuerySet[Cluster]:
    """The LA's clusters, running ones first, with current members and pupils counted."""
    current = (
        Membership.objects.active().filter(cluster=OuterRef("pk")).order_by().values("cluster")
    )
    return la.clusters.annotate(
        member_count=Coalesce(
            Subquery(current.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            0,
        ),
        pupil_count=Coalesce(
            Subquery(
                current.annotate(n=Sum("school__pupils")).values("n"),
                output_field=IntegerField(),
            ),
            0,
        ),
    ).order_by("dissolved_on", "name")


def cluster_profiles(la: LocalAuthority, clusters: list[Cluster]) -> list[ClusterProfile]:
    """Profiles of `clusters` (one page of hosted_clusters), in three queries: the
    members' phases, towns and LAs grouped per cluster; the lead schools; the LA's
    isolated schools grouped by town."""
    profiles = {
        cluster.pk: ClusterProfile(
            cluster,
            members=getattr(cluster, "member_count", 0),
            pupils=getattr(cluster, "pupil_count", 0),
        )
        for cluster in clusters
    }
    if not profiles:
        return []
    phase_labels = dict(School.Phase.choices)
    phases: dict[int, Counter] = defaultdict(Counter)
    towns: dict[int, Counter] = defaultdict(Counter)
    rows = (
        Membership.objects.active()
        .filter(cluster_id__in=profiles)
        .order_by()
        .values("cluster_id", "school__phase", "school__town", "school__la_id")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        profile = profiles[row["cluster_id"]]
        phases[profile.cluster.pk][phase_labels.get(row["school__phase"], "Unknown")] += row["n"]
        if row["school__town"]:
            towns[profile.cluster.pk][row["school__town"]] += row["n"]
        if row["school__la_id"] != profile.cluster.host_la_id:
            profile.other_la_schools += row["n"]
    leads = (
        Membership.objects.active()
        .filter(cluster_id__in=profiles, is_lead=True)
        .order_by("school__name")
        .values_list("cluster_id", "school__name")
    )
    for cluster_id, name in leads:
        profiles[cluster_id].lead_schools.append(name)
    isolated_by_town = dict(
        School.objects.filter(la=la)
        .isolated()
        .exclude(town="")
        .order_by()
        .values("town")
        .annotate(n=Count("pk"))
        .values_list("town", "n")
    )
    for cluster_id, profile in profiles.items():
        profile.phases = sorted(phases[cluster_id].items(), key=lambda item: (-item[1], item[0]))
        profile.towns = sorted(towns[cluster_id].items(), key=lambda item: (-item[1], item[0]))
        profile.isolated_nearby = sum(isolated_by_town.get(town, 0) for town, _ in profile.towns)
    return [profiles[cluster.pk] for cluster in clusters]


# --- Across LAs ------------------------------------------------------------------


@dataclass
class LaCoverage:
    la: LocalAuthority
    coverage: Coverage


def la_coverages(las: list[LocalAuthority]) -> list[LaCoverage]:
    """Coverage for one page of LAs, in one grouped query."""
    found = coverage_by_la([la.pk for la in las])
    return [LaCoverage(la, found[la.pk]) for la in las]


def total_coverage(points: list[CoveragePoint]) -> Coverage:
    return points[-1].coverage
