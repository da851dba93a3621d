"""Loading a project or a build for a person, for an action: 404 for outsiders (as
for an id that does not exist), 403 for readers who may not take the action."""

from __future__ import annotations

from enquiries.models import Project
from networks.access_helpers import Check, allow, first

from . import rules
from .models import ReportBuild

PROJECT_ACTIONS: dict[str, Check] = {
    "view": rules.may_read_report,
    "request": rules.may_request_report,
}


def get_report_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = first(Project.objects.select_related("initiative", "la"), pk)
    return allow(user, project, action, PROJECT_ACTIONS, "project")


BUILD_ACTIONS: dict[str, Check] = {
    "view": lambda user, build: rules.may_read_report(user, build.project),
}


def get_build_for_user(user, pk) -> ReportBuild:
    """A build, for whoever may read its project's case study."""
    build = first(
        ReportBuild.objects.select_related("project__la", "project__initiative", "version"), pk
    )
    return allow(user, build, "view", BUILD_ACTIONS, "report")
