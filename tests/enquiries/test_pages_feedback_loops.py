"""Feedback loop pages: a project's loops, setting one up and changing it before it
opens, a loop's page, a cluster's answers, and the digest."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from enquiries import services
from enquiries.models import FeedbackLoop, FeedbackResponse
from enquiries.services.feedback import run_due_feedback_loops
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import add_loop, loop_row
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


def today():
    return timezone.localdate()


def open_loop(world, **extra):
    """Open now (it opens today), closing in a week."""
    return add_loop(world, opens_on=today(), closes_on=today() + dt.timedelta(days=7), **extra)


def close(loop):
    """As if its closing day had passed and the tick had run."""
    FeedbackLoop.objects.filter(pk=loop.pk).update(
        opens_on=today() - dt.timedelta(days=10), closes_on=today() - dt.timedelta(days=1)
    )
    run_due_feedback_loops()
    return loop_row(loop)


def answer_url(loop, participation):
    return reverse("enquiries:feedback_response", args=[loop.pk, participation.pk])


def answers(loop, *texts):
    prompts = list(loop.prompts.order_by("position"))
    return {f"answer_{p.pk}": text for p, text in zip(prompts, texts, strict=False)}


def date_fields(name, day):
    return {f"{name}_0": str(day.day), f"{name}_1": str(day.month), f"{name}_2": str(day.year)}


# --- The list -----------------------------------------------------------------------


def test_the_list_shows_each_loop_with_its_answers(client, world):
    loop = open_loop(world)
    response = as_(client, world, "officer_x_facilitating_y").get(
        reverse("enquiries:feedback_loop_list", args=[world.project_x.pk])
    )
    body = response.content.decode()
    assert loop.title in body and "0 of 2 clusters" in body and "Open" in body
    assert "Set up a feedback loop" not in body
    body = (
        as_(client, world, "co_x")
        .get(reverse("enquiries:feedback_loop_list", args=[world.project_x.pk]))
        .content.decode()
    )
    assert "Set up a feedback loop" in body


@pytest.mark.parametrize("loops", [1, 10])
def test_the_list_in_constant_queries(client, world, django_assert_num_queries, loops):
    for n in range(loops):
        open_loop(world, title=f"Loop {n}")
    c = as_(client, world, "lead_a")
    # session, user, the project, roles, facilitations; the count and the page of loops
    # (each with how many clusters it asks and how many answered); notification count
    with django_assert_num_queries(8):
        response = c.get(reverse("enquiries:feedback_loop_list", args=[world.project_x.pk]))
    assert len(response.context["loops"]) == loops


# --- Setting up and changing ------------------------------------------------------


def loop_form(**overrides):
    data = {
        "title": "Spring term check-in",
        "prompt_1": "How is the networking going?",
        "prompt_2": "What surprised you?",
        **date_fields("opens_on", today() + dt.timedelta(days=3)),
        **date_fields("closes_on", today() + dt.timedelta(days=20)),
        "audience": "all",
    }
    data.update(overrides)
    return data


def test_a_coleader_sets_up_a_loop(client, world):
    url = reverse("enquiries:feedback_loop_create", args=[world.project_x.pk])
    response = as_(client, world, "co_x").post(url, loop_form())
    loop = FeedbackLoop.objects.get()
    assert response.status_code == 302 and response["Location"] == loop.get_absolute_url()
    assert list(loop.prompts.values_list("text", flat=True)) == [
        "How is the networking going?",
        "What surprised you?",
    ]
    assert loop.all_clusters and not loop.has_opened


def test_a_loop_for_chosen_clusters(client, world):
    url = reverse("enquiries:feedback_loop_create", args=[world.project_x.pk])
    data = loop_form(audience="chosen", clusters=[str(world.part_a2.pk)])
    as_(client, world, "co_x").post(url, data)
    loop = FeedbackLoop.objects.get()
    assert list(loop.responses.values_list("cluster_participation", flat=True)) == [
        world.part_a2.pk
    ]


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"prompt_1": ""}, "Write at least one prompt"),
        ({"title": ""}, "Enter a title for the feedback loop"),
        (date_fields("closes_on", today()), "The closing date must be the same as or after"),
        (date_fields("opens_on", today() - dt.timedelta(days=1)), "must be today or later"),
        ({"audience": "chosen"}, "Choose at least one cluster to ask"),
        ({"audience": "chosen", "clusters": [str(999999)]}, "Choose from the clusters listed"),
        ({"prompt_2": "Tab\there"}, "cannot contain line breaks, tabs"),
    ],
)
def test_bad_loops_get_a_message_and_change_nothing(client, world, overrides, message):
    url = reverse("enquiries:feedback_loop_create", args=[world.project_x.pk])
    response = as_(client, world, "co_x").post(url, loop_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FeedbackLoop.objects.exists()


@pytest.mark.parametrize("name, status", [("lead_a", 403), ("outsider", 404)])
def test_only_managers_set_up_loops(client, world, name, status):
    url = reverse("enquiries:feedback_loop_create", args=[world.project_x.pk])
    assert as_(client, world, name).post(url, loop_form()).status_code == status
    assert not FeedbackLoop.objects.exists()


def test_a_loop_is_changed_until_it_opens_and_not_after(client, world):
    later = add_loop(
        world,
        opens_on=today() + dt.timedelta(days=2),
        closes_on=today() + dt.timedelta(days=9),
    )
    url = reverse("enquiries:feedback_loop_edit", args=[later.pk])
    response = as_(client, world, "co_x").get(url)
    assert response.context["form"].initial["prompt_2"] == "What have you learned?"
    assert client.post(url, loop_form(title="Renamed")).status_code == 302
    assert loop_row(later).title == "Renamed"
    opened = open_loop(world)
    url = reverse("enquiries:feedback_loop_edit", args=[opened.pk])
    response = client.get(url, follow=True)
    assert "has opened: its prompts, clusters and dates can no longer change" in (
        response.content.decode()
    )
    assert client.post(url, loop_form(title="Too late")).status_code == 302
    assert loop_row(opened).title == "First term"


# --- A loop's page and a cluster's answers -------------------------------------------


def test_a_cluster_lead_answers_for_their_cluster(client, world):
    loop = open_loop(world)
    page = as_(client, world, "lead_a").get(loop.get_absolute_url()).content.decode()
    assert "Answer for Harlow cluster" in page and "Answer for Braintree cluster" not in page
    url = answer_url(loop, world.part_a)
    form_page = client.get(url).content.decode()
    assert "1. How is the networking going?" in form_page
    response = client.post(url, answers(loop, "Lively", "Trust takes time"))
    assert response.status_code == 302 and response["Location"] == loop.get_absolute_url()
    response = FeedbackResponse.objects.get(cluster_participation=world.part_a)
    assert response.is_submitted
    assert list(response.answers.values_list("text", flat=True)) == ["Lively", "Trust takes time"]
    page = client.get(loop.get_absolute_url()).content.decode()
    assert "Change for Harlow cluster" in page and "Trust takes time" in page


def test_an_empty_answer_is_refused(client, world):
    loop = open_loop(world)
    response = as_(client, world, "lead_a").post(
        answer_url(loop, world.part_a), answers(loop, "Only one", "  ")
    )
    assert response.status_code == 200 and "Answer prompt 2" in response.content.decode()
    assert not FeedbackResponse.objects.filter(submitted_at__isnull=False).exists()


@pytest.mark.parametrize(
    "name, status", [("lead_a2", 403), ("co_x", 403), ("staff", 403), ("outsider", 404)]
)
def test_only_the_clusters_leads_answer(client, world, name, status):
    loop = open_loop(world)
    url = answer_url(loop, world.part_a)
    assert as_(client, world, name).get(url).status_code == status
    assert client.post(url, answers(loop, "x", "y")).status_code == status
    assert not FeedbackResponse.objects.filter(submitted_at__isnull=False).exists()


def test_a_cluster_the_loop_does_not_ask_is_404(client, world):
    loop = open_loop(world, clusters=[world.part_a2])
    assert as_(client, world, "lead_a").get(answer_url(loop, world.part_a)).status_code == 404


def test_answers_are_read_by_managers_and_the_clusters_own_people_until_it_closes(client, world):
    loop = open_loop(world)
    as_(client, world, "lead_a").post(
        answer_url(loop, world.part_a), answers(loop, "Harlow says hello", "More")
    )
    for name, reads in [("co_x", True), ("lead_a2", False), ("officer_x_facilitating_y", False)]:
        body = as_(client, world, name).get(loop.get_absolute_url()).content.decode()
        assert ("Harlow says hello" in body) is reads, name
        assert "Harlow cluster: answered" in body
    close(loop)
    body = as_(client, world, "lead_a2").get(loop.get_absolute_url()).content.decode()
    assert "Harlow says hello" in body and "Read the digest" in body


def test_a_late_answer_is_refused_with_the_date_it_closed(client, world):
    loop = open_loop(world)
    as_(client, world, "lead_a").post(answer_url(loop, world.part_a), answers(loop, "On", "time"))
    loop = close(loop)
    closed_on = loop.closes_on
    response = client.post(
        answer_url(loop, world.part_a), answers(loop, "Late", "again"), follow=True
    )
    message = (
        f"This feedback loop closed on {closed_on.day} {closed_on:%B %Y}; "
        "responses can no longer be changed"
    )
    assert message in response.content.decode()
    assert "Late" not in FeedbackResponse.objects.get(
        cluster_participation=world.part_a
    ).answers.values_list("text", flat=True)
    page = client.get(answer_url(loop, world.part_a)).content.decode()
    assert message in page and "Save the answers" not in page


@pytest.mark.parametrize("clusters", [1, 10])
def test_a_loops_page_in_constant_queries(client, world, django_assert_num_queries, clusters):
    co_x = world.person("co_x")
    for n in range(clusters - 2 if clusters > 2 else 0):
        services.cluster_join_project(
            actor=co_x,
            project=world.project_x,
            cluster=ClusterFactory(name=f"Extra {n}", host_la=world.la_x),
        )
    chosen = [world.part_a] if clusters == 1 else None
    loop = open_loop(world, clusters=chosen)
    as_(client, world, "lead_a").post(answer_url(loop, world.part_a), answers(loop, "A", "B"))
    c = as_(client, world, "co_x")
    # session, user, the loop (with project), roles, facilitations; prompts; the
    # clusters asked (with who answered); the answers; notification count
    with django_assert_num_queries(9):
        response = c.get(loop.get_absolute_url())
    assert len(response.context["page"].rows) == clusters


# --- The digest --------------------------------------------------------------------


def test_the_digest_compiles_every_answer_once_closed(client, world):
    loop = open_loop(world)
    as_(client, world, "lead_a").post(
        answer_url(loop, world.part_a), answers(loop, "Harlow one", "Harlow two")
    )
    url = reverse("enquiries:feedback_loop_digest", args=[loop.pk])
    body = as_(client, world, "school_contact").get(url).content.decode()
    assert "The digest is compiled when the loop closes" in body and "Harlow one" not in body
    close(loop)
    body = client.get(url).content.decode()
    assert "1 of 2 clusters answered." in body
    assert "Not answered: Braintree cluster." in body
    assert body.index("1. How is the networking going?") < body.index("Harlow one")
    assert body.index("Harlow one") < body.index("2. What have you learned?")


@pytest.mark.parametrize("clusters", [1, 10])
def test_the_digest_in_constant_queries(client, world, django_assert_num_queries, clusters):
    for n in range(max(clusters - 2, 0)):
        services.cluster_join_project(
            actor=world.person("co_x"),
            project=world.project_x,
            cluster=ClusterFactory(name=f"Extra {n}", host_la=world.la_x),
        )
    loop = close(open_loop(world, clusters=[world.part_a] if clusters == 1 else None))
    c = as_(client, world, "lead_a")
    # session, user, the loop (with project), roles, facilitations; prompts, the
    # clusters asked, the answers; notification count
    with django_assert_num_queries(9):
        response = c.get(reverse("enquiries:feedback_loop_digest", args=[loop.pk]))
    assert response.context["digest"].asked == clusters
