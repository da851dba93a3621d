"""A cluster's part in a project: its focus, its question, its schools and their
questions (enquiries:participation_detail)."""

import pytest
from django.urls import reverse

from enquiries import services
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import MembershipFactory, SchoolFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:participation_detail")


def grow(world, n):
    """n more schools in Harlow's work, each with a school question."""
    for i in range(n):
        school = SchoolFactory(name=f"Grown school {i:02d}", la=world.la_x)
        MembershipFactory(cluster=world.cluster_a, school=school)
        part = services.school_join_cluster(
            actor=world.person("lead_a"), cluster_participation=world.part_a, school=school
        )
        contact = person(f"grown_contact_{i}", Role.SCHOOL_CONTACT, school=school)
        services.enquiry_create(
            actor=contact, text=f"What will school {i} learn?", school_participation=part
        )


def test_it_shows_the_focus_question_and_schools(as_, world):
    body = as_("lead_a").get(url(world.part_a)).content.decode()
    assert '<h1 class="govuk-heading-xl">Harlow cluster</h1>' in body
    assert "Enjoy and achieve" in body
    assert "What will Lead A learn?" in body
    assert "Oak Primary" in body and "What will School Contact learn?" in body


def test_it_is_linked_from_the_project_page(as_, world):
    body = as_("lead_b").get(world.project_y.get_absolute_url()).content.decode()
    assert url(world.part_b) in body


def test_it_offers_the_lead_a_school_and_the_coleader_the_focus(as_, world):
    add_school = reverse("enquiries:school_join", args=[world.part_a.pk])
    edit_focus = reverse("enquiries:participation_edit", args=[world.part_a.pk])
    body = as_("lead_a").get(url(world.part_a)).content.decode()
    assert add_school in body and edit_focus not in body
    body = as_("co_x").get(url(world.part_a)).content.decode()
    assert add_school in body and edit_focus in body
    body = as_("lead_a2").get(url(world.part_a)).content.decode()
    assert add_school not in body and edit_focus not in body


def test_it_offers_the_school_contact_the_missing_school_question(as_, client, world):
    school = SchoolFactory(name="Elm Primary", la=world.la_x)
    MembershipFactory(cluster=world.cluster_a, school=school)
    part = services.school_join_cluster(
        actor=world.person("lead_a"),
        cluster_participation=world.part_a,
        school=school,
        teacher_name="Ms Elm",
    )
    person("elm_contact", Role.SCHOOL_CONTACT, school=school)
    create = reverse("enquiries:school_enquiry_create", args=[part.pk])
    client.force_login(world.person("lead_a"))
    assert create in client.get(url(world.part_a)).content.decode()
    body = as_("co_x").get(url(world.part_a)).content.decode()
    assert create not in body  # co-leaders review school questions, not write them
    assert "Ms Elm" in body


def test_it_hides_the_participation_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.part_a)).status_code == 404
    assert as_("co_y").get(url(world.part_a)).status_code == 404
    assert as_("co_x").get("/participations/999999/").status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.part_a))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_, world):
    assert as_("co_x").post(url(world.part_a)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_page_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    grow(world, n)
    as_("co_x")
    # session, user, scope (+ facilitations), participation, its questions, its schools, unread
    # notifications.
    with django_assert_num_queries(8):
        response = client.get(url(world.part_a))
    assert response.content.decode().count("What will school") == n
