"""Submitting a question for review (enquiries:enquiry_submit): plain POST and htmx."""

import pytest

from enquiries import services
from enquiries.models import Enquiry, EnquiryEvent
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:enquiry_submit")


def status(world):
    return Enquiry.objects.get(pk=world.q_a.pk).status


def test_it_submits_and_redirects_to_the_question(as_, world):
    response = as_("lead_a").post(url(world.q_a), {"comment": "Ready for you"})
    assert response.status_code == 302
    assert response["Location"] == world.q_a.get_absolute_url()
    assert status(world) == Enquiry.Status.SUBMITTED
    event = EnquiryEvent.objects.filter(enquiry=world.q_a).latest("pk")
    assert (event.kind, event.comment) == ("submitted", "Ready for you")


def test_it_answers_htmx_with_the_review_panel(as_, world):
    response = as_("lead_a").post(url(world.q_a), {}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section id="review-panel"')
    assert "Submitted for review." in body
    assert "<html" not in body
    assert status(world) == Enquiry.Status.SUBMITTED


def test_it_explains_when_it_is_already_submitted_and_changes_nothing(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    events = EnquiryEvent.objects.count()

    response = as_("lead_a").post(url(world.q_a), follow=True)

    assert "It is already with the reviewers." in response.content.decode()
    assert EnquiryEvent.objects.count() == events


def test_it_shows_the_refusal_in_the_htmx_panel(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    response = as_("lead_a").post(url(world.q_a), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "Nothing was changed" in body and "It is already with the reviewers." in body


def test_it_forbids_a_reviewer_who_does_not_own_it(as_, world):
    assert as_("co_x").post(url(world.q_a)).status_code == 403
    assert status(world) == Enquiry.Status.DRAFT


def test_it_forbids_a_member(as_, world):
    assert as_("officer_x_facilitating_y").post(url(world.q_a)).status_code == 403


def test_it_hides_the_question_from_an_outsider(as_, world):
    assert as_("outsider").post(url(world.q_a)).status_code == 404
    assert status(world) == Enquiry.Status.DRAFT


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.post(url(world.q_a))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(as_, world):
    assert as_("lead_a").get(url(world.q_a)).status_code == 405
