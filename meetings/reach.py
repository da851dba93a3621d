"""What the meetings app adds to a person's Scope: which of their clusters they
advise (consultant, link adviser) and which they belong to (lead, member), and the
projects those clusters take part in. Read lazily, once per request, and only by
pages that ask (one query each), so every other page pays nothing."""

from __future__ import annotations

from functools import cached_property

from networks.models import Role, RoleAssignment
from networks.scope import Reach, Scope, scope_for

ADVISER_ROLES = (Role.CONSULTANT, Role.LINK_ADVISER)
MEMBER_ROLES = (Role.CLUSTER_LEAD, Role.CLUSTER_MEMBER)


class MeetingRoles:
    def __init__(self, user, cluster_ids: frozenset[int] = frozenset()):
        self._user = user
        self._cluster_ids = cluster_ids

    @cached_property
    def _roles(self) -> list[tuple[str, int]]:
        if not self._cluster_ids:
            return []
        return list(
            RoleAssignment.objects.current()
            .filter(user=self._user, cluster_id__in=self._cluster_ids)
            .values_list("role", "cluster_id")
        )

    @cached_property
    def adviser_cluster_ids(self) -> frozenset[int]:
        """Clusters the person is a consultant or link adviser to."""
        return frozenset(c for role, c in self._roles if role in ADVISER_ROLES)

    @cached_property
    def member_cluster_ids(self) -> frozenset[int]:
        """Clusters the person leads or belongs to: they check notes for them."""
        return frozenset(c for role, c in self._roles if role in MEMBER_ROLES)

    @cached_property
    def advised_project_ids(self) -> frozenset[int]:
        """Projects a cluster the person advises takes part in."""
        if not self.adviser_cluster_ids:
            return frozenset()
        from enquiries.models import ClusterParticipation

        return frozenset(
            ClusterParticipation.objects.filter(cluster_id__in=self.adviser_cluster_ids)
            .order_by()
            .values_list("project_id", flat=True)
        )


def meeting_reach(user, scope: Scope) -> Reach:
    return Reach(part=MeetingRoles(user, scope.cluster_ids))


_NOBODY = MeetingRoles(None)


def roles_of(user) -> MeetingRoles:
    part = scope_for(user).part("meetings")
    return part if part is not None else _NOBODY
