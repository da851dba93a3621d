"""The brokerage demo for Essex: made through the services, safe to repeat, and the
pages it feeds open for the demo's co-leader and LA-to-LA facilitator."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from devtools.demo import brokerage as brokerage_demo
from devtools.demo import register
from networks.models import AuditEntry, User

pytestmark = pytest.mark.django_db

MODELS = [
    "BrokerageActivity",
    "Partner",
    "Partnership",
    "ResourceAllocation",
    "CommissionedService",
    "ImpactReview",
    "FacilitationVisit",
    "PeerReview",
    "KnowledgeExchange",
]


def counts() -> dict[str, int]:
    return {name: apps.get_model("brokerage", name).objects.count() for name in MODELS}


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module and rolled back after it (it takes a while)."""
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        yield counts()
        transaction.set_rollback(True)


def test_it_seeds_essex_brokerage_once(seeded):
    assert all(seeded[name] for name in MODELS), seeded
    # One audit entry per record made (an impact review's is filed against its service).
    assert AuditEntry.objects.filter(action__startswith="brokerage.").count() == sum(
        seeded.values()
    )
    lines = brokerage_demo.seed_brokerage(register.seed_register())
    assert lines == ["Essex's brokerage already there: brokerage demo left as it is."]
    assert counts() == seeded


@pytest.mark.parametrize("who", ["coleader", "la-facilitator"])
def test_its_pages_open_for_the_demo_people(seeded, client, who):
    client.force_login(User.objects.get(email=register.demo_email(who)))
    for name in ("la_dashboard", "la_map", "la_membership", "service_list", "visit_list"):
        response = client.get(reverse(f"brokerage:{name}", args=[register.ESSEX]))
        assert response.status_code == 200, name
    body = client.get(reverse("brokerage:la_map", args=[register.ESSEX])).content.decode()
    assert ">Kirklees</text>" in body and ">Harlow College</text>" in body
