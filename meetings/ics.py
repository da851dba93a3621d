"""Meetings as iCalendar (RFC 5545), built with the `icalendar` package.

Times are written in Europe/London with a TZID and the VTIMEZONE that defines it
(both clock changes), so a calendar shows 10:00 as 10:00 on either side of the late-
October change. UIDs are stable per meeting, so a subscribed calendar updates the
event in place when the meeting changes.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Meeting
from .models.notes import LONDON

PRODID = "-//Enquiry Networks//Meetings//EN"


def _uid(meeting: Meeting) -> str:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "enquiry-networks"
    return f"meeting-{meeting.pk}@{host}"


def _event(meeting: Meeting, base_url: str = "") -> Event:
    event = Event()
    event.add("uid", _uid(meeting))
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("dtstart", meeting.starts_at.astimezone(LONDON))
    event.add("dtend", meeting.ends_at.astimezone(LONDON))
    event.add("summary", meeting.title)
    event.add("categories", [meeting.get_kind_display()])
    if meeting.place:
        event.add("location", meeting.place)
    url = f"{base_url or settings.SITE_URL}{meeting.get_absolute_url()}"
    event.add("url", url)
    description = [meeting.get_kind_display(), f"Project: {meeting.project.title}"]
    if meeting.link:
        description.append(f"Join: {meeting.link}")
    if meeting.agenda:
        description += ["", "Agenda:", meeting.agenda]
    description += ["", url]
    event.add("description", "\n".join(description))
    return event


def calendar(meetings: Iterable[Meeting], *, name: str, base_url: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        cal.add_component(_event(meeting, base_url))
    cal.add_missing_timezones()
    return cal.to_ical()
