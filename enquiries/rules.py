"""Who may see, write and review one initiative, project or enquiry already in memory.

The definition is enquiries/access_q.py (the querysets). These predicates answer the
same questions for a single object without a query, reading the person's Scope and
their EnquiryReach (worked out once per request) and the object's foreign-key ids;
tests/enquiries/test_access_agreement.py walks a generated world, every person ×
every object, and fails if a predicate and its queryset ever disagree.

Objects must be loaded with what the predicates read (the access helpers in
enquiries/access.py do the select_related).
"""

from __future__ import annotations

from typing import cast

import rules
from django.db.models import Q

from networks.models import Role, RoleAssignment, User
from networks.models.people import LA_ROLES
from networks.scope import scope_for

from .models import (
    ClusterParticipation,
    Enquiry,
    Facilitation,
    Level,
    Project,
    SchoolParticipation,
)
from .reach import reach_of

# The roles that make someone an officer of an LA: an LA-to-LA facilitator holds
# one in another LA, and none in the LA whose project they facilitate.
LA_OFFICER_ROLES = LA_ROLES


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


# --- Seeing ------------------------------------------------------------------------


def sees_initiative(user, initiative) -> bool:
    if not _signed_in(user):
        return False
    return scope_for(user).sees_everything or initiative.pk in reach_of(user).initiative_ids


def sees_project(user, project) -> bool:
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if scope.sees_everything or project.la_id in scope.la_ids:
        return True
    reach = reach_of(user)
    return (
        project.pk in reach.facilitated_project_ids
        or project.initiative_id in reach.facilitated_initiative_ids
        # Last, as it may cost a query: a cluster or school working in another LA's project.
        or project.pk in reach.participating_project_ids
    )


def sees_enquiry(user, enquiry) -> bool:
    if enquiry.level == Level.NATIONAL:
        return sees_initiative(user, enquiry.initiative)
    return sees_project(user, enquiry.project)


# --- Writing and reviewing questions -------------------------------------------------


def owns_enquiry(user, enquiry) -> bool:
    """Writes this level's question, not counting staff (see access_q)."""
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    level = enquiry.level
    if level == Level.NATIONAL:
        return (
            scope.national_team
            or enquiry.initiative_id in reach_of(user).facilitated_initiative_ids
        )
    if level == Level.LA:
        return enquiry.project.la_id in scope.coleader_la_ids
    cluster_id = enquiry.cluster_participation.cluster_id
    if level == Level.CLUSTER:
        return cluster_id in scope.lead_cluster_ids
    return (
        cluster_id in scope.lead_cluster_ids
        or enquiry.school_participation.school_id in scope.school_ids
    )


def may_edit_enquiry(user, enquiry) -> bool:
    return _signed_in(user) and (user.is_staff or owns_enquiry(user, enquiry))


def may_review_enquiry(user, enquiry) -> bool:
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if user.is_staff or scope.national_team:
        return True
    if enquiry.level == Level.NATIONAL or owns_enquiry(user, enquiry):
        return False
    reach = reach_of(user)
    return (
        enquiry.initiative_id in reach.facilitated_initiative_ids
        or enquiry.project_id in reach.facilitated_project_ids
        or (enquiry.level != Level.LA and enquiry.project.la_id in scope.coleader_la_ids)
    )


# --- Setting up ------------------------------------------------------------------------


def may_manage_project(user, project) -> bool:
    """Set up the project, bring in clusters: its LA's co-leaders, the national team, staff."""
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    return scope.sees_everything or project.la_id in scope.coleader_la_ids


def may_manage_cluster_participation(user, cluster_participation) -> bool:
    """Choose the schools taking part: the cluster's leads, or the project's managers."""
    return (
        _signed_in(user) and cluster_participation.cluster_id in scope_for(user).lead_cluster_ids
    ) or may_manage_project(user, cluster_participation.project)


