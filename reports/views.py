"""The case-study page (the latest finished build, as it was built: the same sections
its PDF prints), asking for a build, and the build's progress (a small fragment the
page polls with htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from networks.http import AuthenticatedHttpRequest

from . import rules, services
from .access import get_build_for_user, get_report_project_for_user
from .models import ReportBuild


def _builds(project):
    return ReportBuild.objects.filter(project_id=project.pk).order_by("-created_at", "-pk")


def _latest_finished(project) -> ReportBuild | None:
    """The newest finished build: what the page shows and whose PDF it offers."""
    return _builds(project).finished().select_related("requested_by", "version").first()


def _newest_and_shown(project) -> tuple[ReportBuild | None, ReportBuild | None]:
    """The newest build (its state: waiting, building, failed) and the newest
    finished one (shown), in one query however many builds the project has had."""
    builds = _builds(project)
    rows = sorted(
        ReportBuild.objects.filter(
            Q(pk=Subquery(builds.values("pk")[:1]))
            | Q(pk=Subquery(builds.finished().values("pk")[:1]))
        ).select_related("requested_by", "version"),
        key=lambda build: (build.created_at, build.pk),
        reverse=True,
    )
    newest = rows[0] if rows else None
    shown = next((build for build in rows if build.is_done), None)
    return newest, shown


@require_GET
@login_required
def case_study(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Queries (besides the session's and the person's scope): the project; the
    newest build with the newest finished one. The sections are the stored HTML of
    the finished build, never collected here."""
    project = get_report_project_for_user(request.user, pk)
    build, shown = _newest_and_shown(project)
    context = {
        "project": project,
        "build": build,
        "shown": shown,
        "latest_pdf": shown.version if shown is not None else None,
        "can_request": rules.may_request_report(request.user, project),
    }
    return render(request, "reports/case_study.html", context)


@require_POST
@login_required
def build_request(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_report_project_for_user(request.user, pk, action="request")
    try:
        services.report_build_request(actor=request.user, project=project)
    except services.ReportError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            "The case study is being built. This page shows how far it has got; "
            "you will be notified when it is ready.",
        )
    return redirect(reverse("reports:case_study", args=[project.pk]) + "#build")


@require_GET
@login_required
def build_progress(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The progress fragment for htmx; without htmx, the case-study page itself.

    Once the build is done, htmx is told to reload the page (HX-Refresh), so the
    sections it shows are the new build's, as its PDF is; the fragment (with a link
    to the page) is for a client that does not reload."""
    build = get_build_for_user(request.user, pk)
    if not request.headers.get("HX-Request"):
        return redirect(reverse("reports:case_study", args=[build.project_id]) + "#build")
    shown = build if build.is_done else _latest_finished(build.project)
    context = {
        "project": build.project,
        "build": build,
        "shown": shown,
        "latest_pdf": shown.version if shown is not None else None,
        "can_request": rules.may_request_report(request.user, build.project),
        "polled": True,
    }
    response = render(request, "reports/_build.html", context)
    if build.is_done:
        response["HX-Refresh"] = "true"
    return response
