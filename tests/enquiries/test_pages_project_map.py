"""The alignment map of one project: SVG plus the same tree as a nested list
(enquiries:project_map)."""

import pytest
from django.utils.html import strip_tags

from enquiries import services
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, MembershipFactory, SchoolFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:project_map")


def grow(world, n):
    """n more clusters, each with a question linked to KQ2 and rated, and a school question."""
    co_x = world.person("co_x")
    national = world.person("national")
    for i in range(n):
        cluster = ClusterFactory(name=f"Grown cluster {i:02d}", host_la=world.la_x)
        part = services.cluster_join_project(actor=co_x, project=world.project_x, cluster=cluster)
        lead = person(f"grown_lead_{i}", Role.CLUSTER_LEAD, cluster=cluster)
        question = services.enquiry_create(actor=lead, text="What?", cluster_participation=part)
        services.enquiry_link(enquiry=question, target=world.kq2, actor=lead)
        services.alignment_review_create(
            enquiry=question, target=world.q_x, actor=co_x, rating="partly"
        )
        services.alignment_review_create(
            enquiry=question, target=world.kq2, actor=national, rating="aligned"
        )
        school = SchoolFactory(name=f"Grown school {i:02d}", la=world.la_x)
        MembershipFactory(cluster=cluster, school=school)
        school_part = services.school_join_cluster(
            actor=lead, cluster_participation=part, school=school
        )
        services.enquiry_create(actor=lead, text="Why?", school_participation=school_part)


def test_it_draws_the_tree_as_an_accessible_svg(as_, world):
    response = as_("lead_a").get(url(world.project_x))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'role="img" aria-labelledby="map-title map-desc"' in body
    assert '<title id="map-title">' in body and '<desc id="map-desc">' in body
    assert "style=" not in body  # strict CSP: colours come from classes
    for label in ["Key question 1", "Essex", "Harlow cluster", "Braintree cluster", "Oak Primary"]:
        assert f">{label}</text>" in body


def test_it_labels_nodes_with_rating_and_status_in_words(as_, world):
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=world.q_x,
        actor=world.person("co_x"),
        rating="not_aligned",
    )
    services.enquiry_revise(
        enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="Newer?"
    )
    body = as_("co_x").get(url(world.project_x)).content.decode()
    assert "app-map-node--not-aligned" in body and "app-map-node--stale" in body
    svg = " ".join(strip_tags(body[body.index("<svg") : body.index("</svg>")]).split())
    assert "Answers to Essex: Not aligned – review again" in svg
    assert ">Status: Draft</text>" in body


def test_it_repeats_the_tree_as_a_nested_list(as_, world):
    services.enquiry_link(
        enquiry=world.enquiry("q_x"), target=world.kq1, actor=world.person("co_x")
    )
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=world.kq2,
        actor=world.person("national"),
        rating="mostly",
    )
    body = as_("co_x").get(url(world.project_x)).content.decode()
    tree = body[body.index("The map as a list") :]
    text = " ".join(strip_tags(tree).split())
    assert "Served by Essex: Not reviewed yet" in text
    assert "Served by Harlow cluster: Mostly aligned" in text
    assert "Serves Key question 2: Mostly aligned" in text
    assert tree.index("Harlow cluster") < tree.index("Oak Primary")
    assert "Answers to Harlow cluster: Not reviewed yet" in text


def test_it_hides_the_project_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.project_x)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.project_x))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_, world):
    assert as_("co_x").post(url(world.project_x)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_draws_the_map_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    grow(world, n)
    as_("co_x")
    # session, user, scope (+ facilitations), project, the questions, their links, latest reviews,
    # unread notifications.
    with django_assert_num_queries(9):
        response = client.get(url(world.project_x))
    body = response.content.decode()
    # Each school question: its box's <title> and label, and its entry in the list.
    assert body.count(">Grown school") == 3 * n