def may_create_any_project(user, initiative) -> bool:
    """Set up a project for any LA taking part: staff, the national team, and the
    initiative's facilitators. (An LA's co-leaders may set up their own LA's.)"""
    if not _signed_in(user):
        return False
    return (
        scope_for(user).sees_everything
        or initiative.pk in reach_of(user).facilitated_initiative_ids
    )


def may_create_project(user, initiative, la) -> bool:
    return may_create_any_project(user, initiative) or (
        _signed_in(user) and la.pk in scope_for(user).coleader_la_ids
    )


def may_assign_facilitator(user, project) -> bool:
    """Assign and end LA-to-LA facilitators: the national team and staff only.

    Co-leaders do not choose who reviews their own LA's questions.
    """
    return _signed_in(user) and scope_for(user).sees_everything


def may_create_initiative(user) -> bool:
    return _signed_in(user) and scope_for(user).sees_everything


# --- Who to tell: the same rules, read the other way round -------------------------


def _holders(roles: Q, facilitations: Q | None = None):
    people = Q(pk__in=RoleAssignment.objects.current().filter(roles).values("user_id"))
    if facilitations is not None:
        people |= Q(pk__in=Facilitation.objects.current().filter(facilitations).values("user_id"))
    return User.objects.filter(people, is_active=True)


def owners_of(enquiry: Enquiry):
    """The people who own the enquiry's level (staff not counted)."""
    if enquiry.level == Level.NATIONAL:
        return _holders(Q(role=Role.NATIONAL_FACILITATOR), Q(initiative_id=enquiry.initiative_id))
    # The check constraint enquiry_level_matches_its_owner guarantees each owner below.
    if enquiry.level == Level.LA:
        return _holders(Q(role=Role.LA_COLEADER, la_id=cast(Project, enquiry.project).la_id))
    participation = cast(ClusterParticipation, enquiry.cluster_participation)
    leads = Q(role=Role.CLUSTER_LEAD, cluster_id=participation.cluster_id)
    if enquiry.level == Level.CLUSTER:
        return _holders(leads)
    school_id = cast(SchoolParticipation, enquiry.school_participation).school_id
    return _holders(leads | Q(role=Role.SCHOOL_CONTACT, school_id=school_id))


def reviewers_of(enquiry: Enquiry):
    """The people to ask for a review.

    The national team is told only when the initiative has no facilitators of its
    own: otherwise every submission in every LA would land in its inbox.
    """
    national_team = Q(role=Role.NATIONAL_FACILITATOR)
    if enquiry.level == Level.NATIONAL:
        return _holders(national_team)
    facilitations = Q(project_id=enquiry.project_id) | Q(initiative_id=enquiry.initiative_id)
    has_initiative_facilitators = (
        Facilitation.objects.current().filter(initiative_id=enquiry.initiative_id).exists()
    )
    roles = Q(pk__in=[]) if has_initiative_facilitators else national_team
    if enquiry.level != Level.LA:
        roles |= Q(role=Role.LA_COLEADER, la_id=cast(Project, enquiry.project).la_id)
    return _holders(roles, facilitations)


# --- Plans and feedback loops (definition: access_q.editable_plan_items etc.) ----------


def may_edit_plan_item(user, item) -> bool:
    """The project's managers edit every item; a cluster's leads their cluster's items.
    Reads item.project and item.cluster_participation (select_related them)."""
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if scope.sees_everything or item.project.la_id in scope.coleader_la_ids:
        return True
    participation = item.cluster_participation
    return participation is not None and participation.cluster_id in scope.lead_cluster_ids


def may_edit_milestone(user, milestone) -> bool:
    """As for items: managers any milestone; a cluster's leads those on its items."""
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if scope.sees_everything or milestone.project.la_id in scope.coleader_la_ids:
        return True
    item = milestone.item
    return (
        item is not None
        and item.cluster_participation is not None
        and item.cluster_participation.cluster_id in scope.lead_cluster_ids
    )


def may_plan_for(user, project, cluster_participation=None) -> bool:
    """Add an item to the project's plans for one of its clusters (None: the project
    as a whole, which only its managers plan for)."""
    if may_manage_project(user, project):
        return True
    return (
        _signed_in(user)
        and cluster_participation is not None
        and cluster_participation.cluster_id in scope_for(user).lead_cluster_ids
    )


