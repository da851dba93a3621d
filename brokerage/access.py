"""Loading an LA's brokerage, a cluster's, a project's or one record, for an action.

One helper per kind: 404 for anyone who may not read it (the same answer as for an
id that does not exist, so ids leak nothing), 403 for a reader who may not take the
action. Each does its own select_related / prefetch_related, so the checks (and the
page's labels) cost no further query.
"""

from __future__ import annotations

from django.db.models import Prefetch

from enquiries.models import Project
from networks.access_helpers import Check, allow, first
from networks.models import Cluster, LocalAuthority

from . import rules
from .models import CommissionedService, Partner, Partnership

LA_ACTIONS: dict[str, Check] = {
    "view": rules.sees_la_brokerage,
    "record": rules.records_la_brokerage,
}


def get_la_for_user(user, code: str, *, action: str = "view") -> LocalAuthority:
    """An LA, for its brokerage pages (readers) or recording (its recorders)."""
    la = LocalAuthority.objects.filter(code=str(code)).first()
    return allow(user, la, action, LA_ACTIONS, "local authority")


CLUSTER_ACTIONS: dict[str, Check] = {"view": rules.sees_cluster_brokerage}


def get_cluster_for_user(user, pk, *, action: str = "view") -> Cluster:
    cluster = first(Cluster.objects.select_related("host_la"), pk)
    return allow(user, cluster, action, CLUSTER_ACTIONS, "cluster")


PROJECT_ACTIONS: dict[str, Check] = {
    "view": lambda user, project: rules.reads_la(user, project.la_id),
    "visit": rules.may_record_visit,
    "peer_review": rules.may_record_peer_review,
}


def get_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = first(Project.objects.select_related("la", "initiative"), pk)
    return allow(user, project, action, PROJECT_ACTIONS, "project")


PARTNER_ACTIONS: dict[str, Check] = {"view": rules.sees_partner, "manage": rules.manages}


def get_partner_for_user(user, pk, *, action: str = "view") -> Partner:
    partner = first(
        Partner.objects.select_related("la").prefetch_related(
            Prefetch(
                "partnerships",
                Partnership.objects.select_related("cluster", "project").order_by(
                    "status", "-starts_on", "pk"
                ),
            )
        ),
        pk,
    )
    return allow(user, partner, action, PARTNER_ACTIONS, "partner")


PARTNERSHIP_ACTIONS: dict[str, Check] = {"view": rules.sees_partnership, "manage": rules.manages}


def get_partnership_for_user(user, pk, *, action: str = "view") -> Partnership:
    partnership = first(
        Partnership.objects.select_related("la", "partner", "cluster", "project"), pk
    )
    return allow(user, partnership, action, PARTNERSHIP_ACTIONS, "partnership")


SERVICE_ACTIONS: dict[str, Check] = {"view": rules.sees_service, "review": rules.manages}


def get_service_for_user(user, pk, *, action: str = "view") -> CommissionedService:
    service = first(CommissionedService.objects.select_related("la", "cluster", "provider"), pk)
    return allow(user, service, action, SERVICE_ACTIONS, "commissioned service")
