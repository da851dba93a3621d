from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks import selectors


@require_GET
@login_required
def cluster_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cluster = selectors.get_cluster_for_user(request.user, pk)
    members = selectors.cluster_members(cluster)
    # Member schools from LAs outside the person's scope are named but not linked.
    linkable = {
        m.school_id
        for m in members.current + members.past
        if selectors.can_open_school(request.user, m.school, via_cluster=cluster)
    }
    ctx = {
        "cluster": cluster,
        "members": members,
        "linkable": linkable,
        "people": selectors.people_at_cluster(cluster),
    }
    return render(request, "networks/cluster_detail.html", ctx)
