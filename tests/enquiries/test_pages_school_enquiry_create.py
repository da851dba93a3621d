"""Writing a school's (or teacher's) enquiry question (enquiries:school_enquiry_create),
and seeing it on the project page, the map and its own page."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory, grant
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def elm(world):
    """Elm Primary in Harlow's work, with its own contact and no question yet."""
    school = SchoolFactory(name="Elm Primary", la=world.la_x)
    MembershipFactory(cluster=world.cluster_a, school=school)
    person("elm_contact", Role.SCHOOL_CONTACT, school=school)
    return services.school_join_cluster(
        actor=world.person("lead_a"),
        cluster_participation=world.part_a,
        school=school,
        teacher_name="Ms Elm",
    )


url = url_for("enquiries:school_enquiry_create")


def test_it_shows_the_form_with_the_cluster_question_beside_it(as_, world, elm):
    body = as_("elm_contact").get(url(elm)).content.decode()
    assert "Write the school enquiry question" in body
    assert "Elm Primary (Ms Elm)" in body
    assert "What will Lead A learn?" in body  # its home parent
    assert reverse("enquiries:participation_detail", args=[world.part_a.pk]) in body  # back


def test_it_creates_the_question_under_the_cluster_question(as_, client, world, elm):
    response = as_("elm_contact").post(url(elm), {"text": "How do our pupils settle?"})
    enquiry = Enquiry.objects.get(school_participation=elm)
    assert response["Location"] == enquiry.get_absolute_url()
    assert enquiry.level == Enquiry.Level.SCHOOL and enquiry.parent_id == world.q_a.pk

    # Seen on its own page, the cluster's page, the project page and the map.
    body = client.get(enquiry.get_absolute_url()).content.decode()
    assert "How do our pupils settle?" in body and "Elm Primary (Ms Elm)" in body
    participation_page = reverse("enquiries:participation_detail", args=[world.part_a.pk])
    assert "How do our pupils settle?" in client.get(participation_page).content.decode()
    project_page = client.get(world.project_x.get_absolute_url()).content.decode()
    assert "2 school questions" in project_page
    map_page = client.get(reverse("enquiries:project_map", args=[world.project_x.pk]))
    assert "How do our pupils settle?" in map_page.content.decode()


def test_it_lets_the_cluster_lead_write_it(as_, elm):
    assert as_("lead_a").post(url(elm), {"text": "What?"}).status_code == 302


def test_it_explains_an_empty_question(as_, elm):
    response = as_("elm_contact").post(url(elm), {"text": "  "})
    assert "Enter the enquiry question" in response.content.decode()
    assert not Enquiry.objects.filter(school_participation=elm).exists()


def test_it_waits_for_the_cluster_question(as_, world):
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    school = SchoolFactory(name="Fir Primary", la=world.la_x)
    MembershipFactory(cluster=cluster, school=school)
    grant(world.person("lead_a"), Role.CLUSTER_LEAD, cluster=cluster)
    epping = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )
    part = services.school_join_cluster(
        actor=world.person("lead_a"), cluster_participation=epping, school=school
    )
    response = as_("lead_a").post(url(part), {"text": "What?"})
    body = response.content.decode()
    assert "The cluster&#x27;s question must be written before a school question" in body
    assert not Enquiry.objects.filter(school_participation=part).exists()


def test_it_sends_the_owner_to_revise_an_existing_question(as_, world):
    response = as_("school_contact").get(url(world.part_oak))
    assert response["Location"] == reverse("enquiries:enquiry_revise", args=[world.q_oak.pk])


def test_it_forbids_a_coleader_who_reviews_rather_than_writes(as_, elm):
    assert as_("co_x").get(url(elm)).status_code == 403
    assert as_("co_x").post(url(elm), {"text": "What?"}).status_code == 403


def test_it_hides_it_from_an_outsider(as_, elm):
    assert as_("co_y").get(url(elm)).status_code == 404
    assert as_("lead_b").post(url(elm), {"text": "?"}).status_code == 404
    assert as_("lead_a").get("/school-participations/999999/question/new/").status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world, elm):
    response = client.get(url(elm))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_delete(as_, elm):
    assert as_("lead_a").delete(url(elm)).status_code == 405
