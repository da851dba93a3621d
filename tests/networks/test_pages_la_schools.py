"""An LA's schools, filtered in place with htmx (networks:la_schools)."""

import pytest
from django.urls import reverse

from networks.models import School
from tests.factories import MembershipFactory, SchoolFactory

URL = reverse("networks:la_schools", args=["881"])


def names(response):
    return [school.name for school in response.context["page_obj"]]


@pytest.fixture
def schools(la, cluster):
    """Harlow's member school (from the cluster fixture) plus four more in Essex."""
    SchoolFactory(la=la, name="Brook Infants", phase=School.Phase.PRIMARY, urn=100001)
    SchoolFactory(la=la, name="Brook High", phase=School.Phase.SECONDARY, urn=100002)
    SchoolFactory(la=la, name="Old Mill", status=School.Status.CLOSED, urn=100003)
    SchoolFactory(la=la, name="Zeal Academy", phase=School.Phase.SECONDARY, urn=100004)


def test_it_lists_an_las_schools_to_its_coleader(signed_in, coleader, schools, other_la):
    SchoolFactory(la=other_la, name="Corby Primary")
    response = signed_in(coleader).get(URL)
    assert response.status_code == 200
    assert len(names(response)) == 5
    assert "Corby Primary" not in names(response)
    assert b"<form" in response.content and b"novalidate" in response.content


def test_it_searches_by_name_and_urn(signed_in, coleader, schools):
    c = signed_in(coleader)
    assert names(c.get(URL, {"q": "brook"})) == ["Brook High", "Brook Infants"]
    assert names(c.get(URL, {"q": "100004"})) == ["Zeal Academy"]


def test_it_filters_by_phase_and_status(signed_in, coleader, schools):
    c = signed_in(coleader)
    assert names(c.get(URL, {"phase": "secondary"})) == ["Brook High", "Zeal Academy"]
    assert names(c.get(URL, {"status": "closed"})) == ["Old Mill"]
    assert names(c.get(URL, {"q": "brook", "phase": "secondary"})) == ["Brook High"]


def test_it_ignores_an_unknown_phase_but_keeps_the_other_filters(signed_in, coleader, schools):
    response = signed_in(coleader).get(URL, {"q": "brook", "phase": "castle"})
    assert response.status_code == 200
    assert names(response) == ["Brook High", "Brook Infants"]


def test_it_marks_open_schools_in_no_cluster_as_isolated(signed_in, coleader, schools):
    response = signed_in(coleader).get(URL)
    in_cluster = {s.name: s.in_active_cluster for s in response.context["page_obj"]}
    assert in_cluster["Brook High"] is False
    assert sum(in_cluster.values()) == 1
    assert response.content.count(b"Isolated</strong>") == 3  # not the closed school


def test_it_answers_htmx_with_just_the_results(signed_in, coleader, schools):
    response = signed_in(coleader).get(URL, {"q": "zeal"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"<form" not in response.content
    assert b"Zeal Academy" in response.content
    assert "HX-Request" in response["Vary"]


def test_it_answers_an_htmx_history_restore_with_the_whole_page(signed_in, coleader, schools):
    response = signed_in(coleader).get(
        URL, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert b"<html" in response.content


def test_it_keeps_the_filter_in_the_page_links(signed_in, coleader, schools, settings):
    settings.PAGE_SIZE = 1
    response = signed_in(coleader).get(URL, {"phase": "secondary"})
    assert b"?phase=secondary&amp;page=2" in response.content


def test_it_shows_the_schools_to_a_cluster_lead(signed_in, cluster_lead, schools):
    assert signed_in(cluster_lead).get(URL).status_code == 200


def test_it_hides_an_las_schools_from_outsiders_with_404(signed_in, outsider, schools):
    assert signed_in(outsider).get(URL).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, la):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader):
    assert signed_in(coleader).post(URL).status_code == 405


@pytest.mark.parametrize("htmx", [False, True])
@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_schools_in_constant_queries(
    signed_in, coleader, la, django_assert_num_queries, rows, htmx
):
    for _ in range(rows):
        MembershipFactory(school=SchoolFactory(la=la))
    c = signed_in(coleader)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    # session, user, scope (+ facilitations), LA, page count, school rows (with
    # in-cluster flag), and
    # for the whole page the notification count in the header
    with django_assert_num_queries(7 if htmx else 8):
        response = c.get(URL, **headers)
    assert len(response.context["page_obj"]) == rows
