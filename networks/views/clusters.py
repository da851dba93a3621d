from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks import cluster_selectors, rules, selectors
from networks.http import AuthenticatedHttpRequest
from networks.sections import sections_for


@require_GET
@login_required
def cluster_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    members = selectors.cluster_members(cluster)
    # Member schools from LAs outside the person's scope are named but not linked.
    linkable = {
        m.school_id
        for m in members.current + members.past
        if selectors.can_open_school(request.user, m.school, via_cluster=cluster)
    }
    can_edit = rules.manages_members(request.user, cluster)
    can_propose = rules.may_propose_member(request.user, cluster)
    ctx = {
        "cluster": cluster,
        "members": members,
        "linkable": linkable,
        "people": selectors.people_at_cluster(cluster),
        "can_edit": can_edit,
        "can_propose": can_propose,
        # Those who make or answer proposals see them (and what became of them).
        "proposals": (
            cluster_selectors.cluster_proposals(cluster) if can_edit or can_propose else []
        ),
        "sections": sections_for("cluster_detail", request.user, cluster),
    }
    return render(request, "networks/cluster_detail.html", ctx)
