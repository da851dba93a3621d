"""Setting up an LA's project in an initiative (enquiries:project_create), and the
initiative page's link to it."""

import pytest

from enquiries.models import Enquiry, Project
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import LocalAuthorityFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Suffolk learning project",
    "development_focus": "Clusters plan transition together.",
    "starts_on_0": "1",
    "starts_on_1": "9",
    "starts_on_2": "2025",
    "ends_on_0": "31",
    "ends_on_1": "7",
    "ends_on_2": "2026",
    "question": "How does joint planning change transition?",
    "rationale": "Where our data shows children falling back.",
}


@pytest.fixture
def suffolk(world):
    """An LA taking part with no project yet, and its co-leader."""
    la = LocalAuthorityFactory(code="935", name="Suffolk")
    world.initiative.participating_las.add(la)
    person("co_s", Role.LA_COLEADER, la=la)
    return la


url = url_for("enquiries:project_create")


def test_it_offers_a_coleader_their_las_project_on_the_initiative_page(as_, world, suffolk):
    body = as_("co_s").get(world.initiative.get_absolute_url()).content.decode()
    assert f"{url(world.initiative)}?la=935" in body
    assert "Set up your LA's project (Suffolk)" in body


def test_it_offers_no_link_once_the_la_has_its_project(as_, world):
    body = as_("co_x").get(world.initiative.get_absolute_url()).content.decode()
    assert url(world.initiative) not in body


def test_it_offers_the_national_team_any_las_project(as_, world, suffolk):
    body = as_("national").get(world.initiative.get_absolute_url()).content.decode()
    assert "Set up an LA's project" in body


def test_it_shows_the_form_with_the_la_chosen(as_, world, suffolk):
    response = as_("co_s").get(url(world.initiative), {"la": "935"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Set up Suffolk's project" in body
    assert f'<option value="{suffolk.pk}" selected>Suffolk</option>' in body
    # The development focus says what they will do; the question what they will learn.
    assert "The enquiry question (below, or later) is what you want to learn" in body
    assert 'class="govuk-date-input"' in body
    assert "novalidate" in body


def test_it_sets_up_the_project_with_its_question(as_, client, world, suffolk):
    response = as_("co_s").post(url(world.initiative), {"la": suffolk.pk, **FORM})
    project = Project.objects.get(initiative=world.initiative, la=suffolk)
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.title == "Suffolk learning project"
    assert str(project.starts_on) == "2025-09-01" and str(project.ends_on) == "2026-07-31"
    question = project.enquiries.get()
    assert question.level == Enquiry.Level.LA and question.status == Enquiry.Status.DRAFT
    assert question.current_revision.text == "How does joint planning change transition?"
    assert question.current_revision.rationale == "Where our data shows children falling back."
    body = client.get(project.get_absolute_url()).content.decode()
    assert "Suffolk learning project" in body and "How does joint planning" in body


def test_it_sets_up_a_project_without_dates_or_question(as_, world, suffolk):
    data = {"la": suffolk.pk, "title": "Suffolk", "development_focus": "Doing things."}
    assert as_("co_s").post(url(world.initiative), data).status_code == 302
    project = Project.objects.get(la=suffolk)
    assert project.starts_on is None and not project.enquiries.exists()


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": "  "}, "Enter the project title"),
        ({"development_focus": ""}, "Describe the development focus"),
        ({"ends_on_2": "2024"}, "The end date must be the same as or after the start date"),
        ({"starts_on_0": "31", "starts_on_1": "2"}, "The start date must be a real date"),
        ({"starts_on_1": ""}, "The start date must include a day, month and year"),
        ({"ends_on_2": "26"}, "The year of the end date must include 4 numbers"),
        ({"starts_on_0": "x"}, "The start date must be a real date"),
        ({"question": "", "rationale": "Why"}, "Enter the question the rationale explains"),
    ],
)
def test_it_explains_bad_input_and_changes_nothing(as_, world, suffolk, change, message):
    response = as_("co_s").post(url(world.initiative), {"la": suffolk.pk, **FORM, **change})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and message in body
    assert not Project.objects.filter(la=suffolk).exists()


def test_it_refuses_a_second_project_for_the_same_la(as_, world):
    response = as_("co_x").post(url(world.initiative), {"la": world.la_x.pk, **FORM})
    assert response.status_code == 200
    assert "Essex already has a project in this initiative" in response.content.decode()
    assert Project.objects.filter(la=world.la_x).count() == 1


def test_it_sends_a_stale_link_to_the_las_project(as_, world):
    response = as_("co_x").get(url(world.initiative), {"la": world.la_x.code})
    assert response["Location"] == world.project_x.get_absolute_url()


def test_it_says_when_every_la_has_its_project(as_, world):
    body = as_("co_x").get(url(world.initiative)).content.decode()
    assert "already has one in this initiative" in body
    assert world.project_x.get_absolute_url() in body
    assert "novalidate" not in body  # no form


def test_it_refuses_an_la_that_is_not_the_coleaders(as_, world, suffolk):
    response = as_("co_x").post(url(world.initiative), {"la": suffolk.pk, **FORM})
    assert "Choose one of the LAs listed" in response.content.decode()
    assert not Project.objects.filter(la=suffolk).exists()


def test_it_lets_the_national_team_set_up_any_las_project(as_, world, suffolk):
    response = as_("national").post(url(world.initiative), {"la": suffolk.pk, **FORM})
    assert response.status_code == 302
    assert Project.objects.filter(la=suffolk).exists()


def test_it_forbids_someone_who_may_not_set_up_a_project(as_, world):
    assert as_("lead_a").get(url(world.initiative)).status_code == 403
    response = as_("lead_a").post(url(world.initiative), {"la": world.la_x.pk, **FORM})
    assert response.status_code == 403


def test_it_hides_the_initiative_from_an_outsider(as_, world):
    assert as_("outsider").get(url(world.initiative)).status_code == 404
    assert as_("outsider").post(url(world.initiative), FORM).status_code == 404


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(url(world.initiative))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, world):
    assert as_("co_x").put(url(world.initiative)).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_reads_the_form_in_a_fixed_number_of_queries(
    as_, client, world, n, django_assert_num_queries
):
    for i in range(n):
        world.initiative.participating_las.add(
            LocalAuthorityFactory(code=f"{600 + i}", name=f"Grown LA {i:02d}")
        )
    as_("national")
    # session, user, scope (+ facilitations), initiative, the LAs taking part with their projects,
    # unread notifications.
    with django_assert_num_queries(7):
        response = client.get(url(world.initiative))
    assert response.content.decode().count(">Grown LA") == n  # one option each
