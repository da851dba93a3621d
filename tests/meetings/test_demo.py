"""The meetings demo for Essex: notes at every stage, safe to repeat, and the pages it
feeds open for the demo's consultant and cluster lead."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from devtools.demo import meetings as meetings_demo
from devtools.demo import register
from meetings.models import ClusterCheck, Meeting, MeetingNotes
from networks.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=open("/dev/null", "w"))
        yield
        transaction.set_rollback(True)


def test_notes_at_every_stage_and_idempotent(seeded):
    states = sorted(MeetingNotes.objects.values_list("state", flat=True))
    assert states == ["checking", "checking", "circulated", "draft"]
    assert ClusterCheck.objects.filter(answer="corrections").exists()
    circulated = MeetingNotes.objects.get(state="circulated")
    assert circulated.version == 2 and circulated.archived_version is not None
    before = Meeting.objects.count()
    assert meetings_demo.seed_meetings() == ["Essex meetings already there: left as they are."]
    assert Meeting.objects.count() == before >= 6


def test_the_demo_people_see_their_work(seeded, client):
    lead = User.objects.get(email=register.demo_email("cluster-lead"))
    client.force_login(lead)
    home = client.get(reverse("home")).content.decode()
    assert "Notes for your cluster to check" in home
    assert "Your meetings this week" in home
    consultant = User.objects.get(email=register.demo_email("consultant"))
    client.force_login(consultant)
    home = client.get(reverse("home")).content.decode()
    assert "Notes to revise" in home
    meeting = Meeting.objects.filter(notes__state="circulated").get()
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Filed in the research archive" in page
    assert client.get(reverse("meetings:list", args=[meeting.project_id])).status_code == 200
