"""An LA's isolated schools: open and in no active cluster (networks:la_isolated)."""

import pytest
from django.urls import reverse

from networks.models import School
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory

URL = reverse("networks:la_isolated", args=["881"])


def test_it_lists_open_schools_in_no_active_cluster(signed_in, coleader, la, cluster):
    SchoolFactory(la=la, name="Alone Primary")
    SchoolFactory(la=la, name="Closed Primary", status=School.Status.CLOSED)
    MembershipFactory(
        cluster=ClusterFactory(host_la=la, dissolved_on="2021-07-31"),
        school=SchoolFactory(la=la, name="Dissolved Primary"),
    )
    MembershipFactory(
        cluster=cluster,
        school=SchoolFactory(la=la, name="Left Primary"),
        joined_on="2019-09-01",
        left_on="2022-07-31",
    )
    response = signed_in(coleader).get(URL)
    assert response.status_code == 200
    names = [s.name for s in response.context["page_obj"]]
    assert names == ["Alone Primary", "Dissolved Primary", "Left Primary"]
    assert b"1 of 4 open schools (25%)" in response.content


def test_it_paginates(signed_in, coleader, la, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        SchoolFactory(la=la, name=f"Alone {n}")
    response = signed_in(coleader).get(URL, {"page": "3"})
    assert [s.name for s in response.context["page_obj"]] == ["Alone 4"]


def test_it_shows_them_to_a_cluster_lead(signed_in, cluster_lead):
    assert signed_in(cluster_lead).get(URL).status_code == 200


def test_it_hides_them_from_outsiders_with_404(signed_in, outsider, la):
    assert signed_in(outsider).get(URL).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, la):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader):
    assert signed_in(coleader).post(URL).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_isolated_schools_in_constant_queries(
    signed_in, coleader, la, django_assert_num_queries, rows
):
    for _ in range(rows):
        SchoolFactory(la=la)
    c = signed_in(coleader)
    # session, user, scope (+ facilitations), LA, coverage, page count, school rows,
    # notification count; the LA's clusters the co-leader may add a school to
    with django_assert_num_queries(10):
        response = c.get(URL)
    assert len(response.context["page_obj"]) == rows
