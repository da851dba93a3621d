"""Revising a question (enquiries:enquiry_revise): a new revision, parent and links beside."""

import pytest

from enquiries import services
from enquiries.models import Enquiry, QuestionRevision
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:enquiry_revise")


def revisions(world):
    return list(QuestionRevision.objects.filter(enquiry=world.q_a).values_list("number", "text"))


def test_it_shows_the_form_with_parent_and_links_beside_it(as_, world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    body = as_("lead_a").get(url(world.q_a)).content.decode()
    assert "Revise the cluster enquiry question" in body
    assert "What will Lead A learn?</textarea>" in body
    assert "Essex (answers to)" in body and "Key question 2 (also serves)" in body
    assert "Crafting a good question" in body


def test_it_saves_a_new_revision(as_, world):
    response = as_("lead_a").post(
        url(world.q_a), {"text": "What will Harlow learn?", "rationale": "Name the cluster"}
    )
    assert response.status_code == 302
    assert revisions(world)[-1] == (2, "What will Harlow learn?")


def test_it_reopens_an_agreed_question(as_, client, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.enquiry_agree(enquiry=world.enquiry("q_a"), actor=world.person("co_x"))
    assert "A new revision reopens it" in as_("lead_a").get(url(world.q_a)).content.decode()

    client.post(url(world.q_a), {"text": "What will Harlow learn?"})

    assert Enquiry.objects.get(pk=world.q_a.pk).status == Enquiry.Status.DRAFT


def test_it_shows_a_refusal_as_a_form_error_and_changes_nothing(as_, world):
    response = as_("lead_a").post(url(world.q_a), {"text": "What will Lead A learn?"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "The question is unchanged" in body
    assert revisions(world) == [(1, "What will Lead A learn?")]


def test_it_offers_no_form_while_submitted(as_, client, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    body = as_("lead_a").get(url(world.q_a)).content.decode()
    assert "It is with the reviewers" in body and 'name="text"' not in body
    response = client.post(url(world.q_a), {"text": "Sneaky change?"})
    assert "wait for their decision" in response.content.decode()
    assert len(revisions(world)) == 1


def test_it_forbids_a_reviewer(as_, world):
    assert as_("co_x").get(url(world.q_a)).status_code == 403


def test_it_forbids_a_member(as_, world):
    response = as_("officer_x_facilitating_y").post(url(world.q_a), {"text": "?"})
    assert response.status_code == 403
    assert len(revisions(world)) == 1


def test_it_hides_the_question_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.q_a)).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.q_a))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("lead_a").put(url(world.q_a)).status_code == 405
