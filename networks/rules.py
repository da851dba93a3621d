"""Object permissions for the register. Every predicate reads the person's Scope,
worked out once per request (networks/scope.py), so checks cost no extra queries."""

import rules

from .scope import scope_for


@rules.predicate
def is_national_team(user) -> bool:
    return scope_for(user).sees_everything


@rules.predicate
def can_see_la(user, la) -> bool:
    scope = scope_for(user)
    return scope.sees_everything or la.pk in scope.la_ids


@rules.predicate
def leads_la(user, la) -> bool:
    return user.is_staff or la.pk in scope_for(user).coleader_la_ids


@rules.predicate
def can_see_cluster(user, cluster) -> bool:
    scope = scope_for(user)
    return (
        scope.sees_everything
        or cluster.host_la_id in scope.la_ids
        or cluster.pk in scope.cluster_ids
    )


@rules.predicate
def leads_cluster(user, cluster) -> bool:
    scope = scope_for(user)
    return (
        user.is_staff
        or cluster.pk in scope.lead_cluster_ids
        or cluster.host_la_id in scope.coleader_la_ids
    )


rules.add_perm("networks.view_la", rules.is_authenticated & can_see_la)
rules.add_perm("networks.manage_la", rules.is_authenticated & leads_la)
rules.add_perm("networks.view_cluster", rules.is_authenticated & can_see_cluster)
rules.add_perm("networks.manage_cluster", rules.is_authenticated & leads_cluster)
