"""Adding to a question's review thread (enquiries:enquiry_comment)."""

import pytest

from enquiries.models import EnquiryEvent
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:enquiry_comment")


def comments(world):
    return list(
        EnquiryEvent.objects.filter(enquiry=world.q_a, kind="commented").values_list(
            "comment", flat=True
        )
    )


@pytest.mark.parametrize("name", ["lead_a", "co_x", "officer_x_facilitating_y"])
def test_it_lets_owner_reviewer_and_member_comment(as_, world, name):
    response = as_(name).post(url(world.q_a), {"text": "What about pupils' views?"})
    assert response.status_code == 302
    assert comments(world) == ["What about pupils' views?"]


def test_it_answers_htmx_with_the_thread_in_place(as_, world):
    response = as_("co_x").post(
        url(world.q_a), {"text": "<script>x</script>"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.startswith('<section id="review-panel"')
    assert "&lt;script&gt;x&lt;/script&gt;" in body and "<script>x" not in body
    assert "Comment added." in body


def test_it_needs_some_text(as_, world):
    response = as_("co_x").post(url(world.q_a), {"text": "   "})
    assert response.status_code == 200
    assert "Enter a comment" in response.content.decode()
    assert comments(world) == []


def test_it_hides_the_question_from_an_outsider(as_, world):
    assert as_("outsider").post(url(world.q_a), {"text": "Hi"}).status_code == 404
    assert comments(world) == []


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.post(url(world.q_a), {"text": "Hi"})
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_get(as_, world):
    assert as_("co_x").get(url(world.q_a)).status_code == 405
