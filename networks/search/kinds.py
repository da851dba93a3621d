"""The register's kinds of result: LAs, clusters, schools and people.

Each starts from what the person may see (the `visible_to` querysets, and for people
the roles held where the person may look), then matches and ranks.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from ..models import Cluster, LocalAuthority, RoleAssignment, School, User
from ..scope import scope_for
from .match import every_word_in, ranked_by_name
from .registry import SearchKind, register_kind
from .text import Terms


def find_las(user, terms: Terms) -> QuerySet[LocalAuthority]:
    code = (
        Q(code=f"{terms.number:03d}") if terms.number is not None and terms.number < 1000 else None
    )
    match = every_word_in("search_name", terms)
    if code is not None:
        match |= code
    return ranked_by_name(
        LocalAuthority.objects.visible_to(user).filter(match), "search_name", terms, exact=code
    )


def find_clusters(user, terms: Terms) -> QuerySet[Cluster]:
    return ranked_by_name(
        Cluster.objects.visible_to(user)
        .filter(every_word_in("search_name", terms))
        .select_related("host_la"),
        "search_name",
        terms,
    )


def _postcode_match(terms: Terms) -> Q | None:
    if not terms.postcode:
        return None
    if terms.full_postcode:
        return Q(search_postcode=terms.postcode)
    # An outward code ("cm20") is the part before the space: not "cm2" for "cm20".
    return Q(search_postcode__startswith=f"{terms.postcode} ")


def _school_exact(terms: Terms) -> Q | None:
    exact = Q(urn=terms.number) if terms.number is not None else None
    postcode = _postcode_match(terms)
    if postcode is not None:
        exact = postcode if exact is None else exact | postcode
    return exact


def school_match(terms: Terms) -> Q:
    """By name (any words of it), URN, or postcode (with or without its space; the
    outward code alone finds the district's schools)."""
    match = every_word_in("search_name", terms)
    exact = _school_exact(terms)
    return match if exact is None else match | exact


def ranked_schools(schools: QuerySet[School], terms: Terms) -> QuerySet[School]:
    return ranked_by_name(schools, "search_name", terms, exact=_school_exact(terms))


def find_schools(user, terms: Terms) -> QuerySet[School]:
    return ranked_schools(
        School.objects.visible_to(user).filter(school_match(terms)).select_related("la"), terms
    )


def roles_seen_by(user) -> QuerySet[RoleAssignment]:
    """Current roles held at an LA, cluster or school the person may see: the people
    they work with are the people holding them."""
    current = RoleAssignment.objects.current()
    if scope_for(user).sees_everything:
        return current
    return current.filter(
        Q(la__in=LocalAuthority.objects.visible_to(user))
        | Q(cluster__in=Cluster.objects.visible_to(user))
        | Q(school__in=School.objects.visible_to(user))
    )


def find_people(user, terms: Terms) -> QuerySet[User]:
    """People by name, with the roles the person may see (one more query)."""
    seen = roles_seen_by(user)
    return ranked_by_name(
        User.objects.filter(is_active=True)
        .filter(Exists(seen.filter(user=OuterRef("pk"))), every_word_in("search_name", terms))
        .prefetch_related(
            Prefetch(
                "roles",
                queryset=seen.select_related("la", "cluster", "school").order_by("role", "pk"),
                to_attr="roles_seen",
            )
        ),
        "search_name",
        terms,
    )


def register() -> None:
    register_kind(
        SearchKind(
            "las",
            "Local authorities",
            "local authority",
            "local authorities",
            "networks/search/_la.html",
            find_las,
            10,
        )
    )
    register_kind(
        SearchKind(
            "clusters",
            "Clusters",
            "cluster",
            "clusters",
            "networks/search/_cluster.html",
            find_clusters,
            20,
        )
    )
    register_kind(
        SearchKind(
            "schools",
            "Schools",
            "school",
            "schools",
            "networks/search/_school.html",
            find_schools,
            30,
        )
    )
    register_kind(
        SearchKind(
            "people",
            "People",
            "person",
            "people",
            "networks/search/_person.html",
            find_people,
            60,
        )
    )
