"""Withdrawing a submitted question to draft (enquiries:enquiry_withdraw): plain POST
and htmx, from the review panel."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture
def submitted(world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))


def url(enquiry):
    return reverse("enquiries:enquiry_withdraw", args=[enquiry.pk])


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def status(world):
    return Enquiry.objects.get(pk=world.q_a.pk).status


def test_the_panel_offers_the_owner_to_withdraw(client, world, submitted):
    body = as_(client, world, "lead_a").get(world.q_a.get_absolute_url()).content.decode()
    assert "Withdraw to draft" in body and url(world.q_a) in body


def test_the_panel_offers_no_withdrawal_to_a_reviewer(client, world, submitted):
    body = as_(client, world, "co_x").get(world.q_a.get_absolute_url()).content.decode()
    assert url(world.q_a) not in body


def test_it_withdraws_and_redirects(client, world, submitted):
    response = as_(client, world, "lead_a").post(url(world.q_a), {"comment": "One more go"})
    assert response["Location"] == world.q_a.get_absolute_url()
    assert status(world) == "draft"


def test_it_answers_htmx_with_the_review_panel(client, world, submitted):
    response = as_(client, world, "lead_a").post(url(world.q_a), {}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.startswith('<section id="review-panel"') and "Withdrawn to draft." in body
    assert "Submit for review" in body  # it can go back when ready
    assert status(world) == "draft"


def test_it_explains_a_draft_has_nothing_to_withdraw(client, world):
    response = as_(client, world, "lead_a").post(url(world.q_a), follow=True)
    assert "nothing to withdraw" in response.content.decode()
    assert status(world) == "draft"


def test_it_forbids_reviewers_and_hides_it_from_outsiders(client, world, submitted):
    assert as_(client, world, "co_x").post(url(world.q_a)).status_code == 403
    assert as_(client, world, "outsider").post(url(world.q_a)).status_code == 404
    assert status(world) == "submitted"


def test_it_refuses_get(client, world, submitted):
    assert as_(client, world, "lead_a").get(url(world.q_a)).status_code == 405
    assert status(world) == "submitted"
