"""What the page speed-ups rely on: each pair's newest review is the one marked
is_latest (kept by the review service), and enquiry links formatted from a reversed
pattern are exactly reverse()'s."""

import pytest
from django.test import override_settings
from django.urls import reverse, set_script_prefix

from enquiries import selectors, services
from enquiries.models import AlignmentRating, AlignmentReview
from networks.links import pk_url

pytestmark = pytest.mark.django_db


def review(world, rating, target="q_x"):
    return services.alignment_review_create(
        enquiry=world.enquiry("q_a"),
        target=getattr(world, target),
        actor=world.person("co_x"),
        rating=rating,
    )


def test_only_the_newest_review_of_a_pair_is_marked_latest(world):
    first = review(world, AlignmentRating.PARTLY)
    second = review(world, AlignmentRating.MOSTLY)
    latest = set(AlignmentReview.objects.filter(is_latest=True).values_list("pk", flat=True))
    assert latest == {second.pk}
    assert first.pk not in latest
    reviews = selectors.latest_reviews(enquiry_ids=[world.q_a.pk])
    assert [r.pk for r in reviews.values()] == [second.pk]
    # Given the questions already loaded, the same review, with those questions.
    known = {world.q_a.pk: world.enquiry("q_a"), world.q_x.pk: world.q_x}
    bare = selectors.latest_reviews(enquiry_ids=[world.q_a.pk], known=known)
    assert [r.pk for r in bare.values()] == [second.pk]
    assert bare[world.q_a.pk, world.q_x.pk].enquiry is known[world.q_a.pk]
    assert bare[world.q_a.pk, world.q_x.pk].is_stale is False


def test_a_link_formatted_from_the_pattern_is_what_reverse_gives(world):
    enquiry = world.enquiry("q_a")
    assert enquiry.get_absolute_url() == reverse("enquiries:enquiry_detail", args=[enquiry.pk])
    assert pk_url("enquiries:enquiry_detail", 7) == reverse("enquiries:enquiry_detail", args=[7])
    set_script_prefix("/prefix/")  # served under a path: the prefix is kept apart
    try:
        url = pk_url("enquiries:enquiry_detail", 7)
        assert url.startswith("/prefix/")
        assert url == reverse("enquiries:enquiry_detail", args=[7])
    finally:
        set_script_prefix("/")
    with override_settings(ROOT_URLCONF="config.urls"):
        assert pk_url("enquiries:enquiry_detail", 8) == reverse(
            "enquiries:enquiry_detail", args=[8]
        )
