"""Who may see, write and review enquiry questions at each level.

Every predicate reads the person's Scope (networks/scope.py, worked out once per
request) and the object's own foreign-key ids, so a check costs no queries when the
object was loaded with the access helpers in `enquiries/access.py`. Two facts the
Scope cannot give cost one query each, the first time they are needed for a person,
and are then cached on the user beside the Scope: the initiatives their LAs,
projects and clusters take part in (to see national key questions), and the
projects their clusters joined in other LAs.

Ownership and review, by level (DESIGN.md, "Levels"):

| level    | owners: write, submit, link        | reviewers: decide, review alignment     |
|----------|------------------------------------|-----------------------------------------|
| national | national team; initiative's        | national team                           |
|          | facilitators                       |                                         |
| LA       | co-leaders of the project's LA     | national team; initiative's             |
|          |                                    | facilitators; the project's LA-to-LA    |
|          |                                    | facilitators                            |
| cluster  | cluster leads of the cluster       | as LA, plus co-leaders of the LA        |
| school   | cluster leads; the school contacts | as cluster                              |

Staff may do anything. Nobody else reviews a level they own: an LA co-leader does
not agree their own LA question. The national team sits above every level, so it
may review the national key questions it also writes.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from networks.models import Role
from networks.scope import scope_for

# The roles that make someone an officer of an LA: an LA-to-LA facilitator holds
# one in another LA, and none in the LA whose project they facilitate.
LA_OFFICER_ROLES = (Role.LA_COLEADER, Role.LA_OFFICER)

_INITIATIVES_ATTR = "_enquiry_initiative_ids"
_CLUSTER_PROJECTS_ATTR = "_enquiry_cluster_project_ids"


def visible_initiative_ids(user) -> frozenset[int] | None:
    """Initiatives the person can see, or None meaning "all of them".

    What the Scope cannot say by itself: the initiatives the person's LAs, projects
    and clusters take part in. One query the first time per user object (so per
    request), then cached beside the Scope.
    """
    scope = scope_for(user)
    if scope.sees_everything:
        return None
    cached = getattr(user, _INITIATIVES_ATTR, None)
    if cached is None:
        from .models import Initiative

        found = set(scope.initiative_ids)
        if scope.la_ids or scope.project_ids or scope.cluster_ids:
            found.update(
                Initiative.objects.filter(
                    Q(participating_las__in=scope.la_ids)
                    | Q(projects__la__in=scope.la_ids)
                    | Q(projects__in=scope.project_ids)
                    | Q(projects__cluster_participations__cluster__in=scope.cluster_ids)
                ).values_list("pk", flat=True)
            )
        cached = frozenset(found)
        setattr(user, _INITIATIVES_ATTR, cached)
    return cached


def cluster_project_ids(user) -> frozenset[int]:
    """Projects the person's clusters work in, whichever LA runs them.

    One query the first time per user object, then cached; none without clusters.
    """
    scope = scope_for(user)
    if not scope.cluster_ids:
        return frozenset()
    cached = getattr(user, _CLUSTER_PROJECTS_ATTR, None)
    if cached is None:
        from .models import ClusterParticipation

        cached = frozenset(
            ClusterParticipation.objects.filter(cluster__in=scope.cluster_ids).values_list(
                "project_id", flat=True
            )
        )
        setattr(user, _CLUSTER_PROJECTS_ATTR, cached)
    return cached


def forget_reach(user) -> None:
    """Call with networks.scope.forget_scope after changing roles mid-request or mid-test."""
    for attr in (_INITIATIVES_ATTR, _CLUSTER_PROJECTS_ATTR):
        if hasattr(user, attr):
            delattr(user, attr)


# --- Plain checks (also used by services, which have no request) -------------


def sees_initiative(user, initiative) -> bool:
    if not user.is_authenticated:
        return False
    visible = visible_initiative_ids(user)
    return visible is None or initiative.pk in visible


def sees_project(user, project) -> bool:
    if not user.is_authenticated:
        return False
    scope = scope_for(user)
    return (
        scope.sees_everything
        or project.la_id in scope.la_ids
        or project.pk in scope.project_ids
        or project.initiative_id in scope.initiative_ids
        # Last, as it may cost a query: a cluster from another LA working in this project.
        or (bool(scope.cluster_ids) and project.pk in cluster_project_ids(user))
    )


def sees_enquiry(user, enquiry) -> bool:
    if enquiry.level == enquiry.Level.NATIONAL:
        return sees_initiative(user, enquiry.initiative)
    if sees_project(user, enquiry.project):
        return True
    # A school contact whose school is hosted by another LA still sees its own question.
    return bool(
        enquiry.school_participation_id
        and enquiry.school_participation.school_id in scope_for(user).school_ids
    )


def owns_enquiry(user, enquiry) -> bool:
    """Writes this level's question, not counting staff (see the module docstring)."""
    scope = scope_for(user)
    level = enquiry.level
    if level == enquiry.Level.NATIONAL:
        return scope.national_team or enquiry.initiative_id in scope.facilitated_initiative_ids
    if level == enquiry.Level.LA:
        return enquiry.project.la_id in scope.coleader_la_ids
    cluster_id = enquiry.cluster_participation.cluster_id
    if level == enquiry.Level.CLUSTER:
        return cluster_id in scope.lead_cluster_ids
    return (
        cluster_id in scope.lead_cluster_ids
        or enquiry.school_participation.school_id in scope.school_ids
    )


