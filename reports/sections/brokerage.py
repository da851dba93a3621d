"""Brokerage that concerns the project: the LA's activities naming its clusters (by
role), partnerships with the project or its clusters, resources brokered for its
clusters (totals by network and source) and services its clusters commission, with
the latest value-for-money judgement.

The case study is published to everyone who sees the project (it is filed in the
research archive); who may request one reads all of this as the LA's brokerage
(reports/access_q.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from brokerage.models import (
    BrokerageActivity,
    BrokerageRole,
    CommissionedService,
    Partnership,
    ResourceAllocation,
)
from brokerage.selectors.records import ResourceTotals, resource_totals
from enquiries.models import ClusterParticipation, Project

ACTIVITY_LIMIT = 15  # the newest activities listed
PARTNERSHIP_LIMIT = 50
SERVICE_LIMIT = 50


@dataclass
class Brokerage:
    roles: list[tuple[str, int]]  # (role label, activities), every role
    activities: list[BrokerageActivity]
    activity_total: int
    partnerships: list[Partnership]
    partnership_total: int
    resources: ResourceTotals
    services: list[CommissionedService]
    service_total: int

    def __bool__(self) -> bool:
        return bool(
            self.activity_total
            or self.partnership_total
            or self.resources.networks
            or self.service_total
        )


def brokerage(project: Project) -> Brokerage:
    """Queries: activities by role; the newest activities; the partnerships' count and
    list; the resources' totals; the services' count and list (with school counts)."""
    clusters = ClusterParticipation.objects.filter(project_id=project.pk).values("cluster_id")
    naming = BrokerageActivity.clusters.through.objects.filter(cluster_id__in=clusters).values(
        "brokerageactivity_id"
    )
    activities = BrokerageActivity.objects.filter(la_id=project.la_id, pk__in=naming)
    by_role = dict(
        activities.order_by().values_list("role").annotate(n=Count("pk")).values_list("role", "n")
    )
    roles = [(label, by_role.get(role, 0)) for role, label in BrokerageRole.choices]
    partnerships = Partnership.objects.filter(project_id=project.pk) | Partnership.objects.filter(
        cluster_id__in=clusters
    )
    services = CommissionedService.objects.filter(cluster_id__in=clusters)
    return Brokerage(
        roles=roles,
        activities=list(activities.order_by("-happened_on", "-pk")[:ACTIVITY_LIMIT]),
        activity_total=sum(by_role.values()),
        partnerships=list(
            partnerships.select_related("partner", "cluster", "project").order_by(
                "status", "partner__name", "pk"
            )[:PARTNERSHIP_LIMIT]
        ),
        partnership_total=partnerships.count(),
        resources=resource_totals(ResourceAllocation.objects.filter(cluster_id__in=clusters)),
        services=list(
            services.select_related("provider", "cluster")
            .annotate(school_count=Count("schools"))
            .order_by("-starts_on", "-pk")[:SERVICE_LIMIT]
        ),
        service_total=services.count(),
    )
