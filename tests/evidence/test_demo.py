"""The evidence demo for Essex: made through the services, safe to repeat, and its
pages open for the demo's facilitator, co-leader and cluster lead."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from devtools.demo import evidence as evidence_demo
from devtools.demo import register
from enquiries.models import Project
from evidence.models import Baseline, EvidenceItem, KeyDriver, ProgressReview
from networks.models import User

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (EvidenceItem, Baseline, ProgressReview, KeyDriver)
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        yield counts()
        transaction.set_rollback(True)


def test_it_seeds_essex_evidence_once(seeded):
    assert all(seeded.values()), seeded
    assert seeded["KeyDriver"] == 3
    lines = evidence_demo.seed_evidence(register.seed_register())
    assert lines == ["Essex's evidence already there: evidence demo left as it is."]
    assert counts() == seeded


def test_it_codes_a_passage_of_the_circulated_surgery_notes_once(seeded):
    item = EvidenceItem.objects.get(kind="meeting_notes")
    notes = item.notes_version.notes
    assert notes.is_circulated and item.notes_version.number == notes.version
    assert register.HARLOW_CLUSTER in notes.meeting.title and item.cluster.name == (
        register.HARLOW_CLUSTER
    )
    assert item.quote and item.quote in item.notes_version.text
    assert item.key_drivers.filter(title="A question the cluster owns").exists()
    # A database seeded before notes were a source gets the item, once.
    item.delete()
    lines = evidence_demo.seed_evidence(register.seed_register())
    assert lines[0].startswith("Evidence: coded the circulated notes")
    assert EvidenceItem.objects.filter(kind="meeting_notes").count() == 1
    assert evidence_demo.seed_evidence(register.seed_register())[0].startswith(
        "Essex's evidence already there"
    )


@pytest.mark.parametrize("who", ["facilitator", "coleader", "cluster-lead"])
def test_its_pages_open_for_the_demo_people(seeded, client, who):
    client.force_login(User.objects.get(email=register.demo_email(who)))
    project = Project.objects.filter(la__code=register.ESSEX).order_by("pk").first()
    for page in ("evidence/", "key-drivers/", "baselines/", "codebook/"):
        response = client.get(f"/projects/{project.pk}/{page}")
        assert response.status_code == 200, page
    body = client.get(f"/projects/{project.pk}/key-drivers/").content.decode()
    assert "Trust between the leaders of the cluster" in body
