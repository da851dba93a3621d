"""A cluster lead proposes a school; the host LA confirms or declines
(networks:membership_propose, networks:proposal_answer), and both see where it stands."""

import pytest
from django.urls import reverse

from networks import cluster_services
from networks.models import AuditEntry, Membership, MembershipProposal
from tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def propose_url(cluster):
    return reverse("networks:membership_propose", args=[cluster.pk])


def answer_url(proposal):
    return reverse("networks:proposal_answer", args=[proposal.cluster_id, proposal.pk])


@pytest.fixture
def proposal(cluster_lead, cluster, other_la):
    school = SchoolFactory(la=other_la, name="Corby Primary")
    return cluster_services.membership_propose(
        actor=cluster_lead, cluster=cluster, school=school, note="Their head asked."
    )


def test_a_lead_proposes_a_school(client, cluster_lead, cluster, la):
    school = SchoolFactory(la=la, name="Netteswell Primary")
    c = signed_in(client, cluster_lead)
    assert "Netteswell Primary" in c.get(propose_url(cluster), {"q": "nettes"}).content.decode()
    response = c.post(propose_url(cluster), {"school": school.urn, "note": "They asked."})
    assert response["Location"] == cluster.get_absolute_url()
    proposal = MembershipProposal.objects.get()
    assert (proposal.school, proposal.note, proposal.is_pending) == (school, "They asked.", True)
    assert not Membership.objects.filter(school=school).exists()
    body = c.get(cluster.get_absolute_url()).content.decode()
    assert "Proposed schools" in body and "Waiting for the LA" in body


def test_the_cluster_page_offers_the_lead_a_proposal_not_an_addition(client, cluster_lead, cluster):
    body = signed_in(client, cluster_lead).get(cluster.get_absolute_url()).content.decode()
    assert propose_url(cluster) in body
    assert reverse("networks:membership_add", args=[cluster.pk]) not in body


def test_it_explains_a_school_already_proposed(client, cluster_lead, cluster, proposal):
    response = signed_in(client, cluster_lead).post(
        propose_url(cluster), {"school": proposal.school.urn}
    )
    assert "has already been proposed" in response.content.decode()
    assert MembershipProposal.objects.count() == 1


def test_only_the_lead_proposes(client, coleader, outsider, cluster):
    school = SchoolFactory()
    assert (
        signed_in(client, coleader).post(propose_url(cluster), {"school": school.urn}).status_code
        == 403
    )
    assert (
        signed_in(client, outsider).post(propose_url(cluster), {"school": school.urn}).status_code
        == 404
    )
    assert not MembershipProposal.objects.exists()


def test_the_la_sees_it_waiting_on_the_home_page(client, coleader, proposal):
    body = signed_in(client, coleader).get(reverse("home")).content.decode()
    assert "Schools proposed to join clusters (1)" in body
    assert answer_url(proposal) in body


def test_the_la_confirms_and_the_school_joins(client, coleader, cluster_lead, cluster, proposal):
    c = signed_in(client, coleader)
    body = c.get(answer_url(proposal)).content.decode()
    assert "Should Corby Primary join Harlow cluster?" in body and "Their head asked." in body
    response = c.post(
        answer_url(proposal),
        {"answer": "confirm", "joined_on_0": "1", "joined_on_1": "9", "joined_on_2": "2025"},
    )
    assert response["Location"] == cluster.get_absolute_url()
    membership = Membership.objects.get(cluster=cluster, school=proposal.school)
    assert str(membership.joined_on) == "2025-09-01"
    assert AuditEntry.objects.filter(action="networks.membership.confirmed").exists()
    # The lead sees the answer on their home page.
    body = signed_in(client, cluster_lead).get(reverse("home")).content.decode()
    assert "Schools you proposed" in body and "Confirmed" in body


def test_the_la_declines_and_the_lead_reads_why(client, coleader, cluster_lead, cluster, proposal):
    signed_in(client, coleader).post(
        answer_url(proposal), {"answer": "decline", "note": "Talk to the governors first."}
    )
    proposal.refresh_from_db()
    assert proposal.is_declined
    assert not Membership.objects.filter(school=proposal.school).exists()
    body = signed_in(client, cluster_lead).get(reverse("home")).content.decode()
    assert "Declined" in body and "Talk to the governors first." in body


def test_an_answered_proposal_is_not_answered_again(client, coleader, proposal):
    c = signed_in(client, coleader)
    c.post(answer_url(proposal), {"answer": "decline"})
    response = c.post(answer_url(proposal), {"answer": "confirm"})
    assert response.status_code == 200 and "Save your answer" not in response.content.decode()
    assert not Membership.objects.filter(school=proposal.school).exists()


def test_it_needs_an_answer(client, coleader, proposal):
    response = signed_in(client, coleader).post(answer_url(proposal), {})
    assert "Choose whether to confirm or decline" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_the_lead_may_not_answer_and_outsiders_do_not_see_it(
    client, cluster_lead, outsider, proposal
):
    assert (
        signed_in(client, cluster_lead)
        .post(answer_url(proposal), {"answer": "confirm"})
        .status_code
        == 403
    )
    assert signed_in(client, outsider).get(answer_url(proposal)).status_code == 404
    proposal.refresh_from_db()
    assert proposal.is_pending


def test_it_refuses_other_methods(client, coleader, cluster_lead, cluster, proposal):
    assert signed_in(client, coleader).put(answer_url(proposal)).status_code == 405
    assert signed_in(client, cluster_lead).put(propose_url(cluster)).status_code == 405
