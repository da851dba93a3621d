"""Changing a cluster's details, and naming its lead school (networks:cluster_edit,
networks:cluster_lead)."""

import pytest
from django.urls import reverse

from networks.models import AuditEntry, Membership
from tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def edit(cluster):
    return reverse("networks:cluster_edit", args=[cluster.pk])


def lead(cluster):
    return reverse("networks:cluster_lead", args=[cluster.pk])


def test_it_shows_the_details_to_change(client, coleader, cluster):
    response = signed_in(client, coleader).get(edit(cluster))
    assert response.status_code == 200
    assert 'value="Harlow cluster"' in response.content.decode()
    assert "host_la" not in response.context["form"].fields  # the host stays


def test_it_saves_a_change(client, coleader, cluster):
    response = signed_in(client, coleader).post(
        edit(cluster), {"name": "Harlow Learning Partnership", "kind": "partnership"}
    )
    assert response["Location"] == cluster.get_absolute_url()
    cluster.refresh_from_db()
    assert (cluster.name, cluster.kind, cluster.description) == (
        "Harlow Learning Partnership",
        "partnership",
        "",
    )
    assert AuditEntry.objects.get().action == "networks.cluster.changed"


def test_it_says_when_nothing_changed(client, coleader, cluster):
    data = {"name": cluster.name, "kind": cluster.kind, "description": cluster.description}
    response = signed_in(client, coleader).post(edit(cluster), data, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_it_forbids_the_cluster_lead_and_hides_it_from_outsiders(
    client, cluster_lead, outsider, cluster
):
    data = {"name": "Renamed", "kind": "cluster"}
    assert signed_in(client, cluster_lead).post(edit(cluster), data).status_code == 403
    assert signed_in(client, outsider).post(edit(cluster), data).status_code == 404
    cluster.refresh_from_db()
    assert cluster.name == "Harlow cluster"


def test_it_names_a_new_lead_school(client, coleader, cluster, la):
    new = MembershipFactory(cluster=cluster, school=SchoolFactory(la=la, name="Hill Primary"))
    response = signed_in(client, coleader).get(lead(cluster))
    assert "Hill Primary" in response.content.decode()
    response = client.post(lead(cluster), {"membership": new.pk})
    assert response["Location"] == cluster.get_absolute_url()
    assert list(Membership.objects.filter(cluster=cluster, is_lead=True)) == [new]


def test_it_offers_only_current_members_as_lead(client, coleader, cluster, la, other_la):
    elsewhere = MembershipFactory(school=SchoolFactory(la=other_la))
    response = signed_in(client, coleader).post(lead(cluster), {"membership": elsewhere.pk})
    assert response.status_code == 200
    assert "Choose one of the current members" in response.content.decode()
    assert not AuditEntry.objects.exists()


def test_it_points_a_memberless_cluster_at_adding_a_school(client, coleader, cluster):
    cluster.memberships.all().delete()
    body = signed_in(client, coleader).get(lead(cluster)).content.decode()
    assert reverse("networks:membership_add", args=[cluster.pk]) in body


def test_it_refuses_other_methods(client, coleader, cluster):
    assert signed_in(client, coleader).put(edit(cluster)).status_code == 405
    assert signed_in(client, coleader).delete(lead(cluster)).status_code == 405
