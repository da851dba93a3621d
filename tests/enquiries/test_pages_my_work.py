"""The enquiries share of "My work" (templates/enquiries/_my_work.html on networks:home)."""

import pytest
from django.urls import reverse

from enquiries import services
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db
URL = reverse("home")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def test_it_shows_an_owner_the_questions_to_work_on(client, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.enquiry_request_changes(
        enquiry=world.enquiry("q_a"), actor=world.person("co_x"), comment="Sharper"
    )
    body = as_(client, world, "lead_a").get(URL).content.decode()
    assert "Your questions" in body
    assert body.index(world.q_a.get_absolute_url()) < body.index(world.q_oak.get_absolute_url())
    assert "Changes requested" in body
    assert "the reviewers have asked for changes" in body


def test_it_keeps_showing_an_owner_their_question_while_it_is_with_the_reviewers(client, world):
    services.enquiry_submit(enquiry=world.enquiry("q_oak"), actor=world.person("lead_a"))
    body = as_(client, world, "lead_a").get(URL).content.decode()
    assert world.q_oak.get_absolute_url() in body
    assert "Submitted for review" in body


def test_it_shows_a_reviewer_what_awaits_them(client, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.alignment_review_create(
        enquiry=world.enquiry("q_a2"), target=world.q_x, actor=world.person("co_x"), rating="partly"
    )
    services.enquiry_revise(
        enquiry=world.enquiry("q_a2"), actor=world.person("lead_a2"), text="New?"
    )
    body = as_(client, world, "co_x").get(URL).content.decode()
    assert "Awaiting your review (1)" in body
    assert "Alignments to review again (1)" in body
    assert reverse("enquiries:review_queue") in body


def test_it_says_when_nothing_needs_them(client, world):
    body = as_(client, world, "outsider").get(URL).content.decode()
    assert "None of your questions needs you just now" in body
    assert "You take part in no LA project yet" in body
    assert reverse("enquiries:initiative_list") in body
