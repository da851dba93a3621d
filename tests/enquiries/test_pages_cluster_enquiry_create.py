"""Writing a cluster's enquiry question (enquiries:cluster_enquiry_create)."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.factories import ClusterFactory, grant
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def participation(world):
    """Epping joins Essex's project without a question yet; lead_a leads it too."""
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    grant(world.person("lead_a"), Role.CLUSTER_LEAD, cluster=cluster)
    return services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )


url = url_for("enquiries:cluster_enquiry_create")


def test_it_shows_the_form_with_the_la_question_beside_it(as_, participation):
    body = as_("lead_a").get(url(participation)).content.decode()
    assert "Write the cluster enquiry question" in body
    assert "Epping cluster" in body
    assert "How can clusters shape the county&#x27;s ECM strategy?" in body  # its home parent
    assert "Key question 1" in body


def test_it_creates_the_question_under_the_la_question(as_, world, participation):
    response = as_("lead_a").post(url(participation), {"text": "What will Epping learn?"})
    enquiry = Enquiry.objects.get(cluster_participation=participation)
    assert response.status_code == 302
    assert enquiry.parent_id == world.q_x.pk
    assert enquiry.level == Enquiry.Level.CLUSTER


def test_it_sends_the_owner_to_revise_an_existing_question(as_, world):
    response = as_("lead_a").get(url(world.part_a))
    assert response["Location"] == reverse("enquiries:enquiry_revise", args=[world.q_a.pk])


def test_it_forbids_a_coleader_who_reviews_rather_than_writes(as_, participation):
    assert as_("co_x").get(url(participation)).status_code == 403


def test_it_hides_the_participation_from_an_outsider(as_, participation):
    assert as_("outsider").get(url(participation)).status_code == 404
    assert as_("lead_b").post(url(participation), {"text": "?"}).status_code == 404
    assert as_("lead_a").get("/participations/999999/question/new/").status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world, participation):
    response = client.get(url(participation))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_delete(as_, participation):
    assert as_("lead_a").delete(url(participation)).status_code == 405
