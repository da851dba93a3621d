"""What part of the network a person can see, worked out once per request.

Every `visible_to(user)` queryset and every `rules` predicate reads the same Scope,
so a page costs a bounded number of queries however many roles a person holds.

The register's own roles (LA, cluster, school, national team) are read here. Apps
above add what their own roles reach (an initiative's facilitator sees the LAs
taking part in it) by registering a *reach* with `extend_scope`: it runs when the
Scope is first worked out, may add LAs to what the person sees, and keeps whatever
else its app needs under its name (`scope.part("enquiries")`). The Scope is cached
on the user object, which Django builds afresh per request; `forget_scope` is the
one reset for all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .models.people import Role, RoleAssignment


@dataclass(frozen=True)
class Scope:
    sees_everything: bool = False
    national_team: bool = False
    la_ids: frozenset[int] = field(default_factory=frozenset)
    cluster_ids: frozenset[int] = field(default_factory=frozenset)
    school_ids: frozenset[int] = field(default_factory=frozenset)
    # Where the person leads, rather than merely sees.
    coleader_la_ids: frozenset[int] = field(default_factory=frozenset)
    officer_la_ids: frozenset[int] = field(default_factory=frozenset)  # co-leader or officer
    lead_cluster_ids: frozenset[int] = field(default_factory=frozenset)
    # What apps above added, by the name they registered.
    parts: Mapping[str, Any] = field(default_factory=dict)

    def part(self, name: str) -> Any:
        return self.parts.get(name)


@dataclass(frozen=True)
class Reach:
    """What one app adds to a person's Scope: more LAs to see, and its own facts."""

    la_ids: frozenset[int] = frozenset()
    part: Any = None


# reach(user, base_scope) -> Reach. Registered from each app's AppConfig.ready().
ReachFunction = Callable[[Any, Scope], Reach]
_REACHES: dict[str, ReachFunction] = {}

NOBODY = Scope()
_CACHE_ATTR = "_enquiry_scope"


def extend_scope(name: str, reach: ReachFunction) -> None:
    """Let an app above add to every person's Scope (idempotent per name)."""
    _REACHES[name] = reach


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
    rows = RoleAssignment.objects.current().filter(user=user)
    las, clusters, schools = set(), set(), set()
    coleader_las, officer_las, lead_clusters = set(), set(), set()
    national_team = False
    for role, la, cluster, school, cluster_la, school_la in rows.values_list(
        "role", "la_id", "cluster_id", "school_id", "cluster__host_la_id", "school__la_id"
    ):
        if role == Role.NATIONAL_FACILITATOR:
            national_team = True
        elif la is not None:
            las.add(la)
            officer_las.add(la)
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

    scope = Scope(
        sees_everything=user.is_staff or national_team,
        national_team=national_team,
        la_ids=frozenset(las),
        cluster_ids=frozenset(clusters),
        school_ids=frozenset(schools),
        coleader_la_ids=frozenset(coleader_las),
        officer_la_ids=frozenset(officer_las),
        lead_cluster_ids=frozenset(lead_clusters),
    )
    if not _REACHES:
        return scope
    parts: dict[str, Any] = {}
    for name, reach in _REACHES.items():
        added = reach(user, scope)
        las.update(added.la_ids)
        parts[name] = added.part
    return replace(scope, la_ids=frozenset(las), parts=parts)
