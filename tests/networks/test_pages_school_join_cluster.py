"""Adding a school to a cluster from the school's side: the isolated-schools list's
one-step form, and the fuller page (networks:school_join_cluster)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import AuditEntry, Membership, Role
from tests.factories import ClusterFactory, SchoolFactory, UserFactory, grant

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def url(school):
    return reverse("networks:school_join_cluster", args=[school.urn])


@pytest.fixture
def isolated(la):
    return SchoolFactory(la=la, name="Alone Primary", pupils=None)


def test_the_isolated_list_adds_a_school_in_one_step(client, coleader, la, cluster, isolated):
    c = signed_in(client, coleader)
    body = c.get(reverse("networks:la_isolated", args=[la.code])).content.decode()
    assert f'action="{url(isolated)}"' in body and "Cluster for Alone Primary" in body
    assert ">None<" not in body  # no pupil count: a dash, not "None"
    response = c.post(url(isolated), {"cluster": cluster.pk})
    assert response["Location"] == cluster.get_absolute_url()
    membership = Membership.objects.get(school=isolated)
    assert (membership.cluster, membership.joined_on) == (cluster, timezone.localdate())
    after = c.get(reverse("networks:la_isolated", args=[la.code])).context["page_obj"]
    assert isolated not in list(after)


def test_the_fuller_page_takes_a_date_and_the_lead(client, coleader, cluster, isolated):
    c = signed_in(client, coleader)
    assert "Add Alone Primary to a cluster" in c.get(url(isolated)).content.decode()
    c.post(
        url(isolated),
        {
            "cluster": cluster.pk,
            "joined_on_0": "1",
            "joined_on_1": "9",
            "joined_on_2": "2025",
            "is_lead": "on",
        },
    )
    membership = Membership.objects.get(school=isolated)
    assert membership.is_lead and str(membership.joined_on) == "2025-09-01"
    assert AuditEntry.objects.get().action == "networks.membership.added"


def test_it_offers_clusters_of_other_las_the_person_manages(client, la, other_la, isolated):
    officer = UserFactory()
    grant(officer, Role.LA_OFFICER, la=la)
    grant(officer, Role.LA_OFFICER, la=other_la)
    away = ClusterFactory(host_la=other_la, name="Corby cluster")
    home = ClusterFactory(host_la=la, name="Zeal cluster")
    form = signed_in(client, officer).get(url(isolated)).context["form"]
    assert list(form.fields["cluster"].queryset) == [home, away]  # its own LA's first
    assert "Corby cluster (Northamptonshire)" in client.get(url(isolated)).content.decode()


def test_a_forged_cluster_is_a_form_error(client, coleader, cluster, other_la, isolated):
    foreign = ClusterFactory(host_la=other_la)
    response = signed_in(client, coleader).post(url(isolated), {"cluster": foreign.pk})
    assert (
        response.status_code == 200
        and "Choose one of the clusters listed" in response.content.decode()
    )
    assert not Membership.objects.filter(school=isolated).exists()


def test_it_forbids_people_who_manage_no_cluster_it_could_join(client, cluster_lead, isolated):
    assert signed_in(client, cluster_lead).get(url(isolated)).status_code == 403


def test_it_hides_the_school_from_outsiders(client, outsider, cluster, isolated):
    assert (
        signed_in(client, outsider).post(url(isolated), {"cluster": cluster.pk}).status_code == 404
    )
    assert not Membership.objects.filter(school=isolated).exists()


def test_the_isolated_list_offers_to_set_up_a_cluster_when_there_is_none(
    client, coleader, la, isolated
):
    body = (
        signed_in(client, coleader)
        .get(reverse("networks:la_isolated", args=[la.code]))
        .content.decode()
    )
    assert f"{reverse('networks:cluster_create')}?la=881" in body


def test_it_refuses_other_methods(client, coleader, isolated):
    assert signed_in(client, coleader).put(url(isolated)).status_code == 405
