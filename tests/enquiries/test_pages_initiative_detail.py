"""The initiative matrix: every LA project against the national key questions
(enquiries:initiative_detail)."""

import re

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from enquiries import services
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import ClusterFactory, LocalAuthorityFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


url = url_for("enquiries:initiative_detail")


def link(world, name, target, by):
    services.enquiry_link(enquiry=world.enquiry(name), target=target, actor=world.person(by))


def grow(world, n):
    """n more LA projects, each with a rated LA question and a cluster linked to KQ2."""
    national = world.person("national")
    for i in range(n):
        la = LocalAuthorityFactory(code=f"{700 + i}", name=f"Grown LA {i:02d}")
        world.initiative.participating_las.add(la)
        coleader = person(f"grown_co_{i}", Role.LA_COLEADER, la=la)
        project = services.project_create(
            actor=coleader,
            initiative=world.initiative,
            la=la,
            title=f"Project {i}",
            development_focus="Doing",
            question=f"What will LA {i} learn?",
        )
        la_question = project.enquiries.get()
        services.enquiry_link(enquiry=la_question, target=world.kq1, actor=coleader)
        services.alignment_review_create(
            enquiry=la_question, target=world.kq1, actor=national, rating="aligned"
        )
        cluster = ClusterFactory(name=f"Grown cluster {i}", host_la=la)
        part = services.cluster_join_project(actor=coleader, project=project, cluster=cluster)
        lead = person(f"grown_lead_{i}", Role.CLUSTER_LEAD, cluster=cluster)
        question = services.enquiry_create(actor=lead, text="What?", cluster_participation=part)
        services.enquiry_link(enquiry=question, target=world.kq2, actor=lead)


def test_it_shows_each_project_against_each_key_question(as_, world):
    link(world, "q_x", world.kq1, "co_x")
    link(world, "q_a", world.kq2, "lead_a")
    link(world, "q_a2", world.kq2, "lead_a2")
    services.alignment_review_create(
        enquiry=world.enquiry("q_x"),
        target=world.kq1,
        actor=world.person("national"),
        rating="mostly",
    )
    response = as_("national").get(url(world.initiative))
    body = response.content.decode()
    assert response.status_code == 200
    assert "What does an LA that works as a learning system look like?" in body
    heads = re.findall(
        r'<th scope="col" class="govuk-table__header app-matrix__kq">(.*?)</th>', body, re.S
    )
    assert len(heads) == 2
    # Each column says its key question's words, not only its number.
    assert f'href="{world.kq2.get_absolute_url()}">Key question 2</a>' in heads[1]
    kq2_text = world.kq2.current_revision.text
    assert " ".join(strip_tags(heads[1]).replace("…", "").split()).endswith(
        " ".join(kq2_text.split())
    )
    assert "Mostly aligned" in body
    assert "2 cluster questions linked" in body
    assert "Not linked" in body  # Essex does not name KQ2
    for la in ["Essex", "Kent", "Northamptonshire"]:
        assert la in body
    # Each row's LA name opens the project (its map is one click on, from there).
    assert f'href="{world.project_x.get_absolute_url()}"' in body
    assert reverse("enquiries:project_map", args=[world.project_x.pk]) not in body


def test_it_marks_a_stale_rating_review_again(as_, world):
    link(world, "q_x", world.kq1, "co_x")
    services.alignment_review_create(
        enquiry=world.enquiry("q_x"),
        target=world.kq1,
        actor=world.person("national"),
        rating="aligned",
    )
    services.enquiry_revise(
        enquiry=world.enquiry("q_x"), actor=world.person("co_x"), text="New words?"
    )
    body = as_("national").get(url(world.initiative)).content.decode()
    assert "Aligned" in body and "Review again" in body


def test_it_shows_a_coleader_only_their_own_project(as_, world):
    body = as_("co_x").get(url(world.initiative)).content.decode()
    assert "Essex" in body and "Kent" not in body and "Northamptonshire" not in body


def test_it_shows_a_cluster_lead_their_las_project(as_, world):
    body = as_("lead_a").get(url(world.initiative)).content.decode()
    assert "Essex" in body and "Kent" not in body


def test_it_hides_the_initiative_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.initiative)).status_code == 404
    assert as_("national").get("/initiatives/999999/").status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.initiative))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_, world):
    assert as_("national").post(url(world.initiative)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_matrix_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    grow(world, n)
    as_("national")
    # session, user, the person's roles (scope (+ facilitations)), initiative, key questions,
    # project
    # count, project page, LA questions, their links, latest reviews, cluster links,
    # unread notifications (context processor).
    with django_assert_num_queries(13):
        response = client.get(url(world.initiative))
    assert response.content.decode().count("Grown LA") == n


def test_a_long_key_question_is_abbreviated_in_its_heading_with_the_full_text_kept(as_, world):
    long_text = (
        "Which strategies raise achievement and aspiration for children and young people "
        "in the most disadvantaged communities of the county?"
    )
    services.enquiry_revise(enquiry=world.kq1, actor=world.person("national"), text=long_text)
    body = as_("national").get(url(world.initiative)).content.decode()
    [head, _] = re.findall(
        r'<th scope="col" class="govuk-table__header app-matrix__kq">(.*?)</th>', body, re.S
    )
    visible = head.split('<span class="govuk-visually-hidden">', 2)
    assert '<span aria-hidden="true">…</span>' in head
    assert "Which strategies raise achievement" in visible[1]  # shown
    assert "disadvantaged communities of the county?" not in visible[1]  # cut for the eye
    # ... and read out whole: the hidden rest completes it.
    assert " ".join(strip_tags(head).replace("…", "").split()).endswith(long_text)
