"""The .ics download and the private feed: valid iCalendar, Europe/London times on
both sides of the late-October clock change, and the token's life (hashed, revoked,
regenerated)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from meetings import services
from meetings.models import CalendarFeed
from meetings.models.calendar import token_hash

from .conftest import london, make_surgery

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def events(body: bytes) -> list:
    calendar = Calendar.from_ical(body)
    return sorted(calendar.walk("VEVENT"), key=lambda e: e.decoded("dtstart"))


def test_ics_download_keeps_london_time_across_the_clock_change(essex, client):
    w = essex
    before = make_surgery(w, starts_at=london(2026, 10, 22, 10), ends_at=london(2026, 10, 22, 12))
    after = make_surgery(w, starts_at=london(2026, 10, 29, 10), ends_at=london(2026, 10, 29, 12))
    client.force_login(w.harlow_lead)
    for meeting, utc_hour in ((before, 9), (after, 10)):
        response = client.get(reverse("meetings:ics", args=[meeting.pk]))
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "attachment" in response["Content-Disposition"]
        calendar = Calendar.from_ical(response.content)
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
        (event,) = calendar.walk("VEVENT")
        assert "TZID=Europe/London" in event.to_ical().decode()
        start = event.decoded("dtstart")
        assert (start.hour, start.minute) == (10, 0)
        assert start.astimezone(UTC).hour == utc_hour
        assert str(event["summary"]) == meeting.title


def test_feed_lists_my_meetings_with_a_token_and_no_session(essex, client, monkeypatch):
    w = essex
    make_surgery(
        w, title="Before", starts_at=london(2026, 10, 22, 10), ends_at=london(2026, 10, 22, 12)
    )
    make_surgery(
        w, title="After", starts_at=london(2026, 10, 29, 10), ends_at=london(2026, 10, 29, 12)
    )
    make_surgery(w, title="Not mine", attendees=[w.epping_lead])
    token = services.calendar_feed_regenerate(actor=w.harlow_lead)
    assert CalendarFeed.objects.get(user=w.harlow_lead).token_hash == token_hash(token)
    assert not CalendarFeed.objects.filter(token_hash=token).exists()  # never stored plain
    url = reverse("meetings:calendar_feed", args=[token])
    client.logout()
    import meetings.views.calendar as view

    original = view.feed_meetings
    monkeypatch.setattr(
        view, "feed_meetings", lambda user: original(user, now=london(2026, 10, 1, 9))
    )
    response = client.get(url)
    assert response.status_code == 200
    found = events(response.content)
    assert [str(e["summary"]) for e in found] == ["Before", "After"]
    assert [e.decoded("dtstart").astimezone(UTC).hour for e in found] == [9, 10]
    assert [e.decoded("dtstart").hour for e in found] == [10, 10]


def test_revoked_and_replaced_tokens_answer_404(essex, client):
    w = essex
    old = services.calendar_feed_regenerate(actor=w.harlow_lead)
    new = services.calendar_feed_regenerate(actor=w.harlow_lead)
    assert client.get(reverse("meetings:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("meetings:calendar_feed", args=[new])).status_code == 200
    assert services.calendar_feed_revoke(actor=w.harlow_lead)
    assert client.get(reverse("meetings:calendar_feed", args=[new])).status_code == 404
    assert client.get(reverse("meetings:calendar_feed", args=["x" * 43])).status_code == 404


def test_settings_page_shows_the_address_once(essex, client):
    w = essex
    client.force_login(w.harlow_lead)
    url = reverse("meetings:calendar_settings")
    assert "You have no calendar feed" in client.get(url).content.decode()
    response = client.post(url, {"action": "regenerate"})
    page = response.content.decode()
    assert response.status_code == 200 and "/calendar/" in page and ".ics" in page
    assert "shown only this once" in page
    assert "Your feed is on" in client.get(url).content.decode()
    response = client.post(url, {"action": "revoke"})
    assert response.status_code == 302
    assert not CalendarFeed.objects.get(user=w.harlow_lead).is_active
