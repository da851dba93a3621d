"""Rating how well a question serves its parent or a linked question
(enquiries:alignment_review)."""

import pytest

from enquiries import services
from enquiries.models import AlignmentReview
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:alignment_review")


def reviews(world):
    return list(AlignmentReview.objects.filter(enquiry=world.q_a).values_list("rating", "comment"))


def test_it_shows_both_questions_side_by_side(as_, world):
    response = as_("co_x").get(url(world.q_a, world.q_x))
    body = response.content.decode()
    assert response.status_code == 200
    assert "What will Lead A learn?" in body
    assert "How can clusters shape the county&#x27;s ECM strategy?" in body
    assert 'type="radio"' in body and "Not reviewed yet" in body


def test_it_records_a_rating_and_redirects(as_, world):
    response = as_("co_x").post(url(world.q_a, world.q_x), {"rating": "mostly", "comment": "Close"})
    assert response.status_code == 302
    assert response["Location"] == world.q_a.get_absolute_url()
    assert reviews(world) == [("mostly", "Close")]


def test_it_reviews_a_linked_question_too(as_, world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq1, actor=world.person("lead_a")
    )
    response = as_("national").post(url(world.q_a, world.kq1), {"rating": "partly"})
    assert response.status_code == 302
    assert reviews(world) == [("partly", "")]


def test_it_needs_a_rating(as_, world):
    response = as_("co_x").post(url(world.q_a, world.q_x), {"comment": "Hmm"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body and "Choose how well the questions are aligned" in body
    assert reviews(world) == []


def test_it_404s_for_a_question_it_does_not_serve(as_, world):
    assert as_("co_x").get(url(world.q_a, world.kq2)).status_code == 404
    assert as_("co_x").post(url(world.q_a, world.q_y), {"rating": "aligned"}).status_code == 404


def test_it_forbids_the_owner(as_, world):
    assert as_("lead_a").post(url(world.q_a, world.q_x), {"rating": "aligned"}).status_code == 403
    assert reviews(world) == []


def test_it_forbids_a_member(as_, world):
    assert as_("officer_x_facilitating_y").get(url(world.q_a, world.q_x)).status_code == 403


def test_it_hides_the_question_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.q_a, world.q_x)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.q_a, world.q_x))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("co_x").put(url(world.q_a, world.q_x)).status_code == 405
