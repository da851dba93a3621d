"""Removing a link to a question it serves (enquiries:enquiry_unlink)."""

import pytest
from django.urls import reverse

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


def test_it_asks_first(client, world, linked, as_):
    response = as_("lead_a").get(url(world.q_a, world.kq2))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Stop linking it to Key question 2?" in body
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    assert is_linked(world)  # asking changes nothing


def test_it_lets_the_owner_unlink_and_offers_to_undo(client, world, linked, as_):
    response = as_("lead_a").post(url(world.q_a, world.kq2))
    assert response.status_code == 302
    assert response["Location"] == f"{world.q_a.get_absolute_url()}?unlinked={world.kq2.pk}"
    assert not is_linked(world)

    body = client.get(response["Location"]).content.decode()
    assert "It no longer serves Key question 2" in body
    assert "Undo: link it again" in body
    assert f'name="target" value="{world.kq2.pk}"' in body

    # Undo: the banner's form links it again.
    client.post(reverse("enquiries:enquiry_link", args=[world.q_a.pk]), {"target": world.kq2.pk})
    assert is_linked(world)


def test_it_offers_no_undo_to_someone_who_may_not_link(client, world, linked, as_):
    services.enquiry_unlink(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    page = f"{world.q_a.get_absolute_url()}?unlinked={world.kq2.pk}"
    assert "Undo" not in as_("co_x").get(page).content.decode()


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


def test_it_refuses_other_methods(client, world, linked, as_):
    assert as_("lead_a").put(url(world.q_a, world.kq2)).status_code == 405
    assert is_linked(world)


def test_it_forbids_a_reviewer_the_confirmation_page_too(client, world, linked, as_):
    assert as_("co_x").get(url(world.q_a, world.kq2)).status_code == 403
