"""Loading a project, a meeting or its notes for an action: 404 for anyone who may not
read it (as for an id that does not exist), 403 for a reader who may not act. Each
helper loads what the checks and the page read."""

from __future__ import annotations

from django.db.models import Prefetch

from enquiries.models import Project
from enquiries.rules import sees_project
from networks.access_helpers import Check, allow, first

from . import rules
from .models import ClusterCheck, Meeting

PROJECT_ACTIONS: dict[str, Check] = {"view": sees_project, "manage": rules.manages_project}


def get_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = first(Project.objects.select_related("la", "initiative"), pk)
    return allow(user, project, action, PROJECT_ACTIONS, "project")


def _notes_checks(user, meeting) -> bool:
    notes = getattr(meeting, "notes", None)
    return notes is not None and bool(rules.checks_for(user, notes))


MEETING_ACTIONS: dict[str, Check] = {
    "view": rules.sees_meeting,
    "manage": rules.manages_meeting,
    "write_notes": lambda user, meeting: rules.may_write_notes(
        user, meeting, getattr(meeting, "notes", None)
    ),
    "check_notes": _notes_checks,
}


def meetings_with_notes():
    return Meeting.objects.select_related(
        "project__la", "project__initiative", "notes__author", "created_by"
    ).prefetch_related(
        Prefetch(
            "notes__checks",
            ClusterCheck.objects.select_related("cluster", "answered_by").order_by("cluster__name"),
        )
    )


def get_meeting_for_user(user, pk, *, action: str = "view") -> Meeting:
    meeting = first(meetings_with_notes(), pk)
    return allow(user, meeting, action, MEETING_ACTIONS, "meeting")
