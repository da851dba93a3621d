"""Local authority pages: the directory, one LA, its schools and its isolated schools."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from networks import cluster_selectors, rules, selectors
from networks.filters import LocalAuthorityFilter, SchoolFilter
from networks.http import AuthenticatedHttpRequest
from networks.sections import sections_for

from ._pages import paginate, render_full_or_partial


@require_GET
@login_required
def la_list(request: HttpRequest) -> HttpResponse:
    form = LocalAuthorityFilter(request.GET)
    las = form.filter(selectors.la_directory(request.user))
    return render(
        request, "networks/la_list.html", {"form": form, "page_obj": paginate(request, las)}
    )


@require_GET
@login_required
def la_detail(request: HttpRequest, code: str) -> HttpResponse:
    la = selectors.get_la_for_user(request.user, code)
    isolated = list(selectors.isolated_schools(la)[: selectors.SUMMARY_LIMIT])
    ctx = {
        "la": la,
        "coverage": selectors.la_coverage(la),
        "clusters": selectors.clusters_hosted_by(la),
        "isolated": isolated,
        "people": selectors.people_at_la(la),
        "invite_url": (
            f"{reverse('invitation_create')}?la={la.code}"
            if request.user.has_perm("networks.manage_la", la)
            else None
        ),
        "can_create_cluster": rules.may_create_cluster_in(request.user, la),
        "sections": sections_for("la_detail", request.user, la),
    }
    return render(request, "networks/la_detail.html", ctx)


@require_GET
@login_required
def la_schools(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = selectors.get_la_for_user(request.user, code)
    form = SchoolFilter(request.GET)
    schools = form.filter(selectors.la_schools(la))
    ctx = {"la": la, "form": form, "page_obj": paginate(request, schools)}
    return render_full_or_partial(
        request, "networks/la_schools.html", "networks/_la_school_results.html", ctx
    )


@require_GET
@login_required
def la_isolated(request: HttpRequest, code: str) -> HttpResponse:
    la = selectors.get_la_for_user(request.user, code)
    ctx = {
        "la": la,
        "coverage": selectors.la_coverage(la),
        "page_obj": paginate(request, selectors.isolated_schools(la)),
        # The LA's clusters the person may add a school to, for each row's form.
        "clusters": cluster_selectors.clusters_for_isolated(request.user, la),
        "can_create_cluster": rules.may_create_cluster_in(request.user, la),
    }
    return render(request, "networks/la_isolated.html", ctx)
