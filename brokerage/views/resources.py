"""Resources brokered for networks (with totals per network and source), commissioned
services, and their impact reviews."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster, School

from .. import rules, services
from ..access import get_la_for_user, get_service_for_user
from ..forms import CommissioningNetworkForm, ImpactReviewForm, ResourceForm, ServiceForm
from ..models import Partner
from ..selectors import records
from ._common import la_context, paginate, posted, save_or_show


@require_GET
@login_required
def resource_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    allocations = records.resources(request.user, la=la)
    context = la_context(
        request.user,
        la,
        "resources",
        page_obj=paginate(request, allocations),
        totals=records.resource_totals(allocations),
    )
    return render(request, "brokerage/resource_list.html", context)


@require_GET
@login_required
def resource_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (
            r.allocated_on,
            r.cluster.name,
            r.get_source_display(),
            r.amount,
            r.facilitation_days,
            r.get_fund_holder_display(),
            r.fund_holder_name,
            r.purpose,
        )
        for r in records.resources(request.user, la=la)
    )
    header = [
        "Date",
        "Network",
        "Source",
        "Amount (£)",
        "Facilitation days",
        "Fund-holder",
        "Fund-holder's name",
        "Purpose",
    ]
    return csv_response(f"{la.name} resources brokered", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def resource_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code, action="record")
    form = ResourceForm(posted(request), clusters=la.clusters.order_by("dissolved_on", "name"))
    return save_or_show(
        request,
        form,
        lambda form: services.resource_allocate(actor=request.user, la=la, **form.cleaned_data),
        done=lambda r: (
            f"The resources for {r.cluster.name} are recorded.",
            reverse("brokerage:resource_list", args=[la.code]),
        ),
        template="brokerage/resource_form.html",
        context=la_context(request.user, la, "resources"),
    )


# --- Commissioned services -------------------------------------------------------------


@require_GET
@login_required
def service_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    context = la_context(
        request.user,
        la,
        "services",
        page_obj=paginate(request, records.services(request.user, la=la)),
    )
    return render(request, "brokerage/service_list.html", context)


@require_GET
@login_required
def service_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (
            s.title,
            s.cluster.name,
            s.provider.name,
            "; ".join(school.name for school in s.schools.all()),
            s.cost,
            s.starts_on,
            s.ends_on,
            s.next_review_on,
            s.get_value_for_money_display(),
        )
        for s in records.services(request.user, la=la)
    )
    header = [
        "What was commissioned",
        "Commissioned by",
        "Provider",
        "Schools",
        "Cost (£)",
        "Start",
        "End",
        "Next impact review",
        "Value for money",
    ]
    return csv_response(f"{la.name} commissioned services", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def service_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """Two steps without JavaScript: choose the commissioning network (a GET form),
    then the service, for that network's schools."""
    la = get_la_for_user(request.user, code, action="record")
    networks = Cluster.objects.active().filter(host_la=la).order_by("name")
    chooser = CommissioningNetworkForm(
        request.GET if "cluster" in request.GET else None, clusters=networks
    )
    if not chooser.is_bound or not chooser.is_valid():
        context = la_context(request.user, la, "services", chooser=chooser)
        return render(request, "brokerage/service_network.html", context)
    cluster = chooser.cleaned_data["cluster"]
    schools = School.objects.filter(
        pk__in=cluster.memberships.active().values("school_id")
    ).order_by("name")
    form = ServiceForm(
        posted(request),
        providers=Partner.objects.filter(la=la).order_by("name"),
        schools=schools,
    )
    return save_or_show(
        request,
        form,
        lambda form: services.service_commission(
            actor=request.user, la=la, cluster=cluster, **form.cleaned_data
        ),
        done=lambda s: (f"“{s.title}” is recorded.", s.get_absolute_url()),
        template="brokerage/service_form.html",
        context=la_context(request.user, la, "services", cluster=cluster),
    )


@require_GET
@login_required
def service_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.user, pk)
    context = {
        "service": service,
        "la": service.la,
        "schools": service.schools.order_by("name"),
        "reviews": records.impact_reviews(service),
        "can_review": rules.manages(request.user, service),
        "can_read_la": rules.reads_la(request.user, service.la_id),
    }
    return render(request, "brokerage/service_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def impact_review_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    service = get_service_for_user(request.user, pk, action="review")
    return save_or_show(
        request,
        ImpactReviewForm(posted(request)),
        lambda form: services.impact_review_record(
            actor=request.user, service=service, **form.cleaned_data
        ),
        done=lambda review: ("The impact review is recorded.", service.get_absolute_url()),
        template="brokerage/impact_review_form.html",
        context={"service": service, "la": service.la},
    )
