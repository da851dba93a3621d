"""Bringing a cluster into an LA's project (enquiries:cluster_join)."""

import pytest

from enquiries.models import ClusterParticipation
from tests.factories import ClusterFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def epping(world):
    """An active Essex cluster not in the project yet."""
    return ClusterFactory(name="Epping cluster", host_la=world.la_x)


url = url_for("enquiries:cluster_join")


def test_it_is_offered_to_the_coleader_on_the_project_page(as_, world):
    project_page = world.project_x.get_absolute_url()
    assert url(world.project_x) in as_("co_x").get(project_page).content.decode()
    assert url(world.project_x) not in as_("lead_a").get(project_page).content.decode()


def test_it_offers_only_the_las_active_clusters_not_in_the_project(as_, world, epping):
    ClusterFactory(name="Dissolved cluster", host_la=world.la_x, dissolved_on="2020-01-01")
    body = as_("co_x").get(url(world.project_x)).content.decode()
    assert "Epping cluster" in body
    assert "Dissolved cluster" not in body
    assert "Harlow cluster" not in body  # in the project already
    assert "Corby cluster" not in body  # another LA's
    assert "Make a positive contribution" in body and "Pupil voice" in body


def test_it_brings_the_cluster_in_with_its_focus(as_, client, world, epping):
    response = as_("co_x").post(
        url(world.project_x),
        {
            "cluster": epping.pk,
            "ecm_outcomes": ["stay_safe", "be_healthy"],
            "networking_kinds": ["multi_agency"],
        },
    )
    assert response["Location"] == world.project_x.get_absolute_url()
    participation = ClusterParticipation.objects.get(project=world.project_x, cluster=epping)
    assert participation.ecm_outcomes == ["stay_safe", "be_healthy"]
    assert participation.networking_kinds == ["multi_agency"]
    body = client.get(response["Location"]).content.decode()
    assert "Epping cluster" in body and "ECM: Stay safe, Be healthy" in body
    assert "Networking: Multi-agency" in body


@pytest.mark.parametrize(
    "data, message",
    [
        (lambda w, epping: {}, "Choose the cluster to add"),
        # Forged ids: another LA's cluster, one already in the project, nonsense.
        (lambda w, epping: {"cluster": w.cluster_b.pk}, "Choose one of the clusters listed"),
        (lambda w, epping: {"cluster": w.cluster_a.pk}, "Choose one of the clusters listed"),
        (lambda w, epping: {"cluster": "x"}, "Choose one of the clusters listed"),
        (
            lambda w, epping: {"cluster": epping.pk, "ecm_outcomes": ["be_wealthy"]},
            "Choose from the Every Child Matters outcomes listed",
        ),
        (
            lambda w, epping: {"cluster": epping.pk, "networking_kinds": ["gossip"]},
            "Choose from the kinds of networking listed",
        ),
    ],
)
def test_it_explains_bad_input_and_changes_nothing(as_, world, epping, data, message):
    before = ClusterParticipation.objects.count()
    response = as_("co_x").post(url(world.project_x), data(world, epping))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert ClusterParticipation.objects.count() == before


def test_it_says_when_there_is_no_cluster_left_to_add(as_, world):
    body = as_("co_x").get(url(world.project_x)).content.decode()
    assert "Every active cluster hosted by Essex is already in this project" in body


def test_it_forbids_a_reader_who_may_not_manage_the_project(as_, world, epping):
    assert as_("lead_a").get(url(world.project_x)).status_code == 403
    assert as_("lead_a").post(url(world.project_x), {"cluster": epping.pk}).status_code == 403
    assert not ClusterParticipation.objects.filter(cluster=epping).exists()


def test_it_hides_the_project_from_an_outsider(as_, world, epping):
    assert as_("co_y").get(url(world.project_x)).status_code == 404
    assert as_("outsider").post(url(world.project_x), {"cluster": epping.pk}).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.project_x))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("co_x").put(url(world.project_x)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_form_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    for i in range(n):
        ClusterFactory(name=f"Grown cluster {i:02d}", host_la=world.la_x)
    as_("co_x")
    # session, user, scope (+ facilitations), project, whether there are clusters to add,
    # the clusters,
    # unread notifications.
    with django_assert_num_queries(8):
        response = client.get(url(world.project_x))
    assert response.content.decode().count("Grown cluster") == n
