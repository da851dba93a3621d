"""Partners beyond the schools and their partnerships."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster

from .. import rules, services
from ..access import get_la_for_user, get_partner_for_user, get_partnership_for_user
from ..forms import PartnerForm, PartnershipForm, PartnershipStatusForm
from ..models import Sector
from ..selectors import network, records
from ._common import la_context, paginate, posted, save_or_show


@require_GET
@login_required
def partner_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The LA's partners by name; `?sector=` shows one sector's."""
    la = get_la_for_user(request.user, code)
    sector = request.GET.get("sector", "")
    partners = records.partners(request.user, la=la)
    if sector in Sector.values:
        partners = partners.filter(sector=sector)
    else:
        sector = ""
    context = la_context(
        request.user,
        la,
        "partners",
        page_obj=paginate(request, partners),
        sector=sector,
        sectors=Sector.choices,
    )
    return render(request, "brokerage/partner_list.html", context)


@require_GET
@login_required
def partner_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    # partnership_count and active_count are annotations (selectors.records.partners).
    rows = (
        (
            p.name,
            p.get_sector_display(),
            p.contact,
            p.partnership_count,  # type: ignore[attr-defined]
            p.active_count,  # type: ignore[attr-defined]
            p.notes,
        )
        for p in records.partners(request.user, la=la)
    )
    header = ["Organisation", "Sector", "Contact", "Partnerships", "Active partnerships", "Notes"]
    return csv_response(f"{la.name} partners", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def partner_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code, action="record")
    return save_or_show(
        request,
        PartnerForm(posted(request)),
        lambda form: services.partner_create(actor=request.user, la=la, **form.cleaned_data),
        done=lambda partner: (f"{partner.name} is added as a partner.", partner.get_absolute_url()),
        template="brokerage/partner_form.html",
        context=la_context(request.user, la, "partners"),
    )


@require_GET
@login_required
def partner_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A partner and the partnerships the person may see."""
    user = request.user
    partner = get_partner_for_user(user, pk)
    partnerships = [p for p in partner.partnerships.all() if rules.sees_partnership(user, p)]
    context = {
        "partner": partner,
        "la": partner.la,
        "partnerships": partnerships,
        "can_manage": rules.manages(user, partner),
        "can_read_la": rules.reads_la(user, partner.la_id),
    }
    return render(request, "brokerage/partner_detail.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def partnership_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    partner = get_partner_for_user(request.user, pk, action="manage")
    la = partner.la
    form = PartnershipForm(
        posted(request),
        clusters=Cluster.objects.active().filter(host_la=la).order_by("name"),
        projects=network.projects_of(la),
    )
    return save_or_show(
        request,
        form,
        lambda form: services.partnership_create(
            actor=request.user, partner=partner, **form.service_kwargs()
        ),
        done=lambda p: (
            f"The partnership with {p.with_label} is recorded.",
            partner.get_absolute_url(),
        ),
        template="brokerage/partnership_form.html",
        context={"partner": partner, "la": la},
    )


@require_http_methods(["GET", "POST"])
@login_required
def partnership_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Move a partnership on: proposed, active, paused or ended."""
    partnership = get_partnership_for_user(request.user, pk, action="manage")
    form = PartnershipStatusForm(posted(request), initial={"status": partnership.status})
    return save_or_show(
        request,
        form,
        lambda form: services.partnership_set_status(
            actor=request.user, partnership=partnership, **form.cleaned_data
        ),
        done=lambda p: (
            f"The partnership is now {p.get_status_display().lower()}.",
            p.partner.get_absolute_url(),
        ),
        template="brokerage/partnership_status.html",
        context={"partnership": partnership, "la": partnership.la},
    )


@require_GET
@login_required
def partnership_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    context = la_context(
        request.user,
        la,
        "partnerships",
        page_obj=paginate(request, records.partnerships(request.user, la=la)),
    )
    return render(request, "brokerage/partnership_list.html", context)


@require_GET
@login_required
def partnership_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (
            p.partner.name,
            p.partner.get_sector_display(),
            p.with_label,
            p.purpose,
            p.starts_on,
            p.ends_on,
            p.get_status_display(),
        )
        for p in records.partnerships(request.user, la=la)
    )
    header = ["Partner", "Sector", "Works with", "Purpose", "Start", "End", "Status"]
    return csv_response(f"{la.name} partnerships", header, rows)
