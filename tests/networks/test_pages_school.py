"""A school's page: its details and its clusters past and present (networks:school_detail)."""

import pytest
from django.urls import reverse

from networks.models import Role
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)
from tests.helpers import url_for

url = url_for("networks:school_detail", attr="urn")


@pytest.fixture
def school(cluster):
    return cluster.memberships.get().school


def test_it_shows_a_school_and_its_clusters_past_and_present(signed_in, coleader, school, la):
    old = ClusterFactory(host_la=la, name="Old partnership")
    MembershipFactory(cluster=old, school=school, joined_on="2015-09-01", left_on="2019-07-31")
    response = signed_in(coleader).get(url(school))
    assert response.status_code == 200
    content = response.content.decode()
    assert school.name in content and str(school.urn) in content
    assert "Chelmsford" in content and "CM1 1AA" in content
    clusters = [m.cluster.name for m in response.context["memberships"]]
    assert clusters == ["Harlow cluster", "Old partnership"]
    assert "Lead school" in content and "31 Jul 2019" in content


def test_it_lists_only_clusters_the_viewer_can_open(signed_in, school):
    contact = UserFactory()
    grant(contact, Role.SCHOOL_CONTACT, school=school)
    far = ClusterFactory(host_la=LocalAuthorityFactory(code="999"), name="Far cluster")
    MembershipFactory(cluster=far, school=school)
    response = signed_in(contact).get(url(school))
    assert [m.cluster.name for m in response.context["memberships"]] == ["Harlow cluster"]
    assert b"Far cluster" not in response.content


def test_it_shows_a_member_school_from_another_la_to_the_cluster_lead(
    signed_in, cluster_lead, cluster
):
    elsewhere = SchoolFactory(la=LocalAuthorityFactory(code="999", name="Suffolk"))
    MembershipFactory(cluster=cluster, school=elsewhere)
    response = signed_in(cluster_lead).get(url(elsewhere))
    assert response.status_code == 200
    assert response.context["la_visible"] is False
    assert reverse("networks:la_detail", args=["999"]).encode() not in response.content


def test_it_shows_the_school_to_a_cluster_lead(signed_in, cluster_lead, school):
    assert signed_in(cluster_lead).get(url(school)).status_code == 200


def test_it_hides_the_school_from_outsiders_with_404(signed_in, outsider, school):
    assert signed_in(outsider).get(url(school)).status_code == 404


def test_it_answers_404_for_an_unknown_urn(signed_in, national_facilitator):
    c = signed_in(national_facilitator)
    assert c.get(reverse("networks:school_detail", args=[999999])).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, school):
    response = client.get(url(school))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader, school):
    assert signed_in(coleader).post(url(school)).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_shows_a_school_in_constant_queries(
    signed_in, coleader, la, django_assert_num_queries, rows
):
    school = SchoolFactory(la=la)
    for _ in range(rows):
        MembershipFactory(cluster=ClusterFactory(host_la=la), school=school)
    c = signed_in(coleader)
    # session, user, scope (+ facilitations), school with LA,
    # memberships with clusters and host LAs,
    # notification count
    with django_assert_num_queries(7):
        response = c.get(url(school))
    assert len(response.context["memberships"]) == rows
