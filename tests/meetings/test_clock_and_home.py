"""The sweep's days are London days on both sides of the late-October clock change,
and the home panel shows each person what waits on them, in a bounded number of
queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings import services
from meetings.models import ClusterCheck, MeetingNotes
from meetings.sweep import run_notes_sweep

from .conftest import london, make_surgery

pytestmark = pytest.mark.django_db
UTC = dt.UTC


def sent(w, meeting):
    notes = services.notes_save(actor=w.consultant, meeting=meeting, text_="Notes")
    return services.notes_send(
        actor=w.consultant, notes=notes, check_by=timezone.localdate() + dt.timedelta(days=3)
    )


def test_reminder_and_circulation_follow_london_days_across_the_clock_change(essex, surgery):
    w = essex
    notes = sent(w, surgery)
    # Check by Monday 26 October 2026; the clocks go back at 02:00 BST on Sunday 25th.
    MeetingNotes.objects.filter(pk=notes.pk).update(check_by=dt.date(2026, 10, 26))
    # 22:30 UTC on Saturday 24th is 23:30 BST: still Saturday in London, too early.
    assert run_notes_sweep(now=dt.datetime(2026, 10, 24, 22, 30, tzinfo=UTC)) == 0
    # 23:30 UTC on Saturday is 00:30 BST on Sunday 25th, the day before: reminded once.
    assert run_notes_sweep(now=dt.datetime(2026, 10, 24, 23, 30, tzinfo=UTC)) == 1
    assert run_notes_sweep(now=dt.datetime(2026, 10, 25, 12, tzinfo=UTC)) == 0
    # 23:30 UTC on Monday 26th is 23:30 GMT: the check-by day has not ended.
    assert run_notes_sweep(now=dt.datetime(2026, 10, 26, 23, 30, tzinfo=UTC)) == 0
    notes.refresh_from_db()
    assert notes.is_checking and notes.deadline == london(2026, 10, 27, 0, 0)
    # 00:30 UTC on Tuesday 27th: it has, with no correction open.
    assert run_notes_sweep(now=dt.datetime(2026, 10, 27, 0, 30, tzinfo=UTC)) == 1
    notes.refresh_from_db()
    assert notes.is_circulated


def test_home_panel_shows_what_waits_on_each_person(essex, client, django_assert_max_num_queries):
    w = essex
    start = timezone.now() + dt.timedelta(minutes=30)
    week_start = timezone.localtime(start)
    meeting = make_surgery(
        w, starts_at=start, ends_at=start + dt.timedelta(hours=1), title="This week's surgery"
    )
    notes = sent(w, meeting)
    client.force_login(w.harlow_member)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("home")).content.decode()
    assert "Notes for your cluster to check" in page and "This week&#x27;s surgery" in page
    check = ClusterCheck.objects.select_related("notes").get(notes=notes, cluster=w.harlow)
    services.notes_answer(actor=w.harlow_lead, check=check, answer="corrections", comment="Fix")
    client.force_login(w.consultant)
    page = client.get(reverse("home")).content.decode()
    assert "Notes to revise" in page
    if week_start.weekday() == 6 and week_start.hour == 23:  # the week may just have ended
        return
    assert "Your meetings this week" in page
    client.force_login(w.tendring_lead)
    assert "Meetings and notes" not in client.get(reverse("home")).content.decode()
