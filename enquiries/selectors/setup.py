"""Setting up projects, clusters, schools and facilitators: who may be chosen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypedDict

from django.db.models import OuterRef, QuerySet, Subquery

from networks.models import Cluster, LocalAuthority, RoleAssignment, School
from networks.scope import scope_for

from ..models import (
    ClusterParticipation,
    Enquiry,
    Facilitation,
    Initiative,
    Level,
    Project,
    SchoolParticipation,
)
from ..rules import LA_OFFICER_ROLES, may_create_any_project
from ._common import ENQUIRY_RELATED

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _ProjectId(TypedDict):
        project_id: int | None


# --- Setting up projects, clusters, schools and facilitators ------------------


def project_set_up_las(
    initiative: Initiative, user
) -> QuerySet[WithAnnotations[LocalAuthority, _ProjectId]]:
    """LAs taking part in the initiative that this person may set up a project for,
    each with `project_id`: its project in the initiative, if it has one.

    The national team, staff and the initiative's facilitators: every LA taking
    part. An LA co-leader: the LAs they co-lead. LAs that already have a project
    are included, so a form can say so rather than "not one of the choices".
    """
    las = initiative.participating_las.annotate(
        project_id=Subquery(
            Project.objects.filter(initiative=initiative, la=OuterRef("pk")).values("pk")[:1]
        )
    ).order_by("name", "pk")
    if may_create_any_project(user, initiative):
        return las
    return las.filter(pk__in=scope_for(user).coleader_la_ids)


def las_without_project(initiative: Initiative, user) -> list[LocalAuthority]:
    """The LAs this person co-leads that take part in the initiative and have no
    project in it yet: the "Set up your LA's project" links. No query for someone
    who co-leads no LA."""
    coleader_la_ids = scope_for(user).coleader_la_ids
    if not coleader_la_ids:
        return []
    return list(
        initiative.participating_las.filter(pk__in=coleader_la_ids)
        .exclude(projects__initiative=initiative)
        .order_by("name", "pk")
    )


def joinable_clusters(project: Project) -> QuerySet[Cluster]:
    """Active clusters hosted by the project's LA that are not in the project yet."""
    return (
        Cluster.objects.active()
        .filter(host_la_id=project.la_id)
        .exclude(participations__project=project)
        .order_by("name", "pk")
    )


def joinable_schools(participation: ClusterParticipation) -> QuerySet[School]:
    """The cluster's current member schools (one school may take part more than once,
    for different teachers, so none is left out for being in already)."""
    members = participation.cluster.memberships.active().values("school_id")
    return School.objects.filter(pk__in=members).order_by("name", "pk")


@dataclass
class SchoolRow:
    school_participation: SchoolParticipation
    question: Enquiry | None
    can_write: bool = False  # set by the view


@dataclass
class ParticipationPage:
    participation: ClusterParticipation
    question: Enquiry | None  # the cluster's question
    schools: list[SchoolRow]


def participation_page(participation: ClusterParticipation) -> ParticipationPage:
    """Queries: the cluster's and its schools' questions; the schools taking part."""
    questions = list(
        Enquiry.objects.filter(cluster_participation=participation).select_related(*ENQUIRY_RELATED)
    )
    cluster_question = next((e for e in questions if e.level == Level.CLUSTER), None)
    by_school = {e.school_participation_id: e for e in questions if e.level == Level.SCHOOL}
    school_participations = list(
        participation.school_participations.select_related("school").order_by(
            "school__name", "teacher_name", "pk"
        )
    )
    for school_participation in school_participations:
        # The access helper loaded the participation; spare a query per school.
        school_participation.cluster_participation = participation
    return ParticipationPage(
        participation=participation,
        question=cluster_question,
        schools=[
            SchoolRow(school_participation=sp, question=by_school.get(sp.pk))
            for sp in school_participations
        ],
    )


def facilitator_candidates(project: Project) -> list[RoleAssignment]:
    """Current LA co-leader and officer roles in other LAs, one row per role, whose
    holders are not officers of the project's own LA and do not facilitate it yet.

    One query; ordered by LA, then name, for a chooser grouped by LA.
    """
    own_la_officers = RoleAssignment.objects.current().filter(
        role__in=LA_OFFICER_ROLES, la_id=project.la_id
    )
    facilitating = Facilitation.objects.current().filter(project=project)
    return list(
        RoleAssignment.objects.current()
        .filter(role__in=LA_OFFICER_ROLES, user__is_active=True)
        .exclude(la_id=project.la_id)
        .exclude(user__in=own_la_officers.values("user_id"))
        .exclude(user__in=facilitating.values("user_id"))
        .select_related("user", "la")
        .order_by("la__name", "user__name", "role", "pk")
    )


def project_facilitations(project: Project) -> list[Facilitation]:
    """The project's current LA-to-LA facilitators, with who assigned them."""
    return list(
        Facilitation.objects.current()
        .filter(project=project)
        .select_related("user", "granted_by")
        .order_by("user__name", "pk")
    )
