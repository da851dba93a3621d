"""The meeting pages through the client: list, CSV, create and edit, the meeting page,
the notes pages, with query counts and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ClusterCheck, Meeting, MeetingNotes

from .conftest import date_fields, london, make_surgery

pytestmark = pytest.mark.django_db


def form_data(w, **extra) -> dict:
    data = {
        "kind": "surgery",
        "title": "Surgery: Harlow and Epping",
        **date_fields("day", dt.date(2026, 10, 14)),
        "starts": "10:00",
        "ends": "12:00",
        "place": "County Hall",
        "link": "",
        "clusters": [w.harlow.pk, w.epping.pk],
        "attendees": [w.harlow_lead.pk],
        "agenda": "Focus",
    }
    data.update(extra)
    return data


def test_create_a_meeting_through_the_form(essex, client):
    w = essex
    client.force_login(w.consultant)
    url = reverse("meetings:create", args=[w.project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(w))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == london(2026, 10, 14, 10, 0)
    assert set(meeting.clusters.all()) == {w.harlow, w.epping}


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"clusters": ["999999"]}, "Choose from the clusters listed"),
        ({"ends": "09:00"}, "The end time must be after the start time"),
        ({"starts": "25:00"}, "Enter the start time like 09:30"),
        ({"place": ""}, "Give the meeting&#x27;s place, or a link to join it"),
        ({"kind": "picnic"}, "Choose a kind listed"),
        ({"link": "javascript:alert(1)"}, "Enter the link like"),
    ],
)
def test_bad_meeting_input_is_refused_with_a_message(essex, client, bad, message):
    w = essex
    client.force_login(w.consultant)
    response = client.post(reverse("meetings:create", args=[w.project.pk]), form_data(w, **bad))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_foreign_cluster_is_refused(essex, client):
    w = essex
    client.force_login(w.consultant)
    response = client.post(
        reverse("meetings:create", args=[w.project.pk]), form_data(w, clusters=[w.corby.pk])
    )
    assert "Choose from the clusters listed" in response.content.decode()
    assert not Meeting.objects.exists()


def test_list_and_csv(essex, client, django_assert_max_num_queries):
    w = essex
    for n in range(30):
        make_surgery(
            w,
            title=f"Surgery {n}",
            starts_at=london(2026, 1, 1 + n % 28, 10),
            ends_at=london(2026, 1, 1 + n % 28, 11),
        )
    client.force_login(w.harlow_lead)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("meetings:list", args=[w.project.pk]))
    assert response.status_code == 200
    assert "30 meetings" in response.content.decode()
    response = client.get(reverse("meetings:list_csv", args=[w.project.pk]))
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 31


def test_meeting_page_query_count_and_history(
    essex, surgery, client, django_assert_max_num_queries
):
    w = essex
    notes = services.notes_save(actor=w.consultant, meeting=surgery, text_="Version one.")
    notes = services.notes_send(actor=w.consultant, notes=notes, check_by=timezone.localdate())
    check = ClusterCheck.objects.select_related("notes").get(notes=notes, cluster=w.harlow)
    services.notes_answer(actor=w.harlow_lead, check=check, answer="corrections", comment="Fix")
    services.notes_save(
        actor=w.consultant, meeting=surgery, text_="Version two.", change_note="Fixed"
    )
    client.force_login(w.consultant)
    with django_assert_max_num_queries(22):
        response = client.get(surgery.get_absolute_url())
    page = response.content.decode()
    assert "Asked for corrections" in page and "What changed from version 1" in page
    assert "Fixed" in page
    response = client.get(reverse("meetings:notes_versions", args=[surgery.pk]))
    assert "Version 2" in response.content.decode()


def test_notes_pages_walk_the_workflow(essex, surgery, client):
    w = essex
    client.force_login(w.consultant)
    write = reverse("meetings:notes_write", args=[surgery.pk])
    assert client.post(write, {"text": "Draft notes."}).status_code == 302
    send = reverse("meetings:notes_send", args=[surgery.pk])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(send, date_fields("check_by", yesterday))
    assert "in the past" in response.content.decode()
    assert MeetingNotes.objects.get().is_draft
    response = client.post(
        send, date_fields("check_by", timezone.localdate() + dt.timedelta(days=5))
    )
    assert response.status_code == 302
    client.force_login(w.harlow_lead)
    check_url = reverse("meetings:notes_check", args=[surgery.pk])
    page = client.get(surgery.get_absolute_url()).content.decode()
    assert "Confirm or ask for corrections" in page
    response = client.post(
        check_url,
        {
            "check": ClusterCheck.objects.get(cluster=w.harlow).pk,
            "answer": "corrections",
            "comment": "",
        },
    )
    assert "Say what needs correcting" in response.content.decode()
    foreign = ClusterCheck.objects.get(cluster=w.epping).pk
    response = client.post(check_url, {"check": foreign, "answer": "confirmed"})
    assert "Choose one of your clusters listed" in response.content.decode()
    assert ClusterCheck.objects.get(cluster=w.epping).is_waiting
    client.force_login(w.epping_lead)
    assert client.post(check_url, {"check": foreign, "answer": "confirmed"}).status_code == 302
    client.force_login(w.harlow_lead)
    own = ClusterCheck.objects.get(cluster=w.harlow).pk
    assert client.post(check_url, {"check": own, "answer": "confirmed"}).status_code == 302
    assert MeetingNotes.objects.get().is_circulated
    # Late: refused with a message, nothing changed.
    response = client.post(
        check_url, {"check": own, "answer": "corrections", "comment": "Late"}, follow=True
    )
    assert "answers are closed" in response.content.decode()
    assert ClusterCheck.objects.get(cluster=w.harlow).is_confirmed


def test_draft_notes_are_hidden_from_the_clusters(essex, surgery, client):
    w = essex
    services.notes_save(actor=w.consultant, meeting=surgery, text_="Secret first thoughts.")
    client.force_login(w.harlow_lead)
    page = client.get(surgery.get_absolute_url()).content.decode()
    assert "Secret first thoughts" not in page
    assert client.get(reverse("meetings:notes_versions", args=[surgery.pk])).status_code == 404


def test_outsiders_get_404(essex, surgery, client):
    client.force_login(essex.outsider)
    assert client.get(surgery.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:list", args=[essex.project.pk])).status_code == 404
