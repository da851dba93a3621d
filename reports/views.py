"""The case-study page (the same sections the PDF prints), asking for a build, and
the build's progress (a small fragment the page polls with htmx)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from enquiries.models import ArchiveItem
from networks.http import AuthenticatedHttpRequest

from . import rules, services
from .access import get_build_for_user, get_report_project_for_user
from .models import ReportBuild
from .sections import collect_sections


def _latest_pdf(project):
    """The newest version of the project's case study in its archive, or None."""
    item = (
        ArchiveItem.objects.filter(
            project_id=project.pk,
            category__slug=services.ARCHIVE_CATEGORY,
            title=services.ARCHIVE_TITLE,
        )
        .select_related("current_version")
        .order_by("pk")
        .first()
    )
    return item.current_version if item is not None else None


def _latest_build(project) -> ReportBuild | None:
    return ReportBuild.objects.filter(project_id=project.pk).order_by("-created_at", "-pk").first()


@require_GET
@login_required
def case_study(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_report_project_for_user(request.user, pk)
    context = {
        "project": project,
        "sections": collect_sections(project),
        "build": _latest_build(project),
        "latest_pdf": _latest_pdf(project),
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
    """The progress fragment for htmx; without htmx, the case-study page itself."""
    build = get_build_for_user(request.user, pk)
    if not request.headers.get("HX-Request"):
        return redirect(reverse("reports:case_study", args=[build.project_id]) + "#build")
    context = {
        "project": build.project,
        "build": build,
        "latest_pdf": build.version if build.is_done else _latest_pdf(build.project),
        "can_request": rules.may_request_report(request.user, build.project),
    }
    return render(request, "reports/_build.html", context)
