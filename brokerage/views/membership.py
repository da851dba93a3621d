"""Membership brokerage for one LA: coverage now and at each month end, isolated
schools, and each cluster beside the questions an LA asks about membership."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest

from ..access import get_la_for_user
from ..selectors import membership
from ._common import la_context, paginate
from .overview import _coverage_chart


@require_GET
@login_required
def la_membership(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    history = membership.las_coverage_history([la.pk])
    page_obj = paginate(request, membership.hosted_clusters(la))
    context = la_context(
        request.user,
        la,
        "membership",
        coverage=history[-1].coverage,
        history=history,
        chart=_coverage_chart(history),
        page_obj=page_obj,
        profiles=membership.cluster_profiles(la, list(page_obj.object_list)),
    )
    return render(request, "brokerage/la_membership.html", context)


MEMBERSHIP_HEADER = [
    "Cluster",
    "Kind",
    "Running",
    "Schools now",
    "Pupils",
    "Phase mix",
    "Phase diversity",
    "Towns served",
    "Schools of other LAs",
    "Isolated open schools in its towns",
    "Lead school(s)",
]


@require_GET
@login_required
def la_membership_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    profiles = membership.cluster_profiles(la, list(membership.hosted_clusters(la)))
    rows = (
        (
            p.cluster.name,
            p.cluster.get_kind_display(),
            p.cluster.dissolved_on is None,
            p.members,
            p.pupils,
            p.phase_summary,
            round(p.phase_diversity, 2),
            p.town_summary,
            p.other_la_schools,
            p.isolated_nearby,
            "; ".join(p.lead_schools),
        )
        for p in profiles
    )
    return csv_response(f"{la.name} cluster membership", MEMBERSHIP_HEADER, rows)
