"""Site search (networks:search): the register's kinds, grouping, bad input, queries.

Projects, questions and people across an initiative: tests/enquiries/test_search.py.
"""

import pytest
from django.db import connection
from django.urls import reverse

from networks.models import Role
from networks.search.page import GROUP_LIMIT, PAGE_SIZE
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

URL = reverse("networks:search")
# On PostgreSQL the search sets its planner's costs, then resets them (networks.search.page).
SET_COSTS = 2 if connection.vendor == "postgresql" else 0


def found(response, kind):
    """Names in a kind's group (or the page, when paging through one kind)."""
    results = response.context["results"]
    if results.page is not None:
        return [str(item) for item in results.page.object_list]
    group = next(g for g in results.groups if g.kind.key == kind)
    return [str(item) for item in group.rows]


def test_it_shows_guidance_for_an_empty_query(signed_in, coleader):
    response = signed_in(coleader).get(URL)
    assert response.status_code == 200
    assert b"Use the search box above" in response.content
    assert response.context["results"].groups == []


def test_it_asks_for_a_longer_query(signed_in, coleader):
    response = signed_in(coleader).get(URL, {"q": " e "})
    assert response.context["results"].groups == []
    assert b"type at least 2 letters or numbers" in response.content


def test_it_finds_las_by_name_and_code(signed_in, national_facilitator, la, other_la):
    c = signed_in(national_facilitator)
    assert found(c.get(URL, {"q": "ess"}), "las") == ["Essex"]
    assert found(c.get(URL, {"q": "928"}), "las") == ["Northamptonshire"]


def test_it_finds_clusters_by_name(signed_in, coleader, cluster):
    assert found(signed_in(coleader).get(URL, {"q": "harlow"}), "clusters") == ["Harlow cluster"]


def test_it_finds_schools_by_name_urn_and_postcode(signed_in, coleader, la):
    SchoolFactory(la=la, name="Tiptree Heath", urn=114999, postcode="CO5 0PG")
    SchoolFactory(la=la, name="Harlow Fields", urn=115000, postcode="CM20 1AA")
    SchoolFactory(la=la, name="Chelmsford Park", urn=115001, postcode="CM2 0AA")
    c = signed_in(coleader)
    assert found(c.get(URL, {"q": "tiptree"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "114999"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "co5 0pg"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "CO50PG"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "cm201aa"}), "schools") == ["Harlow Fields"]
    assert found(c.get(URL, {"q": " CM20  1AA "}), "schools") == ["Harlow Fields"]
    # An outward code finds its district, not the districts it is the start of.
    assert found(c.get(URL, {"q": "CM2"}), "schools") == ["Chelmsford Park"]
    assert found(c.get(URL, {"q": "cm20"}), "schools") == ["Harlow Fields"]


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("St Marys", "St Mary's Church of England Primary School"),
        ("st. mary’s primary", "St Mary's Church of England Primary School"),
        ("MARYS CHURCH", "St Mary's Church of England Primary School"),
        ("ecole", "École Française de Harlow"),
        ("francaise", "École Française de Harlow"),
        ("Bishops-Stortford", "Bishop's Stortford High School"),
        ("bishops stortford", "Bishop's Stortford High School"),
    ],
)
def test_it_ignores_case_punctuation_and_accents(signed_in, coleader, la, typed, name):
    SchoolFactory(la=la, name="St Mary's Church of England Primary School")
    SchoolFactory(la=la, name="École Française de Harlow")
    SchoolFactory(la=la, name="Bishop's Stortford High School")
    SchoolFactory(la=la, name="Tiptree Heath Primary School")
    assert found(signed_in(coleader).get(URL, {"q": typed}), "schools") == [name]


def test_it_ranks_the_exact_name_then_names_starting_so(signed_in, coleader, la):
    for name in ("Great Oakley Primary", "Oakwood Primary", "Oak", "Broak School", "Oak Lane"):
        SchoolFactory(la=la, name=name)
    names = found(signed_in(coleader).get(URL, {"q": "oak"}), "schools")
    assert names[0] == "Oak"
    assert set(names[1:3]) == {"Oakwood Primary", "Oak Lane"}
    assert names[3] == "Great Oakley Primary"  # a word starting "oak"
    assert names[4] == "Broak School"


def test_it_counts_schools_seen_through_several_clusters_once(
    signed_in, cluster_lead, cluster, other_la, django_assert_max_num_queries
):
    """A cluster lead sees member schools of other LAs: the rows need DISTINCT, so the
    count is a query of its own (one more)."""
    school = SchoolFactory(la=other_la, name="Maple Cross School")
    MembershipFactory(cluster=cluster, school=school)
    second = ClusterFactory(host_la=cluster.host_la)
    MembershipFactory(cluster=second, school=school)
    grant(cluster_lead, Role.CLUSTER_LEAD, cluster=second)
    c = signed_in(cluster_lead)
    # As for the national team, less people's roles (none found), plus the count, plus
    # what the enquiries reach reads for a cluster lead (their projects, initiatives).
    with django_assert_max_num_queries(5 + 6 + 1 + 2 + SET_COSTS):
        response = c.get(URL, {"q": "maple"})
    assert found(response, "schools") == ["Maple Cross School"]
    assert response.context["results"].groups[2].total == 1


