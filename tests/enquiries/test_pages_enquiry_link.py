"""Linking a question to a further question it serves (enquiries:enquiry_link)."""

import pytest

from enquiries.models import EnquiryLink
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:enquiry_link")


def targets(world):
    return list(EnquiryLink.objects.filter(enquiry=world.q_a).values_list("target_id", flat=True))


def test_it_lets_the_owner_link_to_a_key_question(as_, world):
    response = as_("lead_a").post(url(world.q_a), {"target": world.kq2.pk})
    assert response.status_code == 302
    assert targets(world) == [world.kq2.pk]


def test_it_offers_only_questions_above_in_its_own_project(as_, world):
    body = as_("lead_a").get(world.q_a.get_absolute_url()).content.decode()
    assert f'<option value="{world.kq1.pk}"' in body
    assert f'<option value="{world.q_y.pk}"' not in body  # another LA's question
    assert f'<option value="{world.q_x.pk}"' not in body  # already its home parent


def test_it_refuses_another_las_question_and_changes_nothing(as_, world):
    response = as_("lead_a").post(url(world.q_a), {"target": world.q_y.pk})
    assert response.status_code == 200
    assert "Choose one of the questions listed" in response.content.decode()
    assert targets(world) == []


def test_it_needs_a_choice(as_, world):
    response = as_("lead_a").post(url(world.q_a), {})
    assert "Choose the question it serves" in response.content.decode()


def test_it_forbids_a_reviewer(as_, world):
    assert as_("co_x").post(url(world.q_a), {"target": world.kq2.pk}).status_code == 403
    assert targets(world) == []


def test_it_hides_the_question_from_an_outsider(as_, world):
    response = as_("outsider").post(url(world.q_a), {"target": world.kq2.pk})
    assert response.status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.post(url(world.q_a), {"target": world.kq2.pk})
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(as_, world):
    assert as_("lead_a").get(url(world.q_a)).status_code == 405
