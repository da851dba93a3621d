"""Loading an LA's brokerage, a cluster's, a project's or one record, for an action.

One helper per kind: 404 for anyone who may not read it (the same answer as for an
id that does not exist, so ids leak nothing), 403 for a reader who may not take the
action. Each does its own select_related / prefetch_related, so the checks (and the
page's labels) cost no further query.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404

from enquiries.models import Project
from networks.models import Cluster, LocalAuthority

from . import rules
from .models import CommissionedService, Partner, Partnership

Check = Callable[[Any, Any], bool]


def _allow(user, obj, action: str, checks: dict[str, Check], what: str):
    if obj is None or not checks["view"](user, obj):
        raise Http404(f"No such {what}")
    if action not in checks:
        raise ValueError(f"Unknown action on {what}: {action!r}")
    if not checks[action](user, obj):
        raise PermissionDenied
    return obj


def _first(queryset, pk):
    return queryset.filter(pk=pk).first() if str(pk).isdigit() else None


LA_ACTIONS: dict[str, Check] = {
    "view": rules.sees_la_brokerage,
    "record": rules.records_la_brokerage,
}


def get_la_for_user(user, code: str, *, action: str = "view") -> LocalAuthority:
    """An LA, for its brokerage pages (readers) or recording (its recorders)."""
    la = LocalAuthority.objects.filter(code=str(code)).first()
    return _allow(user, la, action, LA_ACTIONS, "local authority")


CLUSTER_ACTIONS: dict[str, Check] = {"view": rules.sees_cluster_brokerage}


def get_cluster_for_user(user, pk, *, action: str = "view") -> Cluster:
    cluster = _first(Cluster.objects.select_related("host_la"), pk)
    return _allow(user, cluster, action, CLUSTER_ACTIONS, "cluster")


PROJECT_ACTIONS: dict[str, Check] = {
    "view": lambda user, project: rules.reads_la(user, project.la_id),
    "visit": rules.may_record_visit,
    "peer_review": rules.may_record_peer_review,
}


def get_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = _first(Project.objects.select_related("la", "initiative"), pk)
    return _allow(user, project, action, PROJECT_ACTIONS, "project")


PARTNER_ACTIONS: dict[str, Check] = {"view": rules.sees_partner, "manage": rules.manages}


def get_partner_for_user(user, pk, *, action: str = "view") -> Partner:
    partner = _first(
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
    return _allow(user, partner, action, PARTNER_ACTIONS, "partner")


PARTNERSHIP_ACTIONS: dict[str, Check] = {"view": rules.sees_partnership, "manage": rules.manages}


def get_partnership_for_user(user, pk, *, action: str = "view") -> Partnership:
    partnership = _first(
        Partnership.objects.select_related("la", "partner", "cluster", "project"), pk
    )
    return _allow(user, partnership, action, PARTNERSHIP_ACTIONS, "partnership")


SERVICE_ACTIONS: dict[str, Check] = {"view": rules.sees_service, "review": rules.manages}


def get_service_for_user(user, pk, *, action: str = "view") -> CommissionedService:
    service = _first(CommissionedService.objects.select_related("la", "cluster", "provider"), pk)
    return _allow(user, service, action, SERVICE_ACTIONS, "commissioned service")
