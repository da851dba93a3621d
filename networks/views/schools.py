from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from networks import rules, selectors
from networks.models import School


@require_GET
@login_required
def school_detail(request: HttpRequest, urn: int) -> HttpResponse:
    school = selectors.get_school_for_user(request.user, urn)
    ctx = {
        "school": school,
        "memberships": selectors.school_memberships(request.user, school),
        "la_visible": request.user.has_perm("networks.view_la", school.la),
        # Officers of its LA may add it to one of their clusters (no query to decide).
        "can_place": school.status != School.Status.CLOSED
        and rules.may_create_cluster_in(request.user, school.la),
    }
    return render(request, "networks/school_detail.html", ctx)
