"""Site-wide search over LAs, clusters and schools (networks:search)."""

import pytest
from django.urls import reverse

from networks.selectors import SEARCH_LIMIT
from tests.factories import ClusterFactory, LocalAuthorityFactory, SchoolFactory

URL = reverse("networks:search")


def found(response, section):
    return [str(item) for item in getattr(response.context["results"], section).results]


def test_it_shows_guidance_for_an_empty_query(signed_in, coleader):
    response = signed_in(coleader).get(URL)
    assert response.status_code == 200
    assert b"Use the search box above" in response.content
    assert response.context["results"].las is None


def test_it_asks_for_a_longer_query(signed_in, coleader):
    response = signed_in(coleader).get(URL, {"q": " e "})
    assert response.context["results"].too_short
    assert b"Type at least 2 characters" in response.content


def test_it_finds_las_by_name_and_code(signed_in, national_facilitator, la, other_la):
    c = signed_in(national_facilitator)
    assert found(c.get(URL, {"q": "ess"}), "las") == ["Essex"]
    assert found(c.get(URL, {"q": "928"}), "las") == ["Northamptonshire"]


def test_it_finds_clusters_by_name(signed_in, coleader, cluster):
    assert found(signed_in(coleader).get(URL, {"q": "harlow"}), "clusters") == ["Harlow cluster"]


def test_it_finds_schools_by_name_urn_and_postcode(signed_in, coleader, la):
    SchoolFactory(la=la, name="Tiptree Heath", urn=114999, postcode="CO5 0PG")
    c = signed_in(coleader)
    assert found(c.get(URL, {"q": "tiptree"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "114999"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "co5 0pg"}), "schools") == ["Tiptree Heath"]
    assert found(c.get(URL, {"q": "CO50PG"}), "schools") == ["Tiptree Heath"]


def test_it_finds_only_what_the_person_can_see(signed_in, outsider, la, other_la, cluster):
    SchoolFactory(la=la, name="Essex Harlow School")
    SchoolFactory(la=other_la, name="Corby Harlow School")
    response = signed_in(outsider).get(URL, {"q": "harlow"})
    assert found(response, "clusters") == []
    assert found(response, "schools") == ["Corby Harlow School"]
    assert found(signed_in(outsider).get(URL, {"q": "essex"}), "las") == []


def test_it_caps_each_section_and_says_so(signed_in, coleader, la):
    for n in range(SEARCH_LIMIT + 5):
        SchoolFactory(la=la, name=f"Oak {n:02d}")
    response = signed_in(coleader).get(URL, {"q": "oak"})
    section = response.context["results"].schools
    assert (len(section.results), section.total, section.capped) == (20, 25, True)
    assert b"Showing 20 of 25" in response.content


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL, {"q": "essex"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader):
    assert signed_in(coleader).post(URL, {"q": "essex"}).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_searches_in_constant_queries(
    signed_in, national_facilitator, django_assert_num_queries, rows
):
    for n in range(rows):
        la = LocalAuthorityFactory(code=f"{600 + n}", name=f"Maple shire {n}")
        ClusterFactory(host_la=la, name=f"Maple cluster {n}")
        SchoolFactory(la=la, name=f"Maple school {n}")
    c = signed_in(national_facilitator)
    # session, user, scope (+ facilitations), then rows and a count for each of LAs, clusters and
    # schools, notification count
    with django_assert_num_queries(11):
        response = c.get(URL, {"q": "maple"})
    assert response.context["results"].total == 3 * rows
