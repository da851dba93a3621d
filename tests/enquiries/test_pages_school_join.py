"""Bringing a school (or one teacher there) into a cluster's enquiry work
(enquiries:school_join)."""

import pytest
from django.urls import reverse

from enquiries.models import SchoolParticipation
from tests.factories import MembershipFactory, SchoolFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def elm(world):
    """A current member of Harlow cluster not yet in its enquiry work."""
    school = SchoolFactory(name="Elm Primary", la=world.la_x)
    MembershipFactory(cluster=world.cluster_a, school=school)
    return school


url = url_for("enquiries:school_join")


def test_it_offers_the_clusters_current_member_schools(as_, world, elm):
    gone = SchoolFactory(name="Ash Primary", la=world.la_x)
    MembershipFactory(cluster=world.cluster_a, school=gone, left_on="2020-01-01")
    SchoolFactory(name="Stranger Primary", la=world.la_x)
    body = as_("lead_a").get(url(world.part_a)).content.decode()
    assert "Elm Primary" in body and "Oak Primary" in body
    assert "Ash Primary" not in body and "Stranger Primary" not in body


def test_it_brings_the_school_in_with_its_teacher(as_, client, world, elm):
    response = as_("lead_a").post(
        url(world.part_a), {"school": elm.pk, "teacher_name": "  Ms   Elm "}
    )
    assert response["Location"] == reverse("enquiries:participation_detail", args=[world.part_a.pk])
    joined = SchoolParticipation.objects.get(cluster_participation=world.part_a, school=elm)
    assert joined.teacher_name == "Ms Elm"
    assert (
        "Elm Primary (Ms Elm) now takes part." in client.get(response["Location"]).content.decode()
    )


def test_it_lets_the_coleader_bring_a_school_in(as_, world, elm):
    assert as_("co_x").post(url(world.part_a), {"school": elm.pk}).status_code == 302


@pytest.mark.parametrize(
    "data, message",
    [
        (lambda w, elm: {}, "Choose the school"),
        # Forged: a school in another cluster; nonsense.
        (
            lambda w, elm: {"school": SchoolFactory().pk},
            "Choose one of the cluster&#x27;s schools listed",
        ),
        (lambda w, elm: {"school": "x"}, "Choose one of the cluster&#x27;s schools listed"),
        # Oak takes part already, with no teacher named.
        (
            lambda w, elm: {"school": w.school_oak.pk},
            "Oak Primary already takes part in this cluster",
        ),
    ],
)
def test_it_explains_bad_input_and_changes_nothing(as_, world, elm, data, message):
    before = SchoolParticipation.objects.count()
    response = as_("lead_a").post(url(world.part_a), data(world, elm))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert SchoolParticipation.objects.count() == before


def test_it_forbids_a_reader_who_may_not_choose_schools(as_, world, elm):
    assert as_("lead_a2").get(url(world.part_a)).status_code == 403
    assert as_("school_contact").post(url(world.part_a), {"school": elm.pk}).status_code == 403
    assert not SchoolParticipation.objects.filter(school=elm).exists()


def test_it_hides_the_participation_from_an_outsider(as_, world, elm):
    assert as_("lead_b").get(url(world.part_a)).status_code == 404
    assert as_("outsider").post(url(world.part_a), {"school": elm.pk}).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.part_a))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("lead_a").put(url(world.part_a)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_form_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    for i in range(n):
        MembershipFactory(
            cluster=world.cluster_a,
            school=SchoolFactory(name=f"Grown school {i:02d}", la=world.la_x),
        )
    as_("lead_a")
    # session, user, scope (+ facilitations), participation, whether there are schools, the schools,
    # unread notifications.
    with django_assert_num_queries(8):
        response = client.get(url(world.part_a))
    assert response.content.decode().count("Grown school") == n
