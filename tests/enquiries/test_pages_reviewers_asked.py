"""What the reviewers asked for, where the owners act on it: beside the revise form,
and in full in the notifications list."""

import pytest
from django.urls import reverse

from enquiries import services
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def revise_url(world):
    return reverse("enquiries:enquiry_revise", args=[world.q_a.pk])


LONG = "Narrow it to the move from Year 6 to Year 7, " + "and say which pupils you mean. " * 12


@pytest.fixture
def sent_back(world):
    services.enquiry_comment(
        enquiry=world.enquiry("q_a"), actor=world.person("kq_facilitator"), text="Who learns?"
    )
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    services.enquiry_request_changes(
        enquiry=world.enquiry("q_a"), actor=world.person("co_x"), comment=LONG
    )


def test_the_revise_form_shows_what_the_reviewers_asked(client, world, sent_back):
    body = as_(client, world, "lead_a").get(revise_url(world)).content.decode()
    start = body.index("What the reviewers asked for")
    asked = body[start : body.index('<form method="post" novalidate>', start)]
    assert "Requested changes" in asked and "Narrow it to the move from Year 6" in asked
    assert "Commented" in asked and "Who learns?" in asked
    assert "Co X" in asked and "Kq Facilitator" in asked


def test_it_shows_only_what_was_said_since_the_last_revision(client, world, sent_back):
    services.enquiry_revise(
        enquiry=world.enquiry("q_a"), actor=world.person("lead_a"), text="Sharper?"
    )
    body = as_(client, world, "lead_a").get(revise_url(world)).content.decode()
    assert "What the reviewers asked for" not in body


def test_the_notification_shows_the_whole_comment(client, world, sent_back):
    body = as_(client, world, "lead_a").get(reverse("notifications:list")).content.decode()
    assert "Changes requested" in body
    assert "which pupils you mean. and say which pupils you mean." in body.replace("\n", " ")
    # The comment comes before the question it is about.
    assert body.index("Narrow it to the move") < body.index("The question (revision 1)")
