"""Adding a school to a cluster with the school picker (networks:membership_add)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import AuditEntry, Membership, School
from tests.factories import ClusterFactory, SchoolFactory

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def url(cluster):
    return reverse("networks:membership_add", args=[cluster.pk])


def test_it_finds_schools_by_name_urn_and_postcode_in_any_la(client, coleader, cluster, other_la):
    corby = SchoolFactory(la=other_la, name="Corby Primary", urn=121000, postcode="NN17 1AA")
    c = signed_in(client, coleader)
    for query in ["corby", "121000", "NN17 1AA", "nn171aa"]:
        found = c.get(url(cluster), {"q": query}).context["picker"].schools
        assert found == [corby], query


def test_it_leaves_out_members_and_closed_schools(client, coleader, cluster, la):
    member = cluster.memberships.get().school
    SchoolFactory(la=la, name=f"{member.name} Annexe", status=School.Status.CLOSED)
    found = signed_in(client, coleader).get(url(cluster), {"q": member.name}).context["picker"]
    assert found.schools == []
    assert (
        "No open school that is not already a member matches"
        in client.get(url(cluster), {"q": member.name}).content.decode()
    )


def test_it_answers_htmx_with_the_choices_alone(client, coleader, cluster, la):
    SchoolFactory(la=la, name="Netteswell Primary")
    response = signed_in(client, coleader).get(
        url(cluster), {"q": "nettes"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body and "Netteswell Primary" in body
    assert 'hx-swap-oob="true"' in body and "1 school found" in body
    assert "HX-Request" in response["Vary"]


def test_it_adds_the_chosen_school(client, coleader, cluster, other_la):
    school = SchoolFactory(la=other_la)
    response = signed_in(client, coleader).post(
        url(cluster),
        {"school": school.urn, "joined_on_0": "1", "joined_on_1": "9", "joined_on_2": "2025"},
    )
    assert response["Location"] == cluster.get_absolute_url()
    membership = Membership.objects.get(cluster=cluster, school=school)
    assert str(membership.joined_on) == "2025-09-01" and not membership.is_lead
    assert AuditEntry.objects.get().action == "networks.membership.added"


def test_it_shows_a_school_chosen_in_advance(client, coleader, cluster, la):
    school = SchoolFactory(la=la, name="Chosen Primary")
    body = signed_in(client, coleader).get(url(cluster), {"school": school.urn}).content.decode()
    assert "Chosen Primary" in body and f'value="{school.urn}" aria-describedby' in body
    assert "checked" in body


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "Choose the school"),
        ({"school": "999999"}, "Choose one of the schools found"),
        ({"school": "abc"}, "Choose one of the schools found"),
        (
            {"school": "MEMBER", "q": "x"},
            "Choose one of the schools found",
        ),
        (
            {"school": "NEW", "joined_on_0": "31", "joined_on_1": "2", "joined_on_2": "2025"},
            "The joining date must be a real date",
        ),
    ],
)
def test_it_explains_bad_input_and_adds_nothing(client, coleader, cluster, la, data, message):
    new = SchoolFactory(la=la)
    member = cluster.memberships.get().school
    data = {
        key: {"MEMBER": member.urn, "NEW": new.urn}.get(value, value) for key, value in data.items()
    }
    before = Membership.objects.count()
    response = signed_in(client, coleader).post(url(cluster), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert Membership.objects.count() == before and not AuditEntry.objects.exists()


def test_it_shows_the_services_refusal(client, coleader, cluster, la):
    cluster.founded_on = timezone.localdate()
    cluster.save()
    school = SchoolFactory(la=la)
    response = signed_in(client, coleader).post(
        url(cluster),
        {"school": school.urn, "joined_on_0": "1", "joined_on_1": "1", "joined_on_2": "2000"},
    )
    assert "cannot join before Harlow cluster was founded" in response.content.decode()
    assert not Membership.objects.filter(school=school).exists()


def test_it_forbids_the_cluster_lead_and_hides_it_from_outsiders(
    client, cluster_lead, outsider, cluster
):
    school = SchoolFactory()
    assert (
        signed_in(client, cluster_lead).post(url(cluster), {"school": school.urn}).status_code
        == 403
    )
    assert signed_in(client, outsider).post(url(cluster), {"school": school.urn}).status_code == 404
    assert not Membership.objects.filter(school=school).exists()


def test_it_forbids_changing_a_dissolved_cluster(client, coleader, la):
    cluster = ClusterFactory(host_la=la, dissolved_on="2020-01-01")
    assert signed_in(client, coleader).get(url(cluster)).status_code == 403


def test_it_refuses_other_methods(client, coleader, cluster):
    assert signed_in(client, coleader).put(url(cluster)).status_code == 405


@pytest.mark.parametrize("rows", [1, 10])
def test_it_searches_in_a_fixed_number_of_queries(
    client, coleader, cluster, la, django_assert_num_queries, rows
):
    for n in range(rows):
        SchoolFactory(la=la, name=f"Searchable {n:02d} Primary")
    c = signed_in(client, coleader)
    # session, user, scope (+ facilitations), cluster with host LA, the matching schools
    # (with their LAs), notification count; a school chosen in advance: none asked for
    with django_assert_num_queries(7):
        response = c.get(url(cluster), {"q": "searchable"})
    assert len(response.context["picker"].schools) == rows
