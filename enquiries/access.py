"""Loading one initiative, project, participation or enquiry for a person, for an action.

One helper per kind: 404 for outsiders (the same answer as for an id that does not
exist, so ids leak nothing), 403 for someone who may read it but not take the
action. Each does its own select_related, so the rules it checks (and the page's
labels) cost no further queries.
"""

from __future__ import annotations

from django.http import Http404

from networks.access_helpers import Check, allow, first

from . import rules, rules_logs
from .models import (
    ClusterParticipation,
    Enquiry,
    Facilitation,
    FeedbackLoop,
    FeedbackResponse,
    Initiative,
    Milestone,
    PlanItem,
    Project,
    SchoolParticipation,
)

ENQUIRY_RELATED = (
    "initiative",
    "project__la",
    "project__initiative",
    "cluster_participation__cluster",
    "cluster_participation__project",
    "school_participation__school",
    "current_revision__author",
    "parent__current_revision",
)

INITIATIVE_ACTIONS: dict[str, Check] = {"view": rules.sees_initiative}


def get_initiative_for_user(user, pk, *, action: str = "view") -> Initiative:
    return allow(
        user, first(Initiative.objects.all(), pk), action, INITIATIVE_ACTIONS, "initiative"
    )


PROJECT_ACTIONS: dict[str, Check] = {
    "view": rules.sees_project,
    "manage": rules.may_manage_project,
    "assign_facilitator": rules.may_assign_facilitator,
    # Add items to its plans: its managers and the leads of its clusters.
    "plan": rules.may_add_to_plans,
    # Reflective logs and the research archive (rules_logs.py).
    "write_log": rules_logs.may_write_log,
    "add_to_archive": rules_logs.may_add_to_archive,
}


def get_project_for_user(user, pk, *, action: str = "view") -> Project:
    project = first(Project.objects.select_related("initiative", "la"), pk)
    return allow(user, project, action, PROJECT_ACTIONS, "project")


PARTICIPATION_ACTIONS: dict[str, Check] = {
    "view": lambda user, p: rules.sees_project(user, p.project),
    "manage": lambda user, p: rules.may_manage_project(user, p.project),
    "add_school": rules.may_manage_cluster_participation,
}


def get_participation_for_user(user, pk, *, action: str = "view") -> ClusterParticipation:
    """A cluster's part in a project, seen by whoever sees the project (which includes
    the cluster's own people, whichever LA runs it)."""
    participation = first(
        ClusterParticipation.objects.select_related(
            "cluster", "project__la", "project__initiative"
        ),
        pk,
    )
    return allow(user, participation, action, PARTICIPATION_ACTIONS, "cluster participation")


SCHOOL_PARTICIPATION_ACTIONS: dict[str, Check] = {
    "view": lambda user, sp: rules.sees_project(user, sp.cluster_participation.project),
}


def get_school_participation_for_user(user, pk, *, action: str = "view") -> SchoolParticipation:
    school_participation = first(
        SchoolParticipation.objects.select_related(
            "school",
            "cluster_participation__cluster",
            "cluster_participation__project__la",
            "cluster_participation__project__initiative",
        ),
        pk,
    )
    return allow(
        user, school_participation, action, SCHOOL_PARTICIPATION_ACTIONS, "school participation"
    )


ENQUIRY_ACTIONS: dict[str, Check] = {
    "view": rules.sees_enquiry,
    "comment": rules.sees_enquiry,
    "edit": rules.may_edit_enquiry,
    "review": rules.may_review_enquiry,
}


def get_enquiry_for_user(user, pk, *, action: str = "view") -> Enquiry:
    enquiry = first(Enquiry.objects.select_related(*ENQUIRY_RELATED), pk)
    return allow(user, enquiry, action, ENQUIRY_ACTIONS, "enquiry")


def get_facilitation_for_user(user, project_pk, pk) -> Facilitation:
    """A current LA-to-LA facilitation of a project, for someone who may end it: 404
    for outsiders and for one not current on this project, 403 for the project's
    other readers."""
    project = get_project_for_user(user, project_pk, action="assign_facilitator")
    facilitation = (
        Facilitation.objects.current()
        .filter(kind=Facilitation.Kind.PROJECT, project=project, pk=pk)
        .select_related("user")
        .first()
        if str(pk).isdigit()
        else None
    )
    if facilitation is None:
        raise Http404("No such facilitator")
    facilitation.project = project  # already loaded, with its LA and initiative
    return facilitation


# --- Plans and feedback loops ------------------------------------------------------

PROJECT_RELATED = ("project__la", "project__initiative")

PLAN_ITEM_ACTIONS: dict[str, Check] = {
    "view": lambda user, item: rules.sees_project(user, item.project),
    "edit": rules.may_edit_plan_item,
}


def get_plan_item_for_user(user, pk, *, action: str = "view") -> PlanItem:
    item = first(
        PlanItem.objects.select_related(
            *PROJECT_RELATED, "cluster_participation__cluster", "owner"
        ),
        pk,
    )
    return allow(user, item, action, PLAN_ITEM_ACTIONS, "plan item")


MILESTONE_ACTIONS: dict[str, Check] = {
    "view": lambda user, milestone: rules.sees_project(user, milestone.project),
    "edit": rules.may_edit_milestone,
}


def get_milestone_for_user(user, pk, *, action: str = "view") -> Milestone:
    milestone = first(
        Milestone.objects.select_related(*PROJECT_RELATED, "item__cluster_participation"), pk
    )
    return allow(user, milestone, action, MILESTONE_ACTIONS, "milestone")


FEEDBACK_LOOP_ACTIONS: dict[str, Check] = {
    "view": lambda user, loop: rules.sees_project(user, loop.project),
    "manage": lambda user, loop: rules.may_manage_project(user, loop.project),
}


def get_feedback_loop_for_user(user, pk, *, action: str = "view") -> FeedbackLoop:
    loop = first(FeedbackLoop.objects.select_related(*PROJECT_RELATED), pk)
    return allow(user, loop, action, FEEDBACK_LOOP_ACTIONS, "feedback loop")


FEEDBACK_RESPONSE_ACTIONS: dict[str, Check] = {
    "view": lambda user, response: rules.sees_project(user, response.loop.project),
    "answer": rules.may_answer_feedback,
}


def get_feedback_response_for_user(
    user, loop_pk, participation_pk, *, action: str = "view"
) -> FeedbackResponse:
    """One audience cluster's response to a loop: 404 for outsiders and for a cluster
    the loop does not ask, 403 for the project's other readers."""
    loop = get_feedback_loop_for_user(user, loop_pk)
    response = (
        FeedbackResponse.objects.filter(loop=loop, cluster_participation_id=participation_pk)
        .select_related("cluster_participation__cluster")
        .first()
        if str(participation_pk).isdigit()
        else None
    )
    if response is not None:
        response.loop = loop  # already loaded, with its project
    return allow(user, response, action, FEEDBACK_RESPONSE_ACTIONS, "feedback response")
