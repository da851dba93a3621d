"""Everything awaiting a person's review, oldest first, and their stale alignment
ratings (enquiries:review_queue)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db
URL = reverse("enquiries:review_queue")


def submit(world, name, by, days_ago=0):
    services.enquiry_submit(enquiry=world.enquiry(name), actor=world.person(by))
    Enquiry.objects.filter(pk=getattr(world, name).pk).update(
        status_changed_at=timezone.now() - timedelta(days=days_ago)
    )


def grow(world, n):
    """n submitted cluster questions in Essex, and n stale ratings by co_x."""
    co_x = world.person("co_x")
    for i in range(n):
        cluster = ClusterFactory(name=f"Grown cluster {i:02d}", host_la=world.la_x)
        part = services.cluster_join_project(actor=co_x, project=world.project_x, cluster=cluster)
        lead = person(f"grown_lead_{i}", Role.CLUSTER_LEAD, cluster=cluster)
        question = services.enquiry_create(actor=lead, text="What?", cluster_participation=part)
        services.alignment_review_create(
            enquiry=question, target=world.q_x, actor=co_x, rating="aligned"
        )
        services.enquiry_revise(enquiry=question, actor=lead, text="What now?")
        services.enquiry_submit(enquiry=question, actor=lead)


def test_it_lists_submitted_questions_oldest_first(as_, world):
    submit(world, "q_a", "lead_a", days_ago=1)
    submit(world, "q_a2", "lead_a2", days_ago=5)
    body = as_("co_x").get(URL).content.decode()
    assert "2 questions, the longest waiting first." in body
    assert body.index("Braintree cluster") < body.index("Harlow cluster")


def test_it_leaves_out_what_the_person_may_not_review(as_, world):
    submit(world, "q_a", "lead_a")
    submit(world, "q_b", "lead_b")
    submit(world, "q_x", "co_x")
    body = as_("co_x").get(URL).content.decode()
    assert "Harlow cluster" in body
    assert "Corby cluster" not in body  # another LA
    assert world.q_x.get_absolute_url() not in body  # their own LA question


def test_it_lists_stale_ratings_to_review_again(as_, world):
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"), target=world.q_x, actor=world.person("co_x"), rating="mostly"
    )
    services.enquiry_revise(
        enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="Newer?"
    )
    body = as_("co_x").get(URL).content.decode()
    assert "Alignments to review again" in body and "Mostly aligned" in body
    assert reverse("enquiries:alignment_review", args=[world.q_a.pk, world.q_x.pk]) in body


def test_it_tells_an_owner_nothing_awaits_them(as_, world):
    submit(world, "q_a", "lead_a")
    body = as_("lead_a").get(URL).content.decode()
    assert "Nothing is waiting for your review." in body
    assert "None of your alignment ratings is out of date." in body


def test_it_shows_an_outsider_nothing_of_essex(as_, world):
    submit(world, "q_a", "lead_a")
    body = as_("outsider").get(URL).content.decode()
    assert "Harlow cluster" not in body


def test_it_paginates(as_, client, world, settings):
    settings.PAGE_SIZE = 1
    submit(world, "q_a", "lead_a", days_ago=2)
    submit(world, "q_a2", "lead_a2", days_ago=1)
    as_("co_x")
    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()
    assert "Harlow cluster" in first and "Braintree cluster" not in first
    assert "Braintree cluster" in second and "Page 2 of 2" in second


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_):
    assert as_("co_x").post(URL).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_queue_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    grow(world, n)
    as_("co_x")
    # session, user, scope (+ facilitations), count + page of submitted questions,
    # count + page of stale
    # ratings + that page's questions, unread notifications.
    with django_assert_num_queries(10):
        response = client.get(URL)
    # Each cluster: its submitted question, and its stale rating (label and link text).
    assert response.content.decode().count("Grown cluster") == 3 * n
