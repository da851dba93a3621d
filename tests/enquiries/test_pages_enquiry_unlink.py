"""Removing a link to a question it serves (enquiries:enquiry_unlink)."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import EnquiryLink
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture
def linked(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )


def url(enquiry, target):
    return reverse("enquiries:enquiry_unlink", args=[enquiry.pk, target.pk])


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def is_linked(world):
    return EnquiryLink.objects.filter(enquiry=world.q_a, target=world.kq2).exists()


def test_it_lets_the_owner_unlink(client, world, linked):
    response = as_(client, world, "lead_a").post(url(world.q_a, world.kq2), follow=True)
    assert "Link removed" in response.content.decode()
    assert not is_linked(world)


def test_it_404s_for_a_question_it_is_not_linked_to(client, world, linked):
    assert as_(client, world, "lead_a").post(url(world.q_a, world.q_y)).status_code == 404
    assert as_(client, world, "lead_a").post(url(world.q_a, world.q_x)).status_code == 404  # home


def test_it_forbids_a_reviewer(client, world, linked):
    assert as_(client, world, "co_x").post(url(world.q_a, world.kq2)).status_code == 403
    assert is_linked(world)


def test_it_hides_the_question_from_an_outsider(client, world, linked):
    assert as_(client, world, "outsider").post(url(world.q_a, world.kq2)).status_code == 404
    assert is_linked(world)


def test_it_sends_anonymous_visitors_to_sign_in(client, world, linked):
    response = client.post(url(world.q_a, world.kq2))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(client, world, linked):
    assert as_(client, world, "lead_a").get(url(world.q_a, world.kq2)).status_code == 405
