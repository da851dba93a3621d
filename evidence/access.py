"""Loading a project's evidence pages, a baseline, a code or a key driver for an
action: 404 for anyone who may not read it (as for an id that does not exist), 403
for a reader who may not take the action. Each does its own select_related, so the
checks cost no further query."""

from __future__ import annotations

from enquiries.models import ClusterParticipation, Project
from networks.access_helpers import Check, allow, first

from . import rules
from .models import Baseline, Code, KeyDriver

PROJECT_ACTIONS: dict[str, Check] = {
    "view": rules.sees_evidence_pages,
    "code": rules.codes_project,
    "contribute": rules.contributes_to,
    "baseline": rules.writes_any_baseline,
    "drivers": rules.names_drivers,
}


def get_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = first(Project.objects.select_related("la", "initiative"), pk)
    return allow(user, project, action, PROJECT_ACTIONS, "project")


PARTICIPATION_ACTIONS: dict[str, Check] = {
    "view": lambda user, p: rules.sees_evidence_pages(user, p.project),
    "baseline": rules.writes_baseline,
}


def get_participation_for_user(user, pk, *, action: str = "view") -> ClusterParticipation:
    participation = first(
        ClusterParticipation.objects.select_related(
            "project__la", "project__initiative", "cluster"
        ),
        pk,
    )
    return allow(user, participation, action, PARTICIPATION_ACTIONS, "cluster")


BASELINE_ACTIONS: dict[str, Check] = {
    "view": lambda user, b: rules.sees_evidence_pages(user, b.project),
    "review": lambda user, b: rules.writes_baseline(user, b.cluster_participation),
}


def get_baseline_for_user(user, pk, *, action: str = "view") -> Baseline:
    baseline = first(
        Baseline.objects.select_related(
            "project__la",
            "project__initiative",
            "cluster_participation__cluster",
            "cluster_participation__project",
        ),
        pk,
    )
    return allow(user, baseline, action, BASELINE_ACTIONS, "baseline")


CODE_ACTIONS: dict[str, Check] = {
    # A project's own code: its project's readers. (The shared codes have no page.)
    "view": lambda user, c: c.project is not None and rules.sees_evidence_pages(user, c.project),
    "memo": lambda user, c: rules.codes_project(user, c.project),
}


def get_code_for_user(user, pk, *, action: str = "view") -> Code:
    code = first(Code.objects.select_related("project__la", "project__initiative"), pk)
    return allow(user, code, action, CODE_ACTIONS, "code")


DRIVER_ACTIONS: dict[str, Check] = {
    "view": lambda user, d: rules.sees_evidence_pages(user, d.project),
    "remove": lambda user, d: rules.names_drivers(user, d.project),
}


def get_driver_for_user(user, pk, *, action: str = "view") -> KeyDriver:
    driver = first(KeyDriver.objects.select_related("project__la", "project__initiative"), pk)
    return allow(user, driver, action, DRIVER_ACTIONS, "key driver")
