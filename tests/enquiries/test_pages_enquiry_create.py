"""Writing a project's LA research question (enquiries:enquiry_create)."""

import pytest
from django.urls import reverse

from enquiries import services
from enquiries.models import Enquiry
from networks.models import Role
from tests.enquiries.factories import person
from tests.factories import LocalAuthorityFactory
from tests.helpers import url_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_project(world):
    """Suffolk's project, still without its LA question; co_s co-leads Suffolk."""
    la = LocalAuthorityFactory(code="935", name="Suffolk")
    world.initiative.participating_las.add(la)
    project = services.project_create(
        actor=world.person("national"),
        initiative=world.initiative,
        la=la,
        title="Suffolk learning project",
        development_focus="Rural primaries working together.",
    )
    person("co_s", Role.LA_COLEADER, la=la)
    return project


url = url_for("enquiries:enquiry_create")


def test_it_shows_the_form_with_the_key_questions_beside_it(as_, new_project):
    response = as_("co_s").get(url(new_project))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Write the LA research question" in body
    assert "Crafting a good question" in body and "About learning, not doing" in body
    assert "What does an LA that works as a learning system look like?" in body
    assert "novalidate" in body and 'name="text"' in body


def test_it_creates_the_question_as_a_draft(as_, new_project):
    response = as_("co_s").post(
        url(new_project), {"text": "What helps  rural clusters learn?", "rationale": "A start"}
    )
    enquiry = Enquiry.objects.get(project=new_project, level=Enquiry.Level.LA)
    assert response.status_code == 302
    assert response["Location"] == enquiry.get_absolute_url()
    assert (enquiry.status, enquiry.current_revision.text) == (
        "draft",
        "What helps rural clusters learn?",
    )


def test_it_needs_the_question(as_, new_project):
    response = as_("co_s").post(url(new_project), {"text": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "Enter the enquiry question" in body
    assert "<title>Error: " in body
    assert not Enquiry.objects.filter(project=new_project).exists()


def test_it_sends_the_owner_to_revise_an_existing_question(as_, world):
    response = as_("co_x").get(url(world.project_x))
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:enquiry_revise", args=[world.q_x.pk])


def test_it_forbids_a_member_who_may_not_write_it(as_, world, new_project):
    assert as_("kq_facilitator").get(url(new_project)).status_code == 403
    assert as_("lead_a").post(url(world.project_x), {"text": "?"}).status_code == 403


def test_it_hides_the_project_from_an_outsider(as_, world, new_project):
    assert as_("outsider").get(url(new_project)).status_code == 404
    assert as_("co_x").post(url(new_project), {"text": "?"}).status_code == 404
    assert not Enquiry.objects.filter(project=new_project).exists()


def test_it_sends_anonymous_visitors_to_sign_in(client, world, new_project):
    response = client.get(url(new_project))
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_put(as_, new_project):
    assert as_("co_s").put(url(new_project)).status_code == 405
