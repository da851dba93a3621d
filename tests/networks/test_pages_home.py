"""'My work': what needs each person's attention, by role (networks:home)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import Invitation, Role
from tests.factories import (
    ClusterFactory,
    LocalAuthorityFactory,
    MembershipFactory,
    SchoolFactory,
    UserFactory,
    grant,
)

URL = reverse("home")


def register_work(response):
    """The register's panel's data (the home page shows several panels)."""
    [panel] = [p for p in response.context["panels"] if p.template == "networks/_home_panel.html"]
    return panel.work


def invite(by, la, email="new@example.org", **extra):
    return Invitation.objects.create(
        role=Role.LA_OFFICER,
        la=la,
        email=email,
        name="New Officer",
        invited_by=by,
        token_hash=Invitation.hash_token(email),
        expires_at=timezone.now() + timedelta(days=14),
        **extra,
    )


def test_it_shows_a_coleader_their_las_coverage_and_what_needs_doing(
    signed_in, coleader, la, cluster
):
    SchoolFactory(la=la, name="Alone Primary")
    MembershipFactory(cluster=ClusterFactory(host_la=la, name="Leaderless"), is_lead=False)
    invite(coleader, la)
    invite(coleader, la, email="taken@example.org", accepted_at=timezone.now())
    response = signed_in(coleader).get(URL)
    assert response.status_code == 200
    work = register_work(response)
    [essex] = work.las
    assert (essex.coverage.covered, essex.coverage.open_schools) == (2, 3)
    assert b"2 of 3 open schools (67%)" in response.content
    assert b"1 isolated school</a> is in no active cluster" in response.content
    assert [c.name for c in work.clusters_without_lead] == ["Leaderless"]
    assert [i.email for i in work.pending_invitations] == ["new@example.org"]


def test_it_shows_a_cluster_lead_their_clusters(client, cluster_lead, cluster, signed_in):
    response = signed_in(cluster_lead).get(URL)
    [mine] = register_work(response).clusters
    assert (mine, mine.member_count) == (cluster, 1)
    assert register_work(response).las == []
    assert b"Your clusters" in response.content


def test_it_shows_a_school_contact_their_school(signed_in, cluster):
    school = cluster.memberships.get().school
    contact = UserFactory()
    grant(contact, Role.SCHOOL_CONTACT, school=school)
    response = signed_in(contact).get(URL)
    assert register_work(response).schools == [school]
    assert school.get_absolute_url().encode() in response.content


def test_it_points_the_national_team_at_the_la_directory(client, national_facilitator, signed_in):
    response = signed_in(national_facilitator).get(URL)
    assert register_work(response).national_team
    assert b"Go to the local authority directory" in response.content


def test_it_welcomes_someone_with_no_roles(signed_in, db):
    response = signed_in(UserFactory()).get(URL)
    assert b"You have no roles yet" in response.content


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_post(signed_in, coleader):
    assert signed_in(coleader).post(URL).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_shows_an_la_leaders_work_in_constant_queries(
    signed_in, db, django_assert_num_queries, rows
):
    user = UserFactory()
    for n in range(rows):
        la = LocalAuthorityFactory(code=f"{500 + n}")
        grant(user, Role.LA_COLEADER, la=la)
        MembershipFactory(cluster=ClusterFactory(host_la=la), is_lead=False)
        invite(user, la, email=f"new{n}@example.org")
    c = signed_in(user)
    # session, user, roles, scope (+ facilitations), coverage by LA, clusters without a lead,
    # pending invitations, notification count; enquiry work: questions to act on,
    # awaiting review (first few + count), stale alignments (first few + count); plan
    # items they own due soon (no feedback-loop query: they lead no cluster);
    # where they take part: their LAs' projects (no project, so no questions query);
    # membership proposals waiting for them (first few + count)
    # brokerage: the LAs' newest activities, impact reviews due; reflective logs due,
    # newest archive additions; meetings: notes to revise (an officer may write notes),
    # their meetings this week
    with django_assert_num_queries(24):
        response = c.get(URL)
    assert len(register_work(response).las) == rows


@pytest.mark.parametrize("rows", [1, 10])
def test_it_shows_a_cluster_persons_work_in_constant_queries(
    signed_in, db, django_assert_num_queries, rows
):
    user = UserFactory()
    for _ in range(rows):
        cluster = MembershipFactory().cluster
        grant(user, Role.CLUSTER_MEMBER, cluster=cluster)
        grant(user, Role.SCHOOL_CONTACT, school=SchoolFactory())
    c = signed_in(user)
    # session, user, roles (with schools), scope (+ facilitations), clusters with member counts,
    # pending invitations, notification count; enquiry work: questions to act on
    # (nothing to review for these roles, so no review queries); plan items they own
    # due soon (no feedback-loop query: they lead no cluster); where they take part:
    # their clusters' projects, their schools' (in none, so no questions query); the
    # projects their clusters and schools work in (none here, so no query for logs due
    # or the archive); meetings: their cluster roles, notes to check, their meetings
    # this week
    with django_assert_num_queries(16):
        response = c.get(URL)
    assert len(register_work(response).clusters) == rows
    assert len(register_work(response).schools) == rows
