"""What part of the network a person can see, worked out once per request.

Every `visible_to(user)` queryset and every `rules` predicate reads the same Scope,
so a page costs a bounded number of queries however many roles a person holds.
The result is cached on the user object, which Django builds afresh per request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

from .models.people import Role, RoleAssignment


@dataclass(frozen=True)
class Scope:
    sees_everything: bool = False
    initiative_ids: frozenset[int] = field(default_factory=frozenset)
    project_ids: frozenset[int] = field(default_factory=frozenset)
    la_ids: frozenset[int] = field(default_factory=frozenset)
    cluster_ids: frozenset[int] = field(default_factory=frozenset)
    school_ids: frozenset[int] = field(default_factory=frozenset)
    # Where the person leads or reviews, rather than merely sees.
    coleader_la_ids: frozenset[int] = field(default_factory=frozenset)
    lead_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    facilitated_initiative_ids: frozenset[int] = field(default_factory=frozenset)
    facilitated_project_ids: frozenset[int] = field(default_factory=frozenset)
    national_team: bool = False


NOBODY = Scope()
_CACHE_ATTR = "_enquiry_scope"


def scope_for(user) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return NOBODY
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = _compute_scope(user)
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_scope(user) -> None:
    """Call after changing someone's roles within the same request or test."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _compute_scope(user) -> Scope:
    rows = list(
        RoleAssignment.objects.current()
        .filter(user=user)
        .values_list(
            "role",
            "initiative_id",
            "project_id",
            "la_id",
            "cluster_id",
            "school_id",
            "cluster__host_la_id",
            "school__la_id",
            "project__la_id",
        )
    )
    initiatives, projects, las, clusters, schools = set(), set(), set(), set(), set()
    coleader_las, lead_clusters, fac_initiatives, fac_projects = set(), set(), set(), set()
    national_team = False
    for role, initiative, project, la, cluster, school, cluster_la, school_la, project_la in rows:
        if role == Role.NATIONAL_FACILITATOR:
            if initiative is None:
                national_team = True
            else:
                initiatives.add(initiative)
                fac_initiatives.add(initiative)
        elif role == Role.LA_FACILITATOR:
            projects.add(project)
            fac_projects.add(project)
            las.add(project_la)
        elif la is not None:
            las.add(la)
            if role == Role.LA_COLEADER:
                coleader_las.add(la)
        elif cluster is not None:
            clusters.add(cluster)
            las.add(cluster_la)
            if role == Role.CLUSTER_LEAD:
                lead_clusters.add(cluster)
        elif school is not None:
            schools.add(school)
            las.add(school_la)

    if initiatives:
        # A facilitator of an initiative sees every LA taking part in it.
        Initiative = apps.get_model("enquiries", "Initiative")
        las.update(
            Initiative.participating_las.through.objects.filter(
                initiative_id__in=initiatives
            ).values_list("localauthority_id", flat=True)
        )

    return Scope(
        sees_everything=user.is_staff or national_team,
        national_team=national_team,
        initiative_ids=frozenset(initiatives),
        project_ids=frozenset(projects),
        la_ids=frozenset(las),
        cluster_ids=frozenset(clusters),
        school_ids=frozenset(schools),
        coleader_la_ids=frozenset(coleader_las),
        lead_cluster_ids=frozenset(lead_clusters),
        facilitated_initiative_ids=frozenset(fac_initiatives),
        facilitated_project_ids=frozenset(fac_projects),
    )
