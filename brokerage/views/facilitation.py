"""LA-to-LA facilitation visits, peer reviews of projects, and knowledge exchange."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from enquiries.models import Project
from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest

from .. import rules, services
from ..access import get_la_for_user, get_project_for_user
from ..forms import ExchangeForm, PeerReviewForm, VisitForm
from ..selectors import network, records
from ._common import la_context, paginate, posted, save_or_show


@dataclass
class ProjectActions:
    project: Project
    can_visit: bool
    can_peer_review: bool


def _projects(user, la) -> list[ProjectActions]:
    """The LA's projects, each with what the person may record for it."""
    return [
        ProjectActions(
            project,
            rules.may_record_visit(user, project),
            rules.may_record_peer_review(user, project),
        )
        for project in network.projects_of(la)
    ]


@require_GET
@login_required
def visit_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    context = la_context(
        request.user,
        la,
        "visits",
        page_obj=paginate(request, records.visits(request.user, la=la)),
        projects=_projects(request.user, la),
    )
    return render(request, "brokerage/visit_list.html", context)


@require_GET
@login_required
def visit_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (v.visited_on, v.project.title, v.facilitator.name, v.purpose, v.report)
        for v in records.visits(request.user, la=la)
    )
    header = ["Date", "Project", "Facilitator", "Purpose", "Report"]
    return csv_response(f"{la.name} facilitation visits", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def visit_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="visit")
    return save_or_show(
        request,
        VisitForm(posted(request)),
        lambda form: services.visit_record(
            actor=request.user, project=project, **form.cleaned_data
        ),
        done=lambda visit: (
            "Your visit is recorded.",
            reverse("brokerage:visit_list", args=[project.la.code]),
        ),
        template="brokerage/visit_form.html",
        context={"project": project, "la": project.la},
    )


@require_GET
@login_required
def peer_review_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    context = la_context(
        request.user,
        la,
        "peer_reviews",
        page_obj=paginate(request, records.peer_reviews(request.user, la=la)),
        projects=_projects(request.user, la),
    )
    return render(request, "brokerage/peer_review_list.html", context)


@require_GET
@login_required
def peer_review_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (r.reviewed_on, r.project.title, r.reviewers, r.focus, r.findings, r.recommendations)
        for r in records.peer_reviews(request.user, la=la)
    )
    header = ["Date", "Project", "Review team", "Focus", "Findings", "Recommendations"]
    return csv_response(f"{la.name} peer reviews", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def peer_review_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="peer_review")
    return save_or_show(
        request,
        PeerReviewForm(posted(request)),
        lambda form: services.peer_review_record(
            actor=request.user, project=project, **form.cleaned_data
        ),
        done=lambda review: (
            "The peer review is recorded.",
            reverse("brokerage:peer_review_list", args=[project.la.code]),
        ),
        template="brokerage/peer_review_form.html",
        context={"project": project, "la": project.la},
    )


@require_GET
@login_required
def exchange_list(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    context = la_context(
        request.user,
        la,
        "exchanges",
        page_obj=paginate(request, records.exchanges(request.user, la=la)),
    )
    return render(request, "brokerage/exchange_list.html", context)


def _cluster_label(cluster) -> str:
    return f"{cluster.name} ({cluster.host_la.name})"


@require_GET
@login_required
def exchange_csv(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code)
    rows = (
        (
            e.shared_on,
            e.practice,
            _cluster_label(e.source_cluster) if e.source_cluster else e.source_note,
            "; ".join(_cluster_label(c) for c in e.target_clusters.all()),
            e.how,
            e.description,
            e.outcome,
        )
        for e in records.exchanges(request.user, la=la)
    )
    header = ["Date", "Practice", "Came from", "Went to", "How", "Description", "Outcome"]
    return csv_response(f"{la.name} knowledge exchange", header, rows)


@require_http_methods(["GET", "POST"])
@login_required
def exchange_create(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    la = get_la_for_user(request.user, code, action="record")
    form = ExchangeForm(posted(request), clusters=network.exchange_clusters(la))
    return save_or_show(
        request,
        form,
        lambda form: services.knowledge_exchange_record(
            actor=request.user, la=la, **form.cleaned_data
        ),
        done=lambda exchange: (
            f"“{exchange.practice}” is recorded.",
            reverse("brokerage:exchange_list", args=[la.code]),
        ),
        template="brokerage/exchange_form.html",
        context=la_context(request.user, la, "exchanges"),
    )
