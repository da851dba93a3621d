"""Changing a project's focus, dates and status after set-up (enquiries:project_edit)."""

import pytest
from django.urls import reverse

from enquiries.models import Project
from networks.models import AuditEntry
from tests.enquiries.factories import shared_world

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


def url(project):
    return reverse("enquiries:project_edit", args=[project.pk])


def as_(client, world, name):
    client.force_login(world.person(name))
    return client


VALID = {
    "development_focus": "Transition, led by the clusters.",
    "status": "active",
    "starts_on_0": "1",
    "starts_on_1": "9",
    "starts_on_2": "2025",
}


def test_the_project_page_links_managers_to_it(client, world):
    assert (
        url(world.project_x)
        in as_(client, world, "co_x").get(world.project_x.get_absolute_url()).content.decode()
    )
    assert (
        url(world.project_x)
        not in as_(client, world, "lead_a").get(world.project_x.get_absolute_url()).content.decode()
    )


def test_it_shows_the_project_as_it_is(client, world):
    body = as_(client, world, "co_x").get(url(world.project_x)).content.decode()
    assert "Get clusters moving on Every Child Matters work." in body
    assert 'value="planning" checked' in body or 'value="planning"\n' in body


def test_it_saves_and_the_audit_keeps_before_and_after(client, world):
    response = as_(client, world, "co_x").post(url(world.project_x), VALID, follow=True)
    assert "The project is saved." in response.content.decode()
    project = Project.objects.get(pk=world.project_x.pk)
    assert (project.status, str(project.starts_on)) == ("active", "2025-09-01")
    entry = AuditEntry.objects.get(action="enquiries.project.changed")
    assert entry.changes["status"] == ["planning", "active"]


def test_it_explains_dates_out_of_order(client, world):
    data = {**VALID, "ends_on_0": "1", "ends_on_1": "1", "ends_on_2": "2020"}
    response = as_(client, world, "co_x").post(url(world.project_x), data)
    assert "The end date must be the same as or after the start date" in response.content.decode()
    assert Project.objects.get(pk=world.project_x.pk).status == "planning"


def test_it_forbids_a_cluster_lead_and_hides_it_from_outsiders(client, world):
    assert as_(client, world, "lead_a").post(url(world.project_x), VALID).status_code == 403
    assert as_(client, world, "outsider").post(url(world.project_x), VALID).status_code == 404
    assert Project.objects.get(pk=world.project_x.pk).status == "planning"


def test_it_refuses_other_methods(client, world):
    assert as_(client, world, "co_x").put(url(world.project_x)).status_code == 405
