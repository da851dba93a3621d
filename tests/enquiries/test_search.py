"""Site search over enquiry work: projects by title, enquiry questions by the words of
their current wording, people; each only for those who may see it (the world of
tests/enquiries/factories.py)."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry, Project
from networks.search.page import search
from tests.networks.test_pages_search import SET_COSTS

URL = reverse("networks:search")
pytestmark = pytest.mark.django_db


def found(world, who: str, typed: str, kind: str) -> list[str]:
    results = search(world.person(who), typed)
    group = next(g for g in results.groups if g.kind.key == kind)
    # Questions are found as their current wordings.
    return [getattr(item, "text", None) or str(item) for item in group.rows]


def test_it_finds_projects_by_title_for_those_who_see_them(world):
    assert found(world, "co_x", "learning project", "projects") == ["Essex learning project"]
    assert found(world, "national", "essex LEARNING", "projects") == ["Essex learning project"]
    # LA-to-LA facilitators see the project they facilitate too.
    assert sorted(found(world, "officer_x_facilitating_y", "learning", "projects")) == [
        "Essex learning project",
        "Northamptonshire learning project",
    ]
    assert found(world, "outsider", "learning project", "projects") == []


def test_it_finds_questions_by_words_of_their_wording(world):
    texts = found(world, "national", "multi agency", "questions")
    assert texts == [
        "What makes multi-agency working stick?",
        "What can be learned from LAs leading multi-agency networked working?",
    ] or sorted(texts) == sorted(
        [
            "What makes multi-agency working stick?",
            "What can be learned from LAs leading multi-agency networked working?",
        ]
    )
    # Words are found by their beginnings, in any order, whatever the case.
    assert found(world, "national", "ASPIRAT area", "questions") == [
        "How does an area partnership raise aspiration?"
    ]
    # Not by the middle of a word: "agency" is not "gency".
    assert found(world, "national", "gency", "questions") == []


def test_it_puts_the_whole_phrase_first(world):
    texts = found(world, "national", "working multi", "questions")
    assert len(texts) == 2
    texts = found(world, "national", "multi agency working", "questions")
    assert texts[0] == "What makes multi-agency working stick?"


def test_it_finds_questions_only_for_those_who_see_them(world):
    # Kent's question: Essex's co-leader does not see Kent's project.
    assert found(world, "co_z", "multi agency working stick", "questions") == [
        "What makes multi-agency working stick?"
    ]
    assert found(world, "co_x", "multi agency working stick", "questions") == []
    assert found(world, "outsider", "multi agency", "questions") == []
    assert found(world, "outsider", "learn", "questions") == []
    # A cluster lead sees their project's questions, not another LA's.
    assert found(world, "lead_a", "will lead b", "questions") == []
    assert found(world, "lead_b", "will lead b", "questions") == ["What will Lead B learn?"]


def test_it_searches_the_current_wording_only(world):
    enquiry = world.enquiry("q_a")
    services.enquiry_revise(
        enquiry=enquiry, actor=world.person("lead_a"), text="Does pupil voice change écoute?"
    )
    assert "What will Lead A learn?" not in found(world, "lead_a", "will lead a", "questions")
    assert found(world, "lead_a", "pupil voice ecoute", "questions") == [
        "Does pupil voice change écoute?"
    ]


def test_the_page_shows_questions_and_projects(world, as_):
    response = as_("co_x").get(URL, {"q": "learn"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Enquiry questions (" in content
    assert reverse("enquiries:project_detail", args=[world.project_x.pk]) in content
    assert reverse("enquiries:enquiry_detail", args=[world.q_a.pk]) in content
    assert reverse("enquiries:enquiry_detail", args=[world.q_z.pk]) not in content


def test_it_finds_people_working_in_the_same_places_only(world):
    assert found(world, "co_x", "lead a", "people") == ["Lead A", "Lead A2"]
    assert found(world, "co_x", "lead b", "people") == []
    assert found(world, "co_x", "co y", "people") == []
    assert found(world, "outsider", "lead", "people") == []
    assert found(world, "national", "lead b", "people") == ["Lead B"]


@pytest.mark.parametrize("typed", ["learn", "what will", "lead"])
def test_it_searches_in_bounded_queries(world, as_, django_assert_max_num_queries, typed):
    # session, user, scope (+2 enquiries reach), notifications; then each kind's rows
    # with their count; people's roles and the questions' owners when any are found.
    client = as_("national")
    client.get(URL, {"q": typed})
    with django_assert_max_num_queries(13 + SET_COSTS):
        client.get(URL, {"q": typed})


def test_the_columns_follow_bulk_writes(world):
    """The benchmark and the demo write through bulk_create: the columns follow."""
    project = Project.objects.get(pk=world.project_x.pk)
    Project.objects.filter(pk=project.pk).update(title="Ça Marche: Essex")
    assert Project.objects.get(pk=project.pk).search_name == "ca marche essex"
    revision = Enquiry.objects.get(pk=world.q_x.pk).current_revision
    assert revision.search_text == "how can clusters shape the countys ecm strategy"
