"""Removing a link to a question it serves (enquiries:enquiry_unlink)."""

import pytest

from enquiries import services
from enquiries.models import EnquiryLink
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )


url = url_for("enquiries:enquiry_unlink")


def is_linked(world):
    return EnquiryLink.objects.filter(enquiry=world.q_a, target=world.kq2).exists()


def test_it_lets_the_owner_unlink(as_, world, linked):
    response = as_("lead_a").post(url(world.q_a, world.kq2), follow=True)
    assert "Link removed" in response.content.decode()
    assert not is_linked(world)


def test_it_404s_for_a_question_it_is_not_linked_to(as_, world, linked):
    assert as_("lead_a").post(url(world.q_a, world.q_y)).status_code == 404
    assert as_("lead_a").post(url(world.q_a, world.q_x)).status_code == 404  # home


def test_it_forbids_a_reviewer(as_, world, linked):
    assert as_("co_x").post(url(world.q_a, world.kq2)).status_code == 403
    assert is_linked(world)


def test_it_hides_the_question_from_an_outsider(as_, world, linked):
    assert as_("outsider").post(url(world.q_a, world.kq2)).status_code == 404
    assert is_linked(world)


def test_it_sends_anonymous_visitors_to_sign_in(client, world, linked):
    response = client.post(url(world.q_a, world.kq2))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(as_, world, linked):
    assert as_("lead_a").get(url(world.q_a, world.kq2)).status_code == 405
