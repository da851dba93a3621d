"""Recording that a school has left a cluster (networks:membership_end)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import AuditEntry
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def url(membership):
    return reverse("networks:membership_end", args=[membership.cluster_id, membership.pk])


def test_it_asks_first_and_warns_about_the_lead_school(client, coleader, cluster):
    membership = cluster.memberships.get()
    body = signed_in(client, coleader).get(url(membership)).content.decode()
    assert f"Has {membership.school.name} left Harlow cluster?" in body
    assert "It is the lead school" in body
    membership.refresh_from_db()
    assert membership.left_on is None  # asking changes nothing


def test_it_records_leaving_and_keeps_the_school_on_record(client, coleader, cluster):
    membership = cluster.memberships.get()
    response = signed_in(client, coleader).post(url(membership), follow=True)
    membership.refresh_from_db()
    assert membership.left_on == timezone.localdate()
    body = response.content.decode()
    assert f"{membership.school.name} has left Harlow cluster." in body
    assert "Past members" in body and membership.school.name in body
    assert AuditEntry.objects.get().action == "networks.membership.ended"


def test_it_explains_a_leaving_date_before_joining(client, coleader, cluster):
    membership = cluster.memberships.get()
    membership.joined_on = "2022-09-01"
    membership.save()
    response = signed_in(client, coleader).post(
        url(membership), {"left_on_0": "1", "left_on_1": "1", "left_on_2": "2020"}
    )
    assert "cannot leave before it joined (1 September 2022)" in response.content.decode()
    membership.refresh_from_db()
    assert membership.left_on is None


def test_it_404s_for_another_clusters_membership(client, coleader, cluster, la):
    other = MembershipFactory(cluster__host_la=la)
    address = reverse("networks:membership_end", args=[cluster.pk, other.pk])
    assert signed_in(client, coleader).post(address).status_code == 404
    other.refresh_from_db()
    assert other.left_on is None


def test_it_forbids_the_lead_and_hides_it_from_outsiders(client, cluster_lead, outsider, cluster):
    membership = cluster.memberships.get()
    assert signed_in(client, cluster_lead).post(url(membership)).status_code == 403
    assert signed_in(client, outsider).post(url(membership)).status_code == 404
    membership.refresh_from_db()
    assert membership.left_on is None


def test_it_refuses_other_methods(client, coleader, cluster):
    assert signed_in(client, coleader).put(url(cluster.memberships.get())).status_code == 405
