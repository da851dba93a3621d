"""What the enquiries app adds to a person's Scope (networks/scope.py).

Facilitating an initiative or an LA's project is a role held here, not in the
register: `enquiry_reach` reads the person's current facilitations once per request
(one query; two for an initiative's facilitator) and adds the LAs they bring into
view. Two further facts are read only when a page asks for them, then kept with
the Scope: the projects the person's clusters and schools work in (whichever LA
runs them), and the initiatives they can see.
"""

from __future__ import annotations

from functools import cached_property

from django.db.models import Q

from networks.scope import Reach, Scope, scope_for


class EnquiryReach:
    def __init__(
        self,
        user,
        *,
        facilitated_initiative_ids: frozenset[int] = frozenset(),
        facilitated_project_ids: frozenset[int] = frozenset(),
        facilitated_la_ids: frozenset[int] = frozenset(),
    ):
        self._user = user
        self.facilitated_initiative_ids = facilitated_initiative_ids
        self.facilitated_project_ids = facilitated_project_ids
        # The LAs the person's facilitation brings into view: those whose projects they
        # facilitate, and those taking part in the initiatives they facilitate. (Apps
        # above read it: brokerage lets an LA's facilitators read its brokerage.)
        self.facilitated_la_ids = facilitated_la_ids

    @cached_property
    def participating_project_ids(self) -> frozenset[int]:
        """Projects the person's clusters or schools take part in, in any LA.

        One query, none for someone with no cluster or school role.
        """
        from .models import ClusterParticipation, SchoolParticipation

        scope = scope_for(self._user)
        if not (scope.cluster_ids or scope.school_ids):
            return frozenset()
        clusters = (
            ClusterParticipation.objects.filter(cluster_id__in=scope.cluster_ids)
            .order_by()
            .values_list("project_id", flat=True)
        )
        schools = (
            SchoolParticipation.objects.filter(school_id__in=scope.school_ids)
            .order_by()
            .values_list("cluster_participation__project_id", flat=True)
        )
        return frozenset(clusters.union(schools))

    @cached_property
    def initiative_ids(self) -> frozenset[int]:
        """Initiatives the person can see (for someone who does not see everything):
        those they facilitate, those their LAs take part in or run projects in, and
        those of the projects they facilitate or work in. One query."""
        from .models import Initiative

        scope = scope_for(self._user)
        project_ids = self.facilitated_project_ids | self.participating_project_ids
        found = set(self.facilitated_initiative_ids)
        if scope.la_ids or project_ids:
            found.update(
                Initiative.objects.filter(
                    Q(participating_las__in=scope.la_ids)
                    | Q(projects__la__in=scope.la_ids)
                    | Q(projects__in=project_ids)
                ).values_list("pk", flat=True)
            )
        return frozenset(found)


def enquiry_reach(user, scope: Scope) -> Reach:
    from .models import Facilitation, Initiative

    initiatives: set[int] = set()
    projects: set[int] = set()
    las: set[int] = set()
    for initiative_id, project_id, project_la_id in (
        Facilitation.objects.current()
        .filter(user=user)
        .values_list("initiative_id", "project_id", "project__la_id")
    ):
        if initiative_id is not None:
            initiatives.add(initiative_id)
        else:
            projects.add(project_id)
            las.add(project_la_id)
    if initiatives:
        # A facilitator of an initiative sees every LA taking part in it.
        las.update(
            Initiative.participating_las.through.objects.filter(
                initiative_id__in=initiatives
            ).values_list("localauthority_id", flat=True)
        )
    part = EnquiryReach(
        user,
        facilitated_initiative_ids=frozenset(initiatives),
        facilitated_project_ids=frozenset(projects),
        facilitated_la_ids=frozenset(las),
    )
    return Reach(la_ids=frozenset(las), part=part)


_NOWHERE = EnquiryReach(None)


def reach_of(user) -> EnquiryReach:
    """The person's EnquiryReach (an empty one for anonymous or inactive people)."""
    part = scope_for(user).part("enquiries")
    return part if part is not None else _NOWHERE
