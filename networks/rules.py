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


# --- Changing clusters and their membership ----------------------------------------
# The querysets Cluster.objects.members_managed_by / proposable_by and
# LocalAuthority.objects.cluster_hosts_for are the definition; these answer for one
# object without a query (tests/enquiries/test_access_agreement.py holds them equal).


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def may_create_cluster_in(user, la) -> bool:
    """Set up a cluster hosted by the LA: its co-leaders and officers, and staff."""
    return _signed_in(user) and (user.is_staff or la.pk in scope_for(user).officer_la_ids)


def manages_members(user, cluster) -> bool:
    """Change a running cluster's details, members and lead school: the host LA's
    co-leaders and officers, and staff. Schools join voluntarily; the LA records it."""
    return (
        _signed_in(user)
        and cluster.dissolved_on is None
        and (user.is_staff or cluster.host_la_id in scope_for(user).officer_la_ids)
    )


def may_propose_member(user, cluster) -> bool:
    """Ask the host LA to add a school: the cluster's own leads, while it runs."""
    return (
        _signed_in(user)
        and cluster.dissolved_on is None
        and cluster.pk in scope_for(user).lead_cluster_ids
    )


@rules.predicate
def can_manage_members(user, cluster) -> bool:
    return manages_members(user, cluster)


@rules.predicate
def can_propose_member(user, cluster) -> bool:
    return may_propose_member(user, cluster)


rules.add_perm("networks.manage_members", can_manage_members)
rules.add_perm("networks.propose_member", can_propose_member)
