"""A reviewer's decision: agree, or request changes with a comment (enquiries:enquiry_decide)."""

import pytest

from enquiries import services
from enquiries.models import Enquiry, EnquiryEvent
from tests.helpers import url_for

pytestmark = pytest.mark.django_db
Status = Enquiry.Status


@pytest.fixture
def submitted(world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    return world.q_a


url = url_for("enquiries:enquiry_decide")


def status(world):
    return Enquiry.objects.get(pk=world.q_a.pk).status


def test_it_lets_a_reviewer_agree(as_, world, submitted):
    response = as_("co_x").post(url(submitted), {"decision": "agree"})
    assert response.status_code == 302
    assert status(world) == Status.AGREED


def test_it_lets_a_reviewer_request_changes_with_a_comment(as_, world, submitted):
    response = as_("national").post(
        url(submitted), {"decision": "request_changes", "comment": "Ask about learning, please."}
    )
    assert response.status_code == 302
    assert status(world) == Status.CHANGES_REQUESTED
    event = EnquiryEvent.objects.filter(enquiry=submitted).latest("pk")
    assert event.comment == "Ask about learning, please."


def test_it_needs_a_comment_to_request_changes(as_, world, submitted):
    response = as_("co_x").post(url(submitted), {"decision": "request_changes"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "<title>Error: " in body
    assert "Say what should change when you request changes" in body
    assert status(world) == Status.SUBMITTED


def test_it_answers_htmx_with_the_panel_in_place(as_, world, submitted):
    response = as_("co_x").post(
        url(submitted), {"decision": "agree", "comment": "Well framed"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.startswith('<section id="review-panel"')
    assert "Decision recorded: Agreed." in body
    assert "Well framed" in body  # the thread now shows the decision
    assert status(world) == Status.AGREED


def test_it_answers_htmx_form_errors_in_the_panel(as_, submitted):
    response = as_("co_x").post(url(submitted), {}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<section id="review-panel"')
    assert "Choose whether to agree the question or request changes" in body


def test_it_explains_a_decision_on_a_draft_and_changes_nothing(as_, world):
    response = as_("co_x").post(url(world.q_a), {"decision": "agree"}, follow=True)
    assert "only a submitted question can be decided" in response.content.decode()
    assert status(world) == Status.DRAFT


def test_it_forbids_the_owner(as_, world, submitted):
    assert as_("lead_a").post(url(submitted), {"decision": "agree"}).status_code == 403
    assert status(world) == Status.SUBMITTED


def test_it_forbids_a_member(as_, submitted):
    response = as_("officer_x_facilitating_y").post(url(submitted), {"decision": "agree"})
    assert response.status_code == 403


def test_it_hides_the_question_from_an_outsider(as_, world, submitted):
    assert as_("outsider").post(url(submitted), {"decision": "agree"}).status_code == 404
    assert status(world) == Status.SUBMITTED


def test_it_sends_anonymous_visitors_to_sign_in(client, world, submitted):
    response = client.post(url(submitted), {"decision": "agree"})
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(as_, world):
    assert as_("co_x").get(url(world.q_a)).status_code == 405
