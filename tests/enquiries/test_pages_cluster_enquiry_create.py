"""Writing a cluster's enquiry question (enquiries:cluster_enquiry_create)."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.enquiries.factories import shared_world
from tests.factories import ClusterFactory, grant

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture
def participation(world):
    """Epping joins Essex's project without a question yet; lead_a leads it too."""
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    grant(world.person("lead_a"), Role.CLUSTER_LEAD, cluster=cluster)
    return services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )


def url(participation):
    return reverse("enquiries:cluster_enquiry_create", args=[participation.pk])


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def test_it_shows_the_form_with_the_la_question_beside_it(client, world, participation):
    body = as_(client, world, "lead_a").get(url(participation)).content.decode()
    assert "Write the cluster enquiry question" in body
    assert "Epping cluster" in body
    assert "How can clusters shape the county&#x27;s ECM strategy?" in body  # its home parent
    assert "Key question 1" in body


def test_it_creates_the_question_under_the_la_question(client, world, participation):
    response = as_(client, world, "lead_a").post(
        url(participation), {"text": "What will Epping learn?"}
    )
    enquiry = Enquiry.objects.get(cluster_participation=participation)
    assert response.status_code == 302
    assert enquiry.parent_id == world.q_x.pk
    assert enquiry.level == Enquiry.Level.CLUSTER


def test_it_sends_the_owner_to_revise_an_existing_question(client, world):
    response = as_(client, world, "lead_a").get(url(world.part_a))
    assert response["Location"] == reverse("enquiries:enquiry_revise", args=[world.q_a.pk])


def test_it_forbids_a_coleader_who_reviews_rather_than_writes(client, world, participation):
    assert as_(client, world, "co_x").get(url(participation)).status_code == 403


def test_it_hides_the_participation_from_an_outsider(client, world, participation):
    assert as_(client, world, "outsider").get(url(participation)).status_code == 404
    assert as_(client, world, "lead_b").post(url(participation), {"text": "?"}).status_code == 404
    assert (
        as_(client, world, "lead_a").get("/participations/999999/question/new/").status_code == 404
    )


def test_it_sends_anonymous_visitors_to_sign_in(client, world, participation):
    response = client.get(url(participation))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_delete(client, world, participation):
    assert as_(client, world, "lead_a").delete(url(participation)).status_code == 405
