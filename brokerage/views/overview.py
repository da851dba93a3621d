"""The brokerage pages' front doors: the index (the LAs and clusters whose brokerage a
person reads, with membership coverage across them), an LA's dashboard and network
map, and a cluster's page (everything that concerns it)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest

from .. import charts, network_map
from ..access import get_cluster_for_user, get_la_for_user
from ..models import BrokerageActivity
from ..selectors import membership, network, records
from ._common import la_context, paginate


def _coverage_chart(points: list[membership.CoveragePoint]) -> charts.Chart:
    return charts.percent_columns(
        [
            (
                "Now" if p.is_today else charts.month_label(p.on, first=n == 0),
                p.label,
                p.coverage.percent,
            )
            for n, p in enumerate(points)
        ]
    )


@require_GET
@login_required
def index(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The LAs whose brokerage the person reads (with coverage), and their clusters."""
    user = request.user
    las = records.brokerage_las(user).order_by("name")
    page_obj = paginate(request, las)
    rows = membership.la_coverages(list(page_obj.object_list))
    history = (
        membership.las_coverage_history(las.values_list("pk", flat=True))
        if page_obj.paginator.count
        else []
    )
    context = {
        "page_obj": page_obj,
        "rows": rows,
        "history": history,
        "chart": _coverage_chart(history) if history else None,
        "clusters": list(records.my_clusters(user).order_by("name")),
    }
    return render(request, "brokerage/index.html", context)


@require_GET
@login_required
def index_csv(request: AuthenticatedHttpRequest) -> HttpResponse:
    las = list(records.brokerage_las(request.user).order_by("name"))
    rows = (
        (
            row.la.code,
            row.la.name,
            row.coverage.open_schools,
            row.coverage.covered,
            row.coverage.isolated,
            row.coverage.percent,
        )
        for row in membership.la_coverages(las)
    )
    header = ["LA code", "LA", "Open schools", "In an active cluster", "Isolated", "Coverage (%)"]
    return csv_response("Membership coverage by LA", header, rows)


@require_GET
@login_required
def la_dashboard(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Activity by role over the last year and resources by source, with the newest
    activities and the impact reviews due."""
    user = request.user
    la = get_la_for_user(user, code)
    activities = BrokerageActivity.objects.visible_to(user).filter(la=la)
    by_role = records.activity_by_role(activities)
    totals = records.resource_totals(records.resources(user, la=la))
    role_chart = charts.stacked_columns(
        [
            (charts.month_label(m, first=n == 0), m.strftime("%B %Y"), cells)
            for n, (m, cells, _) in enumerate(by_role.rows())
        ],
        by_role.roles,
    )
    source_chart = charts.horizontal_bars(
        [(s.label, float(s.amount), charts.pounds(s.amount)) for s in totals.sources]
    )
    context = la_context(
        user,
        la,
        "dashboard",
        by_role=by_role,
        role_chart=role_chart,
        totals=totals,
        source_chart=source_chart,
        recent=list(records.activities(user, la=la)[:5]),
        due=list(records.due_reviews(user, [la.pk])[: records.SUMMARY_LIMIT]),
    )
    return render(request, "brokerage/la_dashboard.html", context)


@require_GET
@login_required
def la_map(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The LA's network as a picture (SVG) and, beneath it, as lists."""
    la = get_la_for_user(request.user, code)
    data = network.network_data(la)
    context = la_context(request.user, la, "map", data=data, layout=network_map.layout(data))
    return render(request, "brokerage/la_map.html", context)


@require_GET
@login_required
def cluster_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Everything brokered for one cluster that the person may read."""
    cluster = get_cluster_for_user(request.user, pk)
    context = {"cluster": cluster, "summary": records.cluster_summary(request.user, cluster)}
    return render(request, "brokerage/cluster_detail.html", context)
