"""The LA's network as a whole: the LAs linked to it by LA-to-LA facilitation, the
clusters a knowledge exchange may name, and everything the network map draws.

Every function issues a fixed number of queries whatever the size of the network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Q, QuerySet, When

from enquiries.models import Facilitation, Project
from networks.models import Cluster, LocalAuthority, Membership, RoleAssignment
from networks.models.people import LA_ROLES

from ..models import Partnership, PartnershipStatus


def _la_to_la() -> QuerySet[Facilitation]:
    return Facilitation.objects.current().filter(kind=Facilitation.Kind.PROJECT)


def _officers(**where) -> QuerySet[RoleAssignment]:
    return RoleAssignment.objects.current().filter(role__in=LA_ROLES, **where)


def linked_la_condition(la: LocalAuthority) -> Q:
    """LocalAuthority rows linked to `la` by current LA-to-LA facilitation, either way:
    LAs whose officers facilitate one of its projects, and LAs whose projects its
    officers facilitate. Subqueries, so using it costs no query of its own."""
    facilitators = _la_to_la().filter(project__la=la).values("user_id")
    facilitating = _officers(user_id__in=facilitators).values("la_id")
    facilitated = _la_to_la().filter(user_id__in=_officers(la=la).values("user_id"))
    return (Q(pk__in=facilitating) | Q(pk__in=facilitated.values("project__la_id"))) & ~Q(pk=la.pk)


def exchange_clusters(la: LocalAuthority) -> QuerySet[Cluster]:
    """The networks a knowledge exchange recorded by `la` may name: its own, and those
    of the LAs linked to it by LA-to-LA facilitation (its own first)."""
    linked = LocalAuthority.objects.filter(linked_la_condition(la)).values("pk")
    return (
        Cluster.objects.filter(Q(host_la=la) | Q(host_la__in=linked))
        .select_related("host_la")
        .order_by(Case(When(host_la=la, then=0), default=1), "host_la__name", "name")
    )


# --- The network map -----------------------------------------------------------------


@dataclass
class MapSchool:
    name: str
    urn: int
    is_lead: bool
    other_la: str = ""  # the school's LA, when not the host's


@dataclass
class MapCluster:
    cluster: Cluster
    schools: list[MapSchool] = field(default_factory=list)


@dataclass
class MapPartner:
    name: str
    url: str
    sector: str
    # (cluster id or None for a project partnership, what it is with, status label, active?)
    links: list[tuple[int | None, str, str, bool]] = field(default_factory=list)


@dataclass
class MapFacilitatingLa:
    la: LocalAuthority
    people: list[str] = field(default_factory=list)


@dataclass
class NetworkData:
    la: LocalAuthority
    clusters: list[MapCluster]
    partners: list[MapPartner]
    facilitating: list[MapFacilitatingLa]


def network_data(la: LocalAuthority) -> NetworkData:
    """Five queries: the LA's running clusters, their current members, partnerships
    not ended, the LA's current LA-to-LA facilitators and the LAs they are officers of."""
    clusters = {
        cluster.pk: MapCluster(cluster)
        for cluster in Cluster.objects.active().filter(host_la=la).order_by("name")
    }
    members = (
        Membership.objects.active()
        .filter(cluster__host_la=la)
        .order_by("cluster_id", "-is_lead", "school__name")
        .values_list(
            "cluster_id",
            "school__name",
            "school__urn",
            "is_lead",
            "school__la_id",
            "school__la__name",
        )
    )
    for cluster_id, name, urn, is_lead, school_la_id, school_la_name in members:
        if cluster_id in clusters:
            other = school_la_name if school_la_id != la.pk else ""
            clusters[cluster_id].schools.append(MapSchool(name, urn, is_lead, other))

    partners: dict[int, MapPartner] = {}
    partnerships = (
        Partnership.objects.filter(la=la)
        .exclude(status=PartnershipStatus.ENDED)
        .select_related("partner", "cluster", "project")
        .order_by("partner__name", "partner_id", "pk")
    )
    for partnership in partnerships:
        if partnership.cluster_id is not None and partnership.cluster_id not in clusters:
            continue  # a partnership with a dissolved network is not on the map
        partner = partnership.partner
        entry = partners.setdefault(
            partner.pk,
            MapPartner(partner.name, partner.get_absolute_url(), partner.get_sector_display()),
        )
        entry.links.append(
            (
                partnership.cluster_id,
                partnership.with_label,
                partnership.get_status_display(),
                partnership.status == PartnershipStatus.ACTIVE,
            )
        )

    facilitations = list(
        _la_to_la().filter(project__la=la).select_related("user").order_by("user__name")
    )
    home_las: dict[int, MapFacilitatingLa] = {}
    if facilitations:
        people = {f.user_id: str(f.user) for f in facilitations}
        roles = (
            _officers(user_id__in=people)
            .exclude(la=la)
            .select_related("la")
            .order_by("la__name", "user__name")
        )
        for role in roles:
            assert role.la is not None  # _officers: LA roles, held at an LA
            entry_la = home_las.setdefault(role.la.pk, MapFacilitatingLa(role.la))
            if people[role.user_id] not in entry_la.people:
                entry_la.people.append(people[role.user_id])
    return NetworkData(
        la=la,
        clusters=list(clusters.values()),
        partners=list(partners.values()),
        facilitating=list(home_las.values()),
    )


def projects_of(la: LocalAuthority) -> QuerySet[Project]:
    return (
        Project.objects.filter(la=la).select_related("initiative").order_by("-starts_on", "title")
    )
