"""Who may see, write and review what, as SQL conditions: the single definition.

The querysets (`Project.objects.visible_to(user)`, `Enquiry.objects.reviewable_by(user)`,
...) are built from these. `enquiries/rules.py` answers the same questions for one
object already in memory, without a query; tests/enquiries/test_access_agreement.py
walks a generated world (every person × every object) and fails if the two differ.

Every function takes an optional `prefix` so the same condition can be applied
through a relation ("project__", "enquiry__").

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

from django.db.models import Q

from networks.scope import scope_for

from .reach import reach_of

NOTHING = Q(pk__in=[])


def _on(prefix: str):
    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return q


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def visible_initiatives(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    if scope_for(user).sees_everything:
        return Q()
    return _on(prefix)(pk__in=reach_of(user).initiative_ids)


def visible_projects(user, prefix: str = "") -> Q:
    """Projects of the person's LAs, those they facilitate (or whose initiative they
    facilitate), and those their clusters or schools work in, in any LA."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    reach = reach_of(user)
    q = _on(prefix)
    return (
        q(la_id__in=scope.la_ids)
        | q(pk__in=reach.facilitated_project_ids | reach.participating_project_ids)
        | q(initiative_id__in=reach.facilitated_initiative_ids)
    )


def managed_projects(user, prefix: str = "") -> Q:
    """Set up and run the project: its LA's co-leaders, the national team, staff."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    return _on(prefix)(la_id__in=scope.coleader_la_ids)


def visible_enquiries(user, prefix: str = "") -> Q:
    """National key questions of the initiatives they see; every other question of the
    projects they see."""
    if not _signed_in(user):
        return NOTHING
    if scope_for(user).sees_everything:
        return Q()
    q = _on(prefix)
    return (q(level="national") & visible_initiatives(user, f"{prefix}initiative__")) | (
        ~q(level="national") & visible_projects(user, f"{prefix}project__")
    )


def owned_enquiries(user, prefix: str = "") -> Q:
    """Questions whose level the person writes (staff not counted)."""
    if not _signed_in(user):
        return NOTHING
    q = _on(prefix)
    scope = scope_for(user)
    national = q(level="national")
    if not scope.national_team:
        national &= q(initiative_id__in=reach_of(user).facilitated_initiative_ids)
    return (
        national
        | q(level="la", project__la_id__in=scope.coleader_la_ids)
        | q(level="cluster", cluster_participation__cluster_id__in=scope.lead_cluster_ids)
        | (
            q(level="school")
            & (
                q(cluster_participation__cluster_id__in=scope.lead_cluster_ids)
                | q(school_participation__school_id__in=scope.school_ids)
            )
        )
    )


def editable_enquiries(user, prefix: str = "") -> Q:
    if not _signed_in(user):
        return NOTHING
    return Q() if user.is_staff else owned_enquiries(user, prefix)


def reviewable_enquiries(user, prefix: str = "") -> Q:
    """Questions the person may decide and rate."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if user.is_staff or scope.national_team:
        return Q()
    reach = reach_of(user)
    q = _on(prefix)
    return (
        ~q(level="national")
        & ~owned_enquiries(user, prefix)
        & (
            q(initiative_id__in=reach.facilitated_initiative_ids)
            | q(project_id__in=reach.facilitated_project_ids)
            | (~q(level="la") & q(project__la_id__in=scope.coleader_la_ids))
        )
    )


# --- Plans and feedback loops ---------------------------------------------------------
# Everyone who sees the project reads its plans and loops (visible_projects through
# "project__"). Writing them:


def editable_plan_items(user, prefix: str = "") -> Q:
    """All of a project's items for its managers; a cluster's items for its leads."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    q = _on(prefix)
    return q(project__la_id__in=scope.coleader_la_ids) | q(
        cluster_participation__cluster_id__in=scope.lead_cluster_ids
    )


def editable_milestones(user, prefix: str = "") -> Q:
    """As the items: a cluster's leads add and remove milestones on their items only."""
    if not _signed_in(user):
        return NOTHING
    scope = scope_for(user)
    if scope.sees_everything:
        return Q()
    q = _on(prefix)
    return q(project__la_id__in=scope.coleader_la_ids) | q(
        item__cluster_participation__cluster_id__in=scope.lead_cluster_ids
    )


def answerable_feedback(user, prefix: str = "") -> Q:
    """A cluster's answer to a feedback loop is written by the cluster's leads only:
    not staff, not the co-leaders who asked (it is the cluster's voice)."""
    if not _signed_in(user):
        return NOTHING
    return _on(prefix)(cluster_participation__cluster_id__in=scope_for(user).lead_cluster_ids)
