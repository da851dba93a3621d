"""The audit trail page: staff see every entry, co-leaders their LA's, others nothing."""

import pytest
from django.db import transaction
from django.urls import reverse

from networks.audit import audit
from networks.models import AuditEntry, Role
from tests.factories import UserFactory, grant

pytestmark = pytest.mark.django_db
URL = reverse("networks:audit_log")


def _entries(la, other_la, actor):
    with transaction.atomic():
        audit(actor, "enquiries.question.revised", la, {"text": ["Old?", "New?"]}, la=la)
        audit(actor, "enquiries.project.created", other_la, {"title": "Corby"}, la=other_la)
        audit(None, "networks.register.imported", None, {"created": 3})


def test_it_shows_a_coleader_their_las_trail_only(client, coleader, la, other_la):
    _entries(la, other_la, coleader)
    client.force_login(coleader)
    body = client.get(URL).content.decode()
    assert "Question: revised" in body and "Old? → New?" in body
    assert "Project: created" not in body and "Register: imported" not in body


def test_it_shows_staff_everything_and_one_la_on_request(client, la, other_la):
    staff = UserFactory(is_staff=True)
    _entries(la, other_la, staff)
    client.force_login(staff)
    body = client.get(URL).content.decode()
    assert "Question: revised" in body and "Project: created" in body
    assert "Register: imported" in body and "The system" in body
    only_essex = client.get(URL, {"la": la.code}).content.decode()
    assert "Question: revised" in only_essex and "Project: created" not in only_essex


def test_it_refuses_people_who_lead_no_la(client, cluster_lead):
    client.force_login(cluster_lead)
    assert client.get(URL).status_code == 403


def test_it_hides_another_las_trail_from_a_coleader(client, coleader, other_la):
    client.force_login(coleader)
    assert client.get(URL, {"la": other_la.code}).status_code == 404


@pytest.mark.parametrize("rows", [1, 10])
def test_it_reads_the_trail_in_constant_queries(
    client, coleader, la, other_la, rows, django_assert_num_queries
):
    for _ in range(rows):
        _entries(la, other_la, coleader)
    client.force_login(coleader)
    # session, user, scope (roles, facilitations), the LAs they lead, count, the page of
    # entries with actor and LA, unread-notification count
    with django_assert_num_queries(8):
        response = client.get(URL)
    assert len(response.context["page_obj"]) == rows
    assert AuditEntry.objects.filter(la=la).count() == rows


def test_it_is_linked_from_the_la_page_for_its_coleaders(client, coleader, la):
    client.force_login(coleader)
    assert f"{URL}?la={la.code}" in client.get(la.get_absolute_url()).content.decode()
    officer = UserFactory()
    grant(officer, Role.LA_OFFICER, la=la)
    client.force_login(officer)
    assert URL not in client.get(la.get_absolute_url()).content.decode()
