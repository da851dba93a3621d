"""Setting up a cluster in the browser (networks:cluster_create)."""

import pytest
from django.urls import reverse

from networks.models import AuditEntry, Cluster, Role
from tests.factories import UserFactory, grant

URL = reverse("networks:cluster_create")
pytestmark = pytest.mark.django_db

VALID = {"name": "Epping Forest Schools", "kind": "partnership", "description": "Five schools."}


def signed_in(client, user):
    client.force_login(user)
    return client


def test_it_offers_the_las_the_person_is_an_officer_of(client, coleader, la):
    response = signed_in(client, coleader).get(URL, {"la": la.code})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Set up a cluster" in body
    assert list(response.context["form"].fields["host_la"].queryset) == [la]
    assert response.context["form"].initial["host_la"] == la
    assert "csrfmiddlewaretoken" in body


def test_it_sets_up_the_cluster_and_goes_to_it(client, coleader, la):
    response = signed_in(client, coleader).post(URL, {**VALID, "host_la": la.pk})
    cluster = Cluster.objects.get(name="Epping Forest Schools")
    assert response.status_code == 302 and response["Location"] == cluster.get_absolute_url()
    assert cluster.host_la == la and cluster.kind == "partnership"
    assert AuditEntry.objects.get().action == "networks.cluster.created"


def test_an_officer_may_too(client, la):
    officer = UserFactory()
    grant(officer, Role.LA_OFFICER, la=la)
    response = signed_in(client, officer).post(URL, {**VALID, "host_la": la.pk})
    assert response.status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        ({"name": "", "kind": "cluster"}, "Enter the cluster&#x27;s name"),
        ({"name": "X", "kind": "gang"}, "Choose one of the kinds of network listed"),
        ({"name": "Harlow cluster", "kind": "cluster"}, "already hosts a cluster called"),
        (
            {"name": "X", "kind": "cluster", "founded_on_0": "31", "founded_on_1": "2"},
            "The founding date must include a day, month and year",
        ),
    ],
)
def test_it_explains_bad_input_and_sets_up_nothing(client, coleader, la, cluster, data, message):
    before = Cluster.objects.count()
    response = signed_in(client, coleader).post(URL, {**data, "host_la": la.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and message in body
    assert Cluster.objects.count() == before and not AuditEntry.objects.exists()


def test_a_forged_la_is_a_form_error(client, coleader, other_la):
    response = signed_in(client, coleader).post(URL, {**VALID, "host_la": other_la.pk})
    assert (
        response.status_code == 200 and "Choose one of the LAs listed" in response.content.decode()
    )
    assert not Cluster.objects.filter(name=VALID["name"]).exists()


def test_it_forbids_a_cluster_lead(client, cluster_lead, la):
    assert signed_in(client, cluster_lead).get(URL).status_code == 403
    assert signed_in(client, cluster_lead).post(URL, {**VALID, "host_la": la.pk}).status_code == 403
    assert not Cluster.objects.filter(name=VALID["name"]).exists()


def test_it_hides_an_la_from_an_outsider(client, outsider, la):
    assert signed_in(client, outsider).get(URL, {"la": la.code}).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith(reverse("sign_in"))


def test_it_refuses_other_methods(client, coleader):
    assert signed_in(client, coleader).put(URL).status_code == 405
