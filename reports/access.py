"""Loading a project or a build for a person, for an action: 404 for outsiders (as
for an id that does not exist), 403 for readers who may not take the action."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from enquiries.models import Project

from . import rules
from .models import ReportBuild

PROJECT_ACTIONS = {"view": rules.may_read_report, "request": rules.may_request_report}


def _first(queryset, pk):
    try:
        return queryset.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None


def get_report_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = _first(Project.objects.select_related("initiative", "la"), pk)
    if project is None or not rules.may_read_report(user, project):
        raise Http404("No such project")
    if action not in PROJECT_ACTIONS:
        raise ValueError(f"Unknown action on a case study: {action!r}")
    if not PROJECT_ACTIONS[action](user, project):
        raise PermissionDenied
    return project


def get_build_for_user(user, pk) -> ReportBuild:
    """A build, for whoever may read its project's case study."""
    build = _first(
        ReportBuild.objects.select_related("project__la", "project__initiative", "version"), pk
    )
    if build is None or not rules.may_read_report(user, build.project):
        raise Http404("No such report")
    return build
