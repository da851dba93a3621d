"""Loading one project or enquiry for a person: 404 for outsiders, 403 for a reader
who may not write. Each helper does its own select_related, so the rules that follow
cost no further queries."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from networks.scope import scope_for

from .models import ClusterParticipation, Enquiry, Initiative, Project
from .rules import may_edit_enquiry, may_manage_project, sees_enquiry, sees_project
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
