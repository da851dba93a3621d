"""The enquiries share of "My work" (templates/enquiries/_my_work.html on networks:home)."""

import pytest
from django.urls import reverse

from enquiries import services

pytestmark = pytest.mark.django_db
URL = reverse("home")


def test_it_shows_an_owner_the_questions_to_work_on(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.enquiry_request_changes(
        enquiry=world.enquiry("q_a"), actor=world.person("co_x"), comment="Sharper"
    )
    body = as_("lead_a").get(URL).content.decode()
    assert "Your questions" in body
    assert body.index(world.q_a.get_absolute_url()) < body.index(world.q_oak.get_absolute_url())
    assert "Changes requested" in body
    assert "the reviewers have asked for changes" in body


def test_it_keeps_showing_an_owner_their_question_while_it_is_with_the_reviewers(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_oak"), actor=world.person("lead_a"))
    body = as_("lead_a").get(URL).content.decode()
    assert world.q_oak.get_absolute_url() in body
    assert "Submitted for review" in body


def test_it_shows_a_reviewer_what_awaits_them(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.alignment_review_create(
        enquiry=world.enquiry("q_a2"), target=world.q_x, actor=world.person("co_x"), rating="partly"
    )
    services.enquiry_revise(
        enquiry=world.enquiry("q_a2"), actor=world.person("lead_a2"), text="New?"
    )
    body = as_("co_x").get(URL).content.decode()
    assert "Awaiting your review (1)" in body
    assert "Alignments to review again (1)" in body
    assert reverse("enquiries:review_queue") in body


def test_it_says_when_nothing_needs_them(client, world, as_):
    body = as_("outsider").get(URL).content.decode()
    assert "None of your questions needs you just now" in body
    assert "You take part in no LA project yet" in body
    assert reverse("enquiries:initiative_list") in body
