"""Setting up a cluster, changing its details, and naming its lead school.

Each view: load through an access helper with the action (404 for outsiders, 403
for a reader who may not act, before any form is read) → one service call →
redirect, or the form again with the service's refusal as its error.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from networks import cluster_services as services
from networks import selectors
from networks.cluster_forms import ClusterForm, LeadSchoolForm
from networks.http import AuthenticatedHttpRequest
from networks.models import LocalAuthority


def _posted(request):
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@login_required
def cluster_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Set up a cluster; `?la=CODE` chooses the host LA in advance."""
    initial = {}
    if code := request.GET.get("la"):
        initial["host_la"] = selectors.get_la_for_user(request.user, code, action="create_cluster")
    host_las = LocalAuthority.objects.cluster_hosts_for(request.user).order_by("name")
    if not host_las.exists():
        raise PermissionDenied
    form = ClusterForm(_posted(request), host_las=host_las, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            cluster = services.cluster_create(actor=request.user, **form.cleaned_data)
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{cluster.name} is set up. Now add its schools.")
            return redirect(cluster)
    return render(request, "networks/cluster_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
@login_required
def cluster_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk, action="edit")
    form = ClusterForm(
        _posted(request),
        initial={
            "name": cluster.name,
            "kind": cluster.kind,
            "description": cluster.description,
            "founded_on": cluster.founded_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            changes = services.cluster_update(
                actor=request.user, cluster=cluster, **form.cleaned_data
            )
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            if changes:
                messages.success(request, f"{cluster.name}'s details are saved.")
            else:
                messages.info(request, "Nothing was changed.")
            return redirect(cluster)
    return render(request, "networks/cluster_form.html", {"form": form, "cluster": cluster})


@require_http_methods(["GET", "POST"])
@login_required
def cluster_lead(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Name the lead school, or change it, from the current members."""
    cluster = selectors.get_cluster_for_user(request.user, pk, action="edit")
    current = cluster.memberships.active().select_related("school").order_by("school__name")
    leads = [m for m in current if m.is_lead]
    form = LeadSchoolForm(
        _posted(request),
        memberships=current,
        initial={"membership": leads[0].pk if len(leads) == 1 else None},
    )
    if request.method == "POST" and form.is_valid():
        membership = form.cleaned_data["membership"]
        membership.cluster = cluster
        try:
            services.membership_set_lead(actor=request.user, membership=membership)
        except services.ClusterError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{membership.school.name} is now the lead school.")
            return redirect(cluster)
    context = {"form": form, "cluster": cluster, "has_members": bool(current)}
    return render(request, "networks/cluster_lead.html", context)