def test_it_finds_only_what_the_person_can_see(signed_in, outsider, la, other_la, cluster):
    SchoolFactory(la=la, name="Essex Harlow School")
    SchoolFactory(la=other_la, name="Corby Harlow School")
    response = signed_in(outsider).get(URL, {"q": "harlow"})
    assert found(response, "clusters") == []
    assert found(response, "schools") == ["Corby Harlow School"]
    assert found(signed_in(outsider).get(URL, {"q": "essex"}), "las") == []
    # Nor by a kind's own pages.
    response = signed_in(outsider).get(URL, {"q": "harlow", "kind": "clusters"})
    assert response.context["results"].page.paginator.count == 0


def test_it_finds_the_people_one_works_with_and_no_one_else(
    signed_in, coleader, cluster_lead, outsider, la, other_la
):
    someone_elsewhere = UserFactory(name="Cluster Leader Elsewhere")
    grant(someone_elsewhere, Role.CLUSTER_LEAD, cluster=ClusterFactory(host_la=other_la))
    response = signed_in(coleader).get(URL, {"q": "cluster lead"})
    assert found(response, "people") == ["Cluster Lead"]
    assert "Cluster Leader Elsewhere" not in response.content.decode()
    # ... and the roles shown link to where the person works.
    assert reverse("networks:cluster_detail", args=[cluster_lead.roles.get().cluster_id]) in (
        response.content.decode()
    )
    assert found(signed_in(outsider).get(URL, {"q": "cluster lead"}), "people") == [
        "Cluster Leader Elsewhere"
    ]


def test_it_caps_each_group_and_pages_through_one_kind(signed_in, coleader, la):
    for n in range(PAGE_SIZE + 5):
        SchoolFactory(la=la, name=f"Oak {n:02d}")
    c = signed_in(coleader)
    response = c.get(URL, {"q": "oak"})
    group = next(g for g in response.context["results"].groups if g.kind.key == "schools")
    assert (len(group.rows), group.total, group.more) == (GROUP_LIMIT, 25, True)
    assert b"See all 25 schools" in response.content
    assert b"kind=schools" in response.content
    page_two = c.get(URL, {"q": "oak", "kind": "schools", "page": 2})
    assert len(found(page_two, "schools")) == 5
    assert b"Page 2 of 2" in page_two.content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("x" * 10_000, b"Your search is too long: use at most 200 characters."),
        ("!!!", b"Your search is too short"),
    ],
)
def test_it_explains_bad_queries(signed_in, coleader, query, message):
    response = signed_in(coleader).get(URL, {"q": query})
    assert response.status_code == 200
    assert message in response.content
    assert response.context["results"].groups == []


@pytest.mark.parametrize("query", ["oak\x00tree", "\x1boak\x07", "oak\u2028tree", "\ufeffoak"])
def test_it_ignores_control_characters(signed_in, coleader, la, query):
    SchoolFactory(la=la, name="Oak Tree Primary")
    response = signed_in(coleader).get(URL, {"q": query})
    assert response.status_code == 200
    assert found(response, "schools") == ["Oak Tree Primary"]


@pytest.mark.parametrize("params", [{"kind": "nonsense"}, {"kind": "schools", "page": "x"}])
def test_it_shrugs_off_odd_parameters(signed_in, coleader, la, params):
    SchoolFactory(la=la, name="Oak Tree Primary")
    response = signed_in(coleader).get(URL, {"q": "oak", **params})
    assert response.status_code == 200
    assert found(response, "schools") == ["Oak Tree Primary"]


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL, {"q": "essex"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader):
    assert signed_in(coleader).post(URL, {"q": "essex"}).status_code == 405


def _maple_world(rows):
    for n in range(rows):
        la = LocalAuthorityFactory(code=f"{600 + n}", name=f"Maple shire {n}")
        cluster = ClusterFactory(host_la=la, name=f"Maple cluster {n}")
        school = SchoolFactory(la=la, name=f"Maple school {n}")
        MembershipFactory(cluster=cluster, school=school)
        grant(UserFactory(name=f"Maple Person {n}"), Role.CLUSTER_LEAD, cluster=cluster)


# session, user, scope (+ the enquiries reach: 2), notification count; then for each
# kind (LAs, clusters, schools, projects, questions, people) its rows with their count
# (a window over the same scan); and people's roles.
@pytest.mark.parametrize("rows", [1, GROUP_LIMIT + 3])
def test_it_searches_in_constant_queries(
    signed_in, national_facilitator, django_assert_num_queries, rows
):
    _maple_world(rows)
    c = signed_in(national_facilitator)
    with django_assert_num_queries(5 + 6 + 1 + SET_COSTS):
        response = c.get(URL, {"q": "maple"})
    assert response.context["results"].total == 4 * rows


@pytest.mark.parametrize("rows", [1, PAGE_SIZE + 3])
def test_one_kind_pages_in_constant_queries(
    signed_in, national_facilitator, django_assert_max_num_queries, rows
):
    _maple_world(rows)
    c = signed_in(national_facilitator)
    # session, user, scope (+2), notifications; count, page, roles.
    with django_assert_max_num_queries(8 + SET_COSTS):
        response = c.get(URL, {"q": "maple", "kind": "people"})
    assert response.context["results"].total == rows
