"""Brokerage activities: the LA's list (and CSV), and recording one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest

from .. import services
from ..access import get_la_for_user
from ..forms import ActivityForm
from ..models import BrokerageRole
from ..selectors import records
from ._common import la_context, paginate, posted, save_or_show


@require_GET
@login_required
def activity_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The LA's activities, newest first; `?role=` shows one role's."""
    la = get_la_for_user(request.user, code)
    role = request.GET.get("role", "")
    activities = records.activities(request.user, la=la)
    if role in BrokerageRole.values:
        activities = activities.filter(role=role)
    else:
        role = ""
    context = la_context(
        request.user,
        la,
        "activities",
        page_obj=paginate(request, activities),
        role=role,
        roles=BrokerageRole.choices,
    )
    return render(request, "brokerage/activity_list.html", context)


@require_GET
@login_required
def activity_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (
            a.happened_on,
            a.get_role_display(),
            a.activity_label,
            a.summary,
            a.people,
            "; ".join(cluster.name for cluster in a.clusters.all()),
            a.outcome,
            a.recorded_by.name if a.recorded_by else "",
        )
        for a in records.activities(request.user, la=la)
    )
    header = [
        "Date",
        "Role",
        "Activity",
        "What happened",
        "People",
        "Clusters",
        "Outcome",
        "Recorded by",
    ]
    return csv_response(f"{la.name} brokerage activities", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def activity_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code, action="record")
    form = ActivityForm(posted(request), clusters=la.clusters.order_by("dissolved_on", "name"))
    return save_or_show(
        request,
        form,
        lambda form: services.activity_record(actor=request.user, la=la, **form.service_kwargs()),
        done=lambda activity: (
            "The activity is recorded.",
            reverse("brokerage:activity_list", args=[la.code]),
        ),
        template="brokerage/activity_form.html",
        context=la_context(request.user, la, "activities"),
    )
