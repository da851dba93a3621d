"""403, 404 and 500 in the site's layout, each saying what to do next."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_404_is_in_the_layout_and_points_home(client, coleader):
    client.force_login(coleader)
    response = client.get("/no/such/page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in body and 'class="govuk-header' in body
    assert f'href="{reverse("home")}"' in body


def test_404_for_someone_signed_out_offers_sign_in(client, db):
    body = client.get("/no/such/page/").content.decode()
    assert "Page not found" in body and reverse("sign_in") in body


def test_403_says_why_and_where_to_go(client, cluster_lead, cluster):
    client.force_login(cluster_lead)
    response = client.get(reverse("networks:cluster_edit", args=[cluster.pk]))
    body = response.content.decode()
    assert response.status_code == 403
    assert "You cannot do that here" in body and "ask your LA co-leader" in body
    assert reverse("networks:account") in body


def test_500_renders_without_a_request_context_or_the_database(django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = UserFactory.build()  # no context processors run, so it is not read
    with django_assert_num_queries(0):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in body
    assert "Try again later" in body and "govuk-template" in body