def may_add_to_plans(user, project) -> bool:
    """Managers, and the leads of any cluster in the project (one query for a lead)."""
    if may_manage_project(user, project):
        return True
    if not _signed_in(user) or not scope_for(user).lead_cluster_ids:
        return False
    return ClusterParticipation.objects.filter(
        project_id=project.pk, cluster_id__in=scope_for(user).lead_cluster_ids
    ).exists()


def may_answer_feedback(user, response) -> bool:
    """Write a cluster's answers to a loop: the cluster's leads (see access_q)."""
    return (
        _signed_in(user)
        and response.cluster_participation.cluster_id in scope_for(user).lead_cluster_ids
    )


def cluster_leads_of(participation_ids):
    """The leads of the clusters taking part through these participations."""
    clusters = ClusterParticipation.objects.filter(pk__in=list(participation_ids)).values(
        "cluster_id"
    )
    return _holders(Q(role=Role.CLUSTER_LEAD, cluster_id__in=clusters))


def project_circle(project: Project):
    """Everyone a project's digest goes to: its LA's co-leaders, the people of its
    clusters (leads, members, consultants, link advisers) and its facilitators (of
    the project, or of its initiative)."""
    clusters = ClusterParticipation.objects.filter(project_id=project.pk).values("cluster_id")
    return _holders(
        Q(role=Role.LA_COLEADER, la_id=project.la_id) | Q(cluster_id__in=clusters),
        Q(project_id=project.pk) | Q(initiative_id=project.initiative_id),
    )


# --- rules predicates and permissions, for templates -----------------------------------


@rules.predicate
def can_view_initiative(user, initiative) -> bool:
    return sees_initiative(user, initiative)


@rules.predicate
def can_view_project(user, project) -> bool:
    return sees_project(user, project)


@rules.predicate
def can_manage_project(user, project) -> bool:
    return may_manage_project(user, project)


@rules.predicate
def can_assign_facilitator(user, project) -> bool:
    return may_assign_facilitator(user, project)


@rules.predicate
def can_view_enquiry(user, enquiry) -> bool:
    return sees_enquiry(user, enquiry)


@rules.predicate
def can_edit_enquiry(user, enquiry) -> bool:
    return may_edit_enquiry(user, enquiry)


@rules.predicate
def can_review_enquiry(user, enquiry) -> bool:
    return may_review_enquiry(user, enquiry)


rules.add_perm("enquiries.view_initiative", can_view_initiative)
rules.add_perm("enquiries.view_project", can_view_project)
rules.add_perm("enquiries.manage_project", can_manage_project)
rules.add_perm("enquiries.assign_facilitator", can_assign_facilitator)
rules.add_perm("enquiries.view_enquiry", can_view_enquiry)
rules.add_perm("enquiries.edit_enquiry", can_edit_enquiry)
rules.add_perm("enquiries.review_enquiry", can_review_enquiry)
rules.add_perm("enquiries.comment_enquiry", can_view_enquiry)


def reviews_any(user) -> bool:
    """Whether the person reviews questions at all (for the review queue's link): staff,
    the national team, facilitators, and LA co-leaders (who review their LA's cluster
    and school questions). Reads only the Scope, which the page has already worked out.
    """
    if not _signed_in(user):
        return False
    scope = scope_for(user)
    if user.is_staff or scope.sees_everything or scope.coleader_la_ids:
        return True
    reach = reach_of(user)
    return bool(reach.facilitated_initiative_ids or reach.facilitated_project_ids)


@rules.predicate
def can_edit_plan_item(user, item) -> bool:
    return may_edit_plan_item(user, item)


@rules.predicate
def can_edit_milestone(user, milestone) -> bool:
    return may_edit_milestone(user, milestone)


rules.add_perm("enquiries.edit_plan_item", can_edit_plan_item)
rules.add_perm("enquiries.edit_milestone", can_edit_milestone)
