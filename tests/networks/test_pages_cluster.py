"""A cluster's page: members, history, phase mix, lead school (networks:cluster_detail)."""

import pytest
from django.urls import reverse

from networks.models import Role, School
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)
from tests.helpers import url_for

url = url_for("networks:cluster_detail")


def test_it_shows_members_history_and_phase_mix(signed_in, cluster_lead, cluster, la):
    lead = cluster.memberships.get().school
    MembershipFactory(
        cluster=cluster,
        school=SchoolFactory(la=la, name="Hill High", phase=School.Phase.SECONDARY, pupils=900),
        joined_on="2020-09-01",
    )
    MembershipFactory(
        cluster=cluster,
        school=SchoolFactory(la=la, name="Gone Primary"),
        joined_on="2018-09-01",
        left_on="2021-07-31",
    )
    response = signed_in(cluster_lead).get(url(cluster))
    assert response.status_code == 200
    members = response.context["members"]
    assert [m.school.name for m in members.current] == sorted([lead.name, "Hill High"])
    assert [m.school.name for m in members.past] == ["Gone Primary"]
    assert members.lead_schools == [lead]
    assert members.pupils == 210 + 900
    assert dict(members.phase_mix) == {"Primary": 1, "Secondary": 1}
    content = response.content.decode()
    assert "Harlow cluster" in content and "Essex" in content
    assert "31 Jul 2021" in content
    assert "Schools working together on transition." in content


def test_it_says_when_there_is_no_lead_school(signed_in, coleader, la):
    cluster = ClusterFactory(host_la=la)
    MembershipFactory(cluster=cluster, is_lead=False)
    response = signed_in(coleader).get(url(cluster))
    assert b"No lead school" in response.content


def test_it_counts_nobody_as_current_in_a_dissolved_cluster(signed_in, coleader, la):
    cluster = ClusterFactory(host_la=la, dissolved_on="2022-07-31")
    MembershipFactory(cluster=cluster)
    members = signed_in(coleader).get(url(cluster)).context["members"]
    assert (len(members.current), len(members.past)) == (0, 1)


def test_it_names_but_does_not_link_members_the_viewer_cannot_open(signed_in, coleader, cluster):
    elsewhere = SchoolFactory(la=LocalAuthorityFactory(code="999"), name="Far Away School")
    MembershipFactory(cluster=cluster, school=elsewhere)
    response = signed_in(coleader).get(url(cluster))
    assert b"Far Away School" in response.content
    assert elsewhere.get_absolute_url().encode() not in response.content
    assert elsewhere.pk not in response.context["linkable"]


def test_it_shows_the_cluster_to_its_las_coleader(signed_in, coleader, cluster):
    assert signed_in(coleader).get(url(cluster)).status_code == 200


def test_it_hides_the_cluster_from_outsiders_with_404(signed_in, outsider, cluster):
    assert signed_in(outsider).get(url(cluster)).status_code == 404


def test_it_answers_404_for_a_missing_cluster(signed_in, national_facilitator):
    c = signed_in(national_facilitator)
    assert c.get(reverse("networks:cluster_detail", args=[99999])).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, cluster):
    response = client.get(url(cluster))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, cluster_lead, cluster):
    assert signed_in(cluster_lead).post(url(cluster)).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_shows_a_cluster_in_constant_queries(
    signed_in, coleader, la, django_assert_num_queries, rows
):
    cluster = ClusterFactory(host_la=la)
    for n in range(rows):
        MembershipFactory(cluster=cluster, left_on="2020-01-01" if n % 2 else None)
        grant(UserFactory(), Role.CLUSTER_MEMBER, cluster=cluster)
    c = signed_in(coleader)
    # session, user, scope (+ facilitations), cluster with host LA, memberships with schools,
    # people, notification count; its proposals (the co-leader answers them); the projects
    # it works in (none here, so no query for their questions)
    with django_assert_num_queries(10):
        response = c.get(url(cluster))
    members = response.context["members"]
    assert len(members.current) + len(members.past) == rows
