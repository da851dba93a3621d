"""The initiatives a person takes part in (enquiries:initiative_list)."""

import pytest
from django.urls import reverse

from enquiries import services

pytestmark = pytest.mark.django_db
URL = reverse("enquiries:initiative_list")


def grow(world, n):
    for i in range(n):
        services.initiative_create(
            actor=world.person("national"), name=f"Grown initiative {i:02d}", las=[world.la_x]
        )


@pytest.mark.parametrize("name", ["co_x", "lead_a", "school_contact", "kq_facilitator", "national"])
def test_it_lists_the_initiative_for_everyone_in_it(as_, world, name):
    body = as_(name).get(URL).content.decode()
    assert world.initiative.get_absolute_url() in body
    assert "LEArning" in body


def test_it_counts_las_and_projects(as_):
    body = as_("national").get(URL).content.decode()
    assert body.count('govuk-table__cell--numeric">3</td>') == 2


def test_it_shows_an_outsider_nothing(as_):
    body = as_("outsider").get(URL).content.decode()
    assert "LEArning" not in body and "You are not part of any initiative yet." in body


def test_it_sends_anonymous_visitors_to_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/" in response["Location"]


def test_it_refuses_post(as_):
    assert as_("co_x").post(URL).status_code == 405


@pytest.mark.parametrize("n", [1, 10])
def test_it_lists_in_a_fixed_number_of_queries(as_, client, world, n, django_assert_num_queries):
    grow(world, n)
    as_("co_x")
    # session, user, scope (+ facilitations), the initiatives the person's LAs take part in, count,
    # page, unread notifications.
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert response.content.decode().count("Grown initiative") == n
