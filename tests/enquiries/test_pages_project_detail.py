"""An LA project: development focus apart from the enquiry, clusters and their
questions, and the people (enquiries:project_detail)."""

import pytest
from django.urls import reverse

from enquiries import services
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, facilitate, grant
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:project_detail")


def grow(world, n):
    """n more clusters in Essex's project, each with a question, a rating and advisers."""
    co_x = world.person("co_x")
    for i in range(n):
        cluster = ClusterFactory(name=f"Grown cluster {i:02d}", host_la=world.la_x)
        part = services.cluster_join_project(actor=co_x, project=world.project_x, cluster=cluster)
        lead = person(f"grown_lead_{i}", Role.CLUSTER_LEAD, cluster=cluster)
        person(f"grown_consultant_{i}", Role.CONSULTANT, cluster=cluster)
        question = services.enquiry_create(actor=lead, text="What?", cluster_participation=part)
        services.alignment_review_create(
            enquiry=question, target=world.q_x, actor=co_x, rating="partly"
        )


def test_it_keeps_the_development_focus_apart_from_the_enquiry(as_, world):
    response = as_("co_x").get(url(world.project_x))
    body = response.content.decode()
    assert response.status_code == 200
    focus = body.index('id="focus-heading"')
    enquiry = body.index('id="enquiry-heading"')
    assert focus < body.index("Get clusters moving on Every Child Matters work.") < enquiry
    assert enquiry < body.index("How can clusters shape the county&#x27;s ECM strategy?")
    assert "Draft" in body


def test_it_lists_clusters_with_their_questions_status_and_rating(as_, world):
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"), target=world.q_x, actor=world.person("co_x"), rating="mostly"
    )
    body = as_("lead_a").get(url(world.project_x)).content.decode()
    assert "Harlow cluster" in body and "Braintree cluster" in body
    assert "What will Lead A learn?" in body and "Mostly aligned" in body
    assert "1 school question" in body


def test_it_lists_the_people(as_, world):
    facilitate(world.person("officer_x_facilitating_y"), project=world.project_x)
    person("adviser_a", Role.LINK_ADVISER, cluster=world.cluster_a)
    body = as_("co_x").get(url(world.project_x)).content.decode()
    assert "Co X" in body  # co-leader
    assert "Adviser A, link adviser to Harlow cluster" in body
    assert "Officer X Facilitating Y (LA-to-LA facilitator, Essex)" in body
    assert "Kq Facilitator (National facilitator)" in body
    assert "Co Y" not in body


def test_it_offers_the_owner_the_missing_question(as_, world):
    cluster = ClusterFactory(name="Epping cluster", host_la=world.la_x)
    part = services.cluster_join_project(
        actor=world.person("co_x"), project=world.project_x, cluster=cluster
    )
    grant(world.person("lead_a"), Role.CLUSTER_LEAD, cluster=cluster)
    create = reverse("enquiries:cluster_enquiry_create", args=[part.pk])
    assert create in as_("lead_a").get(url(world.project_x)).content.decode()
    assert create not in as_("co_x").get(url(world.project_x)).content.decode()


def test_it_hides_the_project_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.project_x)).status_code == 404
    assert as_("co_y").get(url(world.project_x)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.project_x))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_, world):
    assert as_("co_x").post(url(world.project_x)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_page_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    grow(world, n)
    as_("co_x")
    # session, user, scope (+ facilitations), project, its questions, its clusters, latest reviews,
    # people, facilitators' LAs, unread notifications.
    with django_assert_num_queries(12):
        response = client.get(url(world.project_x))
    assert response.content.decode().count("Grown cluster") == n * 2  # row and adviser
