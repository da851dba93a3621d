"""Loading one project or enquiry for a person: 404 for outsiders, 403 for a reader
who may not write. Each helper does its own select_related, so the rules that follow
cost no further queries."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from networks.models import Role, RoleAssignment
from networks.scope import scope_for

from .models import ClusterParticipation, Enquiry, Initiative, Project, SchoolParticipation
from .rules import (
    may_assign_facilitator,
    may_edit_enquiry,
    may_manage_project,
    sees_enquiry,
    sees_project,
)
from .selectors import visible_initiatives

ENQUIRY_RELATED = (
    "initiative",
    "project__la",
    "cluster_participation__cluster",
    "school_participation__school",
    "current_revision__author",
    "parent__current_revision",
)


def get_enquiry_for_user(user, pk, *, write: bool = False) -> Enquiry:
    try:
        enquiry = Enquiry.objects.select_related(*ENQUIRY_RELATED).get(pk=pk)
    except (Enquiry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such enquiry") from None
    # The same answer for "does not exist" and "not yours": ids leak nothing.
    if not sees_enquiry(user, enquiry):
        raise Http404("No such enquiry")
    if write and not may_edit_enquiry(user, enquiry):
        raise PermissionDenied
    return enquiry


def get_project_for_user(user, pk, *, write: bool = False) -> Project:
    try:
        project = Project.objects.select_related("initiative", "la").get(pk=pk)
    except (Project.DoesNotExist, ValueError, TypeError):
        raise Http404("No such project") from None
    if not sees_project(user, project):
        raise Http404("No such project")
    if write and not may_manage_project(user, project):
        raise PermissionDenied
    return project


def get_initiative_for_user(user, pk) -> Initiative:
    try:
        return visible_initiatives(user).get(pk=pk)
    except (Initiative.DoesNotExist, ValueError, TypeError):
        raise Http404("No such initiative") from None


def get_participation_for_user(user, pk) -> ClusterParticipation:
    """A cluster's part in a project: seen by the project's readers and the cluster's people."""
    participation = (
        ClusterParticipation.objects.select_related("cluster", "project__la", "project__initiative")
        .filter(pk=pk)
        .first()
    )
    if participation is None:
        raise Http404("No such cluster participation")
    in_cluster = participation.cluster_id in scope_for(user).cluster_ids
    if not (in_cluster or sees_project(user, participation.project)):
        raise Http404("No such cluster participation")
    return participation


def get_school_participation_for_user(user, pk) -> SchoolParticipation:
    """A school's part in a cluster's work: seen by the project's readers, the
    cluster's people and the school's contacts (whose school may be in another LA)."""
    school_participation = (
        SchoolParticipation.objects.select_related(
            "school",
            "cluster_participation__cluster",
            "cluster_participation__project__la",
            "cluster_participation__project__initiative",
        )
        .filter(pk=pk)
        .first()
    )
    if school_participation is None:
        raise Http404("No such school participation")
    scope = scope_for(user)
    participation = school_participation.cluster_participation
    if not (
        participation.cluster_id in scope.cluster_ids
        or school_participation.school_id in scope.school_ids
        or sees_project(user, participation.project)
    ):
        raise Http404("No such school participation")
    return school_participation


def get_facilitation_for_user(user, project_pk, pk) -> RoleAssignment:
    """A current LA-to-LA facilitator assignment to a project, for someone who may end
    it: 404 for outsiders and for an assignment not current on this project, 403 for
    the project's other readers."""
    project = get_project_for_user(user, project_pk)
    if not may_assign_facilitator(user, project):
        raise PermissionDenied
    assignment = (
        RoleAssignment.objects.current()
        .filter(role=Role.LA_FACILITATOR, project=project, pk=pk)
        .select_related("user")
        .first()
    )
    if assignment is None:
        raise Http404("No such facilitator")
    assignment.project = project  # already loaded, with its LA and initiative
    return assignment
