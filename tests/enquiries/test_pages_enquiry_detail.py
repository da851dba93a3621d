"""One enquiry question: text, status, what it serves, the review thread, revisions and
the word diff between any two of them (enquiries:enquiry_detail)."""

import pytest
from django.urls import reverse

from enquiries import services
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


HIDDEN = '<span class="govuk-visually-hidden">'
CLOSE = '<span class="govuk-visually-hidden">]</span>'


url = url_for("enquiries:enquiry_detail")


def revise(world, text, name="q_a", by="lead_a"):
    return services.enquiry_revise(enquiry=world.enquiry(name), actor=world.person(by), text=text)


def test_it_shows_the_owner_the_question_and_the_submit_form(as_, world):
    response = as_("lead_a").get(url(world.q_a))
    assert response.status_code == 200
    body = response.content.decode()
    assert "What will Lead A learn?" in body
    assert "Cluster enquiry question" in body
    assert 'govuk-tag govuk-tag--grey">Draft' in body
    assert reverse("enquiries:enquiry_submit", args=[world.q_a.pk]) in body
    assert reverse("enquiries:enquiry_revise", args=[world.q_a.pk]) in body
    # Not a reviewer of their own question.
    assert reverse("enquiries:enquiry_decide", args=[world.q_a.pk]) not in body


def test_it_shows_the_parent_and_links_with_their_latest_rating(as_, world):
    services.enquiry_link(
        enquiry=world.enquiry("q_a"), target=world.kq2, actor=world.person("lead_a")
    )
    services.alignment_review_create(
        enquiry=world.enquiry("q_a"), target=world.q_x, actor=world.person("co_x"), rating="partly"
    )
    revise(world, "How does joint transition work change enjoyment of learning?")

    body = as_("co_x").get(url(world.q_a)).content.decode()

    assert "the question it answers to" in body
    assert "Partly aligned" in body and "Review again" in body  # stale after the revision
    assert "Key question 2" in body and "also serves" in body
    assert reverse("enquiries:alignment_review", args=[world.q_a.pk, world.kq2.pk]) in body


def test_it_shows_a_reviewer_the_decision_form_once_submitted(as_, world):
    services.enquiry_submit(enquiry=world.enquiry("q_a"), actor=world.person("lead_a"))
    body = as_("co_x").get(url(world.q_a)).content.decode()
    assert reverse("enquiries:enquiry_decide", args=[world.q_a.pk]) in body
    assert "Submitted for review" in body


def test_it_shows_a_member_the_thread_and_comment_form_only(as_, world):
    services.enquiry_comment(
        enquiry=world.enquiry("q_a"), actor=world.person("co_x"), text="Nice start <b>"
    )
    body = as_("officer_x_facilitating_y").get(url(world.q_a)).content.decode()
    assert "Nice start &lt;b&gt;" in body  # user text escaped
    assert reverse("enquiries:enquiry_comment", args=[world.q_a.pk]) in body
    assert reverse("enquiries:enquiry_submit", args=[world.q_a.pk]) not in body
    assert reverse("enquiries:enquiry_link", args=[world.q_a.pk]) not in body


def test_it_diffs_the_last_two_revisions_by_default(as_, world):
    revise(world, "What will Lead A learn about transition?")
    body = as_("lead_a").get(url(world.q_a)).content.decode()
    assert "Changes from revision 1 to revision 2" in body
    assert (
        f' <ins class="app-diff__ins">{HIDDEN}[inserted: </span>about transition{CLOSE}</ins>'
        in body
    )


def test_it_diffs_any_two_revisions_chosen(as_, world):
    revise(world, "What will Lead A learn about transition?")
    revise(world, "What will Harlow learn about transition?")

    body = as_("lead_a").get(url(world.q_a), {"old": 1, "new": 3}).content.decode()

    assert "Changes from revision 1 to revision 3" in body
    # A replaced word: old and new side by side, a space apart, never run together.
    assert f"{HIDDEN}[deleted: </span>Lead A{CLOSE}</del> <ins" in body
    assert f"{HIDDEN}[inserted: </span>Harlow{CLOSE}</ins>" in body


def test_it_answers_htmx_with_just_the_diff(as_, world):
    revise(world, "What will Lead A learn about transition?")
    response = as_("lead_a").get(
        url(world.q_a),
        {"old": 2, "new": 1},
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="revision-diff",
    )
    body = response.content.decode()
    assert body.startswith('<div id="revision-diff"')
    assert "<html" not in body
    assert "Changes from revision 2 to revision 1" in body
    assert f"[deleted: </span>about transition{CLOSE}</del>" in body


def test_it_falls_back_to_the_last_two_for_a_bad_choice(as_, world):
    revise(world, "What will Lead A learn about transition?")
    response = as_("lead_a").get(url(world.q_a), {"old": "9", "new": "x"})
    assert "Changes from revision 1 to revision 2" in response.content.decode()


def test_it_offers_no_diff_for_a_single_revision(as_, world):
    body = as_("lead_a").get(url(world.q_a)).content.decode()
    assert 'id="revision-diff"' not in body


def test_it_hides_the_question_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.q_a)).status_code == 404
    assert as_("co_y").get(url(world.q_a)).status_code == 404


def test_it_404s_for_an_unknown_id(as_):
    assert as_("lead_a").get("/enquiries/999999/").status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.q_a))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_, world):
    assert as_("lead_a").post(url(world.q_a)).status_code == 405


def test_it_reads_the_page_in_a_fixed_number_of_queries(
    as_, client, world, django_assert_max_num_queries
):
    for n in range(3):
        revise(world, f"What will Lead A learn, take {n}?")
    as_("co_x")
    with django_assert_max_num_queries(16):
        assert client.get(url(world.q_a)).status_code == 200
