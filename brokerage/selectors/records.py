"""Reads the brokerage pages share: each kind's list for an LA or a cluster, the
totals of resources, and the dashboard's figures.

Every list starts from `visible_to(user)` and loads what its rows show with
select_related / prefetch_related, so a page costs the same number of queries for
one row as for a page of them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from networks.models import Cluster, LocalAuthority, School

from .. import access_q
from ..models import (
    BrokerageActivity,
    BrokerageRole,
    CommissionedService,
    FacilitationVisit,
    FundingSource,
    ImpactReview,
    KnowledgeExchange,
    Partner,
    Partnership,
    PartnershipStatus,
    PeerReview,
    ResourceAllocation,
)
from .membership import month_ends

SUMMARY_LIMIT = 10


def activities(user, **where) -> QuerySet[BrokerageActivity]:
    return (
        BrokerageActivity.objects.visible_to(user)
        .filter(**where)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("clusters", Cluster.objects.order_by("name")))
    )


def partners(user, **where) -> QuerySet:
    """Partners with their partnerships counted (all, and active)."""
    return (
        Partner.objects.visible_to(user)
        .filter(**where)
        .annotate(
            partnership_count=Count("partnerships", distinct=True),
            active_count=Count(
                "partnerships",
                filter=Q(partnerships__status=PartnershipStatus.ACTIVE),
                distinct=True,
            ),
        )
        # Explicit: a query with aggregates ignores Meta.ordering.
        .order_by("name", "pk")
    )


def partnerships(user, **where) -> QuerySet[Partnership]:
    return (
        Partnership.objects.visible_to(user)
        .filter(**where)
        .select_related("partner", "cluster", "project")
        .order_by("status", "partner__name", "pk")
    )


def resources(user, **where) -> QuerySet[ResourceAllocation]:
    return ResourceAllocation.objects.visible_to(user).filter(**where).select_related("cluster")


def services(user, **where) -> QuerySet[CommissionedService]:
    return (
        CommissionedService.objects.visible_to(user)
        .filter(**where)
        .select_related("cluster", "provider")
        .prefetch_related(Prefetch("schools", School.objects.order_by("name")))
    )


def impact_reviews(service: CommissionedService) -> QuerySet[ImpactReview]:
    return service.impact_reviews.select_related("recorded_by")


def visits(user, **where) -> QuerySet[FacilitationVisit]:
    return (
        FacilitationVisit.objects.visible_to(user)
        .filter(**where)
        .select_related("project", "facilitator")
    )


def peer_reviews(user, **where) -> QuerySet[PeerReview]:
    return PeerReview.objects.visible_to(user).filter(**where).select_related("project")


def exchanges(user, **where) -> QuerySet[KnowledgeExchange]:
    return (
        KnowledgeExchange.objects.visible_to(user)
        .filter(**where)
        .select_related("source_cluster__host_la")
        .prefetch_related(
            Prefetch("target_clusters", Cluster.objects.select_related("host_la").order_by("name"))
        )
    )


# --- Totals of resources ------------------------------------------------------------


@dataclass
class SourceTotal:
    source: str
    label: str
    amount: Decimal = Decimal("0")
    days: Decimal = Decimal("0")


@dataclass
class NetworkTotals:
    cluster_id: int
    name: str
    by_source: dict[str, Decimal] = field(default_factory=dict)
    amount: Decimal = Decimal("0")
    days: Decimal = Decimal("0")
    by_source_cells: list[Decimal] = field(default_factory=list)  # in ResourceTotals.sources order


@dataclass
class ResourceTotals:
    sources: list[SourceTotal]  # every source with anything, in the choices' order
    networks: list[NetworkTotals]
    amount: Decimal = Decimal("0")
    days: Decimal = Decimal("0")


def resource_totals(allocations: QuerySet[ResourceAllocation]) -> ResourceTotals:
    """Money and time per network and per source, in one grouped query."""
    rows = (
        allocations.order_by()
        .values("cluster_id", "cluster__name", "source")
        .annotate(amount=Sum("amount"), days=Sum("facilitation_days"))
    )
    labels = dict(FundingSource.choices)
    sources: dict[str, SourceTotal] = {}
    networks: dict[int, NetworkTotals] = {}
    totals = ResourceTotals(sources=[], networks=[])
    for row in rows:
        amount, days = row["amount"] or Decimal("0"), row["days"] or Decimal("0")
        source = sources.setdefault(
            row["source"], SourceTotal(row["source"], labels[row["source"]])
        )
        source.amount += amount
        source.days += days
        network = networks.setdefault(
            row["cluster_id"], NetworkTotals(row["cluster_id"], row["cluster__name"])
        )
        network.by_source[row["source"]] = network.by_source.get(row["source"], 0) + amount
        network.amount += amount
        network.days += days
        totals.amount += amount
        totals.days += days
    totals.sources = [sources[value] for value in FundingSource.values if value in sources]
    totals.networks = sorted(networks.values(), key=lambda n: (-n.amount, n.name))
    for network in totals.networks:
        network.by_source_cells = [
            network.by_source.get(s.source, Decimal("0")) for s in totals.sources
        ]
    return totals


# --- The dashboard -------------------------------------------------------------------


@dataclass
class RoleMonths:
    months: list[dt.date]  # the first day of each month shown, oldest first
    # counts[role][i]: activities under the role in months[i]
    counts: dict[str, list[int]]

    @property
    def roles(self) -> list[tuple[str, str]]:
        return list(BrokerageRole.choices)

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts.values())

    def rows(self) -> list[tuple[dt.date, list[int], int]]:
        """(month, count per role, total) for a table."""
        result = []
        for i, month in enumerate(self.months):
            cells = [self.counts[role][i] for role, _ in self.roles]
            result.append((month, cells, sum(cells)))
        return result

    def role_totals(self) -> list[int]:
        return [sum(self.counts[role]) for role, _ in self.roles]


def activity_by_role(activities_qs: QuerySet[BrokerageActivity], *, today=None) -> RoleMonths:
    """Activities per role in each of the last twelve months and this one: one query."""
    today = today or timezone.localdate()
    months = [end.replace(day=1) for end in month_ends(today)] + [today.replace(day=1)]
    rows = (
        activities_qs.filter(happened_on__gte=months[0], happened_on__lte=today)
        .order_by()
        .annotate(month=TruncMonth("happened_on"))
        .values("month", "role")
        .annotate(n=Count("pk"))
    )
    index = {month: i for i, month in enumerate(months)}
    counts = {role: [0] * len(months) for role in BrokerageRole.values}
    for row in rows:
        month = row["month"]
        if isinstance(month, dt.datetime):
            month = month.date()
        if month in index and row["role"] in counts:
            counts[row["role"]][index[month]] += row["n"]
    return RoleMonths(months=months, counts=counts)


def due_reviews(user, la_ids, *, within_days: int = 30) -> QuerySet[CommissionedService]:
    """Services of these LAs whose next impact review is due within a month (or late)."""
    by = timezone.localdate() + dt.timedelta(days=within_days)
    return (
        CommissionedService.objects.visible_to(user)
        .filter(la_id__in=la_ids)
        .review_due(by)
        .select_related("cluster", "la")
        .order_by("next_review_on", "pk")
    )


def brokerage_las(user) -> QuerySet[LocalAuthority]:
    """The LAs whose brokerage pages the person may open."""
    return LocalAuthority.objects.filter(access_q.readable_las(user))


def my_clusters(user) -> QuerySet[Cluster]:
    """The clusters whose brokerage the person reads through a cluster role."""
    return Cluster.objects.filter(pk__in=access_q.cluster_ids(user)).select_related("host_la")


def cluster_summary(user, cluster: Cluster) -> dict[str, tuple[list, bool]]:
    """What concerns one cluster, kind by kind: the newest few, and whether there are
    more (five queries, and two prefetches)."""

    def first(queryset) -> tuple[list, bool]:
        rows = list(queryset[: SUMMARY_LIMIT + 1])
        return rows[:SUMMARY_LIMIT], len(rows) > SUMMARY_LIMIT

    return {
        "activities": first(activities(user, clusters=cluster)),
        "partnerships": first(partnerships(user, cluster=cluster)),
        "resources": first(resources(user, cluster=cluster)),
        "services": first(services(user, cluster=cluster)),
        "exchanges": first(
            exchanges(user)
            .filter(Q(source_cluster=cluster) | Q(target_clusters=cluster))
            .distinct()
        ),
    }