def may_edit_enquiry(user, enquiry) -> bool:
    return (
        user.is_authenticated and user.is_active and (user.is_staff or owns_enquiry(user, enquiry))
    )


def may_review_enquiry(user, enquiry) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    scope = scope_for(user)
    if user.is_staff or scope.national_team:
        return True
    if enquiry.level == enquiry.Level.NATIONAL or owns_enquiry(user, enquiry):
        return False
    project = enquiry.project
    return (
        enquiry.initiative_id in scope.facilitated_initiative_ids
        or project.pk in scope.facilitated_project_ids
        or (enquiry.level != enquiry.Level.LA and project.la_id in scope.coleader_la_ids)
    )


def may_manage_project(user, project) -> bool:
    """Set up the project, invite clusters: the LA's co-leaders (and staff, national team)."""
    scope = scope_for(user)
    return user.is_authenticated and (
        user.is_staff or scope.national_team or project.la_id in scope.coleader_la_ids
    )


def may_manage_cluster_participation(user, cluster_participation) -> bool:
    """Choose the schools taking part: the cluster's leads, or the project's managers."""
    return (
        user.is_authenticated
        and cluster_participation.cluster_id in scope_for(user).lead_cluster_ids
    ) or may_manage_project(user, cluster_participation.project)


def may_create_any_project(user, initiative) -> bool:
    """Set up a project for any LA taking part: staff, the national team, and the
    initiative's facilitators. (An LA's co-leaders may set up their own LA's.)"""
    scope = scope_for(user)
    return user.is_authenticated and (
        user.is_staff or scope.national_team or initiative.pk in scope.facilitated_initiative_ids
    )


def may_create_project(user, initiative, la) -> bool:
    return may_create_any_project(user, initiative) or (
        user.is_authenticated and la.pk in scope_for(user).coleader_la_ids
    )


def may_assign_facilitator(user, project) -> bool:
    """Assign and end LA-to-LA facilitators: the national team and staff only.

    Co-leaders do not choose who reviews their own LA's questions.
    """
    return (
        user.is_authenticated
        and user.is_active
        and (user.is_staff or scope_for(user).national_team)
    )


def may_create_initiative(user) -> bool:
    return user.is_authenticated and (user.is_staff or scope_for(user).national_team)


# --- Who to tell: the same rules, read the other way round -------------------


def owner_roles(enquiry) -> Q:
    """RoleAssignment rows whose holders own the enquiry's level."""
    if enquiry.level == enquiry.Level.NATIONAL:
        return Q(role=Role.NATIONAL_FACILITATOR) & (
            Q(initiative__isnull=True) | Q(initiative_id=enquiry.initiative_id)
        )
    if enquiry.level == enquiry.Level.LA:
        return Q(role=Role.LA_COLEADER, la_id=enquiry.project.la_id)
    leads = Q(role=Role.CLUSTER_LEAD, cluster_id=enquiry.cluster_participation.cluster_id)
    if enquiry.level == enquiry.Level.CLUSTER:
        return leads
    return leads | Q(role=Role.SCHOOL_CONTACT, school_id=enquiry.school_participation.school_id)


def reviewer_roles(enquiry, *, has_initiative_facilitators: bool) -> Q:
    """RoleAssignment rows whose holders review the enquiry.

    The national team is told only when the initiative has no facilitators of its
    own: otherwise every submission in every LA would land in its inbox.
    """
    national_team = Q(role=Role.NATIONAL_FACILITATOR, initiative__isnull=True)
    if enquiry.level == enquiry.Level.NATIONAL:
        return national_team
    roles = Q(role=Role.LA_FACILITATOR, project_id=enquiry.project_id)
    if has_initiative_facilitators:
        roles |= Q(role=Role.NATIONAL_FACILITATOR, initiative_id=enquiry.initiative_id)
    else:
        roles |= national_team
    if enquiry.level != enquiry.Level.LA:
        roles |= Q(role=Role.LA_COLEADER, la_id=enquiry.project.la_id)
    return roles


# --- rules predicates and permissions ----------------------------------------


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


rules.add_perm("enquiries.view_initiative", rules.is_authenticated & can_view_initiative)
rules.add_perm("enquiries.view_project", rules.is_authenticated & can_view_project)
rules.add_perm("enquiries.manage_project", rules.is_authenticated & can_manage_project)
rules.add_perm("enquiries.assign_facilitator", rules.is_authenticated & can_assign_facilitator)
rules.add_perm("enquiries.view_enquiry", rules.is_authenticated & can_view_enquiry)
rules.add_perm("enquiries.edit_enquiry", rules.is_authenticated & can_edit_enquiry)
rules.add_perm("enquiries.review_enquiry", rules.is_authenticated & can_review_enquiry)
rules.add_perm("enquiries.comment_enquiry", rules.is_authenticated & can_view_enquiry)
