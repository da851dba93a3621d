"""The LA directory and LA page (networks:la_list, networks:la_detail)."""

import pytest
from django.urls import NoReverseMatch, reverse

from networks.models import Cluster, Role, School
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)


def assert_login_redirect(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in") + "?next=")


# --- networks:la_list


def test_it_lists_only_the_las_a_person_can_see(signed_in, coleader, other_la):
    response = signed_in(coleader).get(reverse("networks:la_list"))
    assert response.status_code == 200
    assert [la.code for la in response.context["page_obj"]] == ["881"]
    assert b"Northamptonshire" not in response.content


def test_it_counts_open_schools_and_active_clusters(signed_in, national_facilitator, la, cluster):
    SchoolFactory(la=la)
    SchoolFactory(la=la, status=School.Status.CLOSED)
    ClusterFactory(host_la=la, dissolved_on="2020-01-01")
    response = signed_in(national_facilitator).get(reverse("networks:la_list"))
    essex = response.context["page_obj"][0]
    # The cluster fixture's member school plus one more; the closed school and
    # the dissolved cluster do not count.
    assert (essex.open_schools, essex.active_clusters) == (2, 1)


def test_it_filters_by_name_or_code(signed_in, national_facilitator, la, other_la):
    c = signed_in(national_facilitator)
    by_name = c.get(reverse("networks:la_list"), {"name": "northam"})
    assert [la.code for la in by_name.context["page_obj"]] == ["928"]
    by_code = c.get(reverse("networks:la_list"), {"name": "881"})
    assert [la.code for la in by_code.context["page_obj"]] == ["881"]


def test_it_paginates_the_directory(signed_in, national_facilitator, settings):
    settings.PAGE_SIZE = 2
    for n in range(5):
        LocalAuthorityFactory(code=f"{800 + n}", name=f"Shire {n}")
    response = signed_in(national_facilitator).get(reverse("networks:la_list"), {"page": 3})
    assert [la.name for la in response.context["page_obj"]] == ["Shire 4"]
    assert b"Page 3 of 3" in response.content


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    assert_login_redirect(client.get(reverse("networks:la_list")))


def test_it_refuses_post_to_the_directory(signed_in, coleader):
    assert signed_in(coleader).post(reverse("networks:la_list")).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_lists_las_in_constant_queries(signed_in, db, django_assert_num_queries, rows):
    user = UserFactory()
    grant(user, Role.NATIONAL_FACILITATOR)
    for n in range(rows):
        la = LocalAuthorityFactory(code=f"{700 + n}")
        MembershipFactory(cluster=ClusterFactory(host_la=la))
    c = signed_in(user)
    # session, user, scope (roles, facilitations), notification count, page count,
    # LA rows with both counts
    with django_assert_num_queries(7):
        response = c.get(reverse("networks:la_list"))
    assert len(response.context["page_obj"]) == rows


# --- networks:la_detail


def test_it_shows_an_la_to_its_coleader(signed_in, coleader, la, cluster):
    SchoolFactory(la=la, name="Lonely Primary")
    SchoolFactory(la=la, name="Shut Primary", status=School.Status.CLOSED)
    response = signed_in(coleader).get(reverse("networks:la_detail", args=["881"]))
    assert response.status_code == 200
    coverage = response.context["coverage"]
    assert (coverage.covered, coverage.open_schools, coverage.isolated) == (1, 2, 1)
    assert b"1 of 2 open schools (50%)" in response.content
    assert [s.name for s in response.context["isolated"]] == ["Lonely Primary"]
    assert b"Shut Primary" not in response.content
    [row] = response.context["clusters"]
    assert (row.name, row.member_count, row.has_lead_school) == ("Harlow cluster", 1, True)
    assert [a.user for a in response.context["people"]] == [coleader]


def test_it_offers_coleaders_an_invitation_link(signed_in, coleader, la):
    response = signed_in(coleader).get(reverse("networks:la_detail", args=["881"]))
    try:
        expected = f"{reverse('invitation_create')}?la=881"
    except NoReverseMatch:  # the invitation pages are not built yet
        expected = None
    assert response.context["invite_url"] == expected


def test_it_shows_the_la_to_a_cluster_lead_without_the_invitation_link(signed_in, cluster_lead):
    response = signed_in(cluster_lead).get(reverse("networks:la_detail", args=["881"]))
    assert response.status_code == 200
    assert response.context["invite_url"] is None
    assert b"Invite someone" not in response.content
    # People at the LA's clusters appear with the LA's own people.
    assert cluster_lead in [a.user for a in response.context["people"]]


def test_it_hides_an_la_from_outsiders_with_404(signed_in, outsider, la):
    response = signed_in(outsider).get(reverse("networks:la_detail", args=["881"]))
    assert response.status_code == 404


def test_it_answers_404_for_an_unknown_code(signed_in, national_facilitator):
    c = signed_in(national_facilitator)
    assert c.get(reverse("networks:la_detail", args=["999"])).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in_from_an_la(client, la):
    assert_login_redirect(client.get(reverse("networks:la_detail", args=["881"])))


def test_it_refuses_post_to_an_la(signed_in, coleader):
    c = signed_in(coleader)
    assert c.post(reverse("networks:la_detail", args=["881"])).status_code == 405


def test_it_flags_clusters_without_a_lead_school(signed_in, coleader, la):
    MembershipFactory(cluster=ClusterFactory(host_la=la, name="Leaderless"), is_lead=False)
    response = signed_in(coleader).get(reverse("networks:la_detail", args=["881"]))
    assert b"No lead school" in response.content


def test_it_links_to_all_isolated_schools_past_the_first_ten(signed_in, coleader, la):
    for n in range(12):
        SchoolFactory(la=la, name=f"Alone {n:02d}")
    response = signed_in(coleader).get(reverse("networks:la_detail", args=["881"]))
    assert len(response.context["isolated"]) == 10
    assert reverse("networks:la_isolated", args=["881"]).encode() in response.content
    assert b"See all 12 isolated schools" in response.content


@pytest.mark.parametrize("rows", [1, 10])
def test_it_shows_an_la_in_constant_queries(
    signed_in, coleader, la, django_assert_num_queries, rows
):
    for _ in range(rows):
        cluster = ClusterFactory(host_la=la)
        MembershipFactory(cluster=cluster)
        SchoolFactory(la=la)  # isolated
        grant(UserFactory(), Role.CLUSTER_LEAD, cluster=cluster)
    c = signed_in(coleader)
    # session, user, scope (+ facilitations), LA, coverage, first isolated schools, clusters with
    # member counts, people, notification count; its projects (none here, so no query for
    # their questions)
    with django_assert_num_queries(11):
        response = c.get(reverse("networks:la_detail", args=["881"]))
    assert len(response.context["clusters"]) == rows
    assert Cluster.objects.count() == rows
