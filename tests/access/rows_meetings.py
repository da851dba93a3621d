"""Access-matrix rows for meetings, their notes and the calendar feed (see matrix.py).

Who runs Essex's meetings (creates, edits, writes notes): staff, its LA's co-leader
and officer, and the Harlow cluster's consultant and link adviser. The national team
and everyone else who sees the project reads them. Harlow's lead and member answer
Harlow's check of the notes. The world adds (through the services) a surgery whose
notes the consultant has sent to Harlow to check, a meeting with draft notes, one
with none, a Northamptonshire meeting, and the cluster lead's calendar feed.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from meetings import services
from meetings.models import CalendarFeed
from meetings.models.notes import LONDON
from notifications.models import Notification

from .matrix import (
    ANONYMOUS,
    LOGIN,
    SET,
    SIGNED_IN,
    Row,
    acting,
    audited,
    sets,
    with_audit_effects,
)
from .world import PERSONAS, extend_world

OUTSIDER_404 = {ANONYMOUS: LOGIN, "outsider": 404}
MANAGERS = ("staff", "la_coleader", "la_officer", "consultant", "link_adviser")
AUTHOR = ("staff", "consultant")
MEMBERS = ("cluster_lead", "cluster_member")
NOTES_READERS = (*MANAGERS, *MEMBERS)
SIGNED_IN_PERSONAS = tuple(p for p in PERSONAS if p != ANONYMOUS)


def only(names, answer, *, others=403) -> tuple[dict, int]:
    return {ANONYMOUS: LOGIN, "outsider": 404, **dict.fromkeys(names, answer)}, others


@extend_world
def add_meetings(w) -> None:
    consultant = w.users["consultant"]
    start = dt.datetime(2026, 10, 14, 10, tzinfo=LONDON)

    def meeting(title, **extra):
        fields = {
            "kind": "surgery",
            "title": title,
            "starts_at": start,
            "ends_at": start + dt.timedelta(hours=2),
            "place": "County Hall",
            "clusters": [w.cluster],
            "attendees": [w.users["cluster_lead"]],
        }
        fields.update(extra)
        return services.meeting_create(actor=consultant, project=w.project, **fields)

    w.meeting = meeting("Surgery: Harlow")
    notes = services.notes_save(actor=consultant, meeting=w.meeting, text_="What we agreed.")
    w.check_by = timezone.localdate() + dt.timedelta(days=7)
    services.notes_send(actor=consultant, notes=notes, check_by=w.check_by)
    w.notes = notes
    # Read already, so the notifications rows' "who has unread ones" stays as it was.
    Notification.objects.filter(event_key__startswith="meeting-notes:").update(
        read_at=timezone.now()
    )
    w.meeting_draft = meeting("Surgery: Harlow again")
    services.notes_save(actor=consultant, meeting=w.meeting_draft, text_="First thoughts.")
    w.meeting_plain = meeting("Core contact meeting", kind="core_contact", clusters=[])
    w.other_meeting = services.meeting_create(
        actor=w.users["outsider"],
        project=w.other_project,
        kind="think_tank",
        title="Northamptonshire think tank",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        place="Guildhall",
    )
    w.feed_token = services.calendar_feed_regenerate(actor=w.users["cluster_lead"])
    w.feed = CalendarFeed.objects.get(user=w.users["cluster_lead"])


def _meeting_form(w) -> dict:
    return {
        "kind": "cluster_meeting",
        "title": "Harlow cluster meeting",
        "day_0": "3",
        "day_1": "11",
        "day_2": "2026",
        "starts": "16:00",
        "ends": "17:30",
        "place": "Harlow Primary",
        "clusters": [str(w.cluster.pk)],
    }


def _date(prefix: str, day) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


_managers, _ = only(MANAGERS, 200)
_managers_post, _ = only(MANAGERS, 302)
_author, _ = only(AUTHOR, 200)
_author_post, _ = only(AUTHOR, 302)
_members_check = {
    ANONYMOUS: LOGIN,
    **dict.fromkeys(MANAGERS, 403),
    **dict.fromkeys(MEMBERS, 200),
}
_other_la = {
    ANONYMOUS: LOGIN,
    "staff": 200,
    "national_facilitator": 200,
    "la_facilitator": 200,
    "outsider": 200,
}

ROWS: list[Row] = with_audit_effects(
    [
        # --- A project's meetings
        Row("meetings:list", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
        Row(
            "meetings:list",
            args=lambda w: [w.other_project.pk],
            expect=_other_la,
            default=404,
            label="other LA",
        ),
        Row("meetings:list", args=lambda w: [w.project.pk], method="post", default=405),
        Row("meetings:list_csv", args=lambda w: [w.project.pk], expect=OUTSIDER_404),
        Row("meetings:list_csv", args=lambda w: [w.project.pk], method="post", default=405),
        Row("meetings:create", args=lambda w: [w.project.pk], expect=_managers, default=403),
        Row(
            "meetings:create",
            args=lambda w: [w.project.pk],
            method="post",
            data=_meeting_form,
            expect=_managers_post,
            default=403,
        ),
        Row(
            "meetings:create",
            args=lambda w: [w.project.pk],
            method="post",
            data=lambda w: {**_meeting_form(w), "clusters": [str(w.other_cluster.pk)]},
            expect={**_managers, ANONYMOUS: LOGIN, "outsider": 404},
            default=403,
            label="foreign cluster",
        ),
        Row(
            "meetings:create",
            args=lambda w: [w.other_project.pk],
            expect={
                ANONYMOUS: LOGIN,
                "staff": 200,
                "outsider": 200,
                "la_facilitator": 200,
                "national_facilitator": 403,
            },
            default=404,
            label="other LA",
        ),
        Row("meetings:create", args=lambda w: [w.project.pk], method="put", default=405),
        # --- One meeting
        Row("meetings:detail", args=lambda w: [w.meeting.pk], expect=OUTSIDER_404),
        Row(
            "meetings:detail",
            args=lambda w: [w.meeting_draft.pk],
            expect=OUTSIDER_404,
            label="draft notes",
        ),
        Row(
            "meetings:detail",
            args=lambda w: [w.other_meeting.pk],
            expect=_other_la,
            default=404,
            label="other LA",
        ),
        Row("meetings:detail", args=lambda w: [w.meeting.pk], method="post", default=405),
        Row("meetings:ics", args=lambda w: [w.meeting.pk], expect=OUTSIDER_404),
        Row("meetings:ics", args=lambda w: [w.meeting.pk], method="post", default=405),
        Row("meetings:edit", args=lambda w: [w.meeting_plain.pk], expect=_managers, default=403),
        Row(
            "meetings:edit",
            args=lambda w: [w.meeting_plain.pk],
            method="post",
            data=lambda w: {**_meeting_form(w), "clusters": []},
            expect=_managers_post,
            default=403,
        ),
        Row("meetings:edit", args=lambda w: [w.meeting_plain.pk], method="put", default=405),
        # --- Notes
        Row(
            "meetings:notes_write",
            args=lambda w: [w.meeting_plain.pk],
            expect=_managers,
            default=403,
        ),
        Row(
            "meetings:notes_write",
            args=lambda w: [w.meeting_plain.pk],
            method="post",
            data=lambda w: {"text": "Notes of the core contact meeting."},
            expect=_managers_post,
            default=403,
        ),
        Row(
            "meetings:notes_write",
            args=lambda w: [w.meeting_draft.pk],
            expect=_author,
            default=403,
            label="someone's draft",
        ),
        Row(
            "meetings:notes_write",
            args=lambda w: [w.meeting.pk],
            method="post",
            data=lambda w: {"text": "What we agreed, corrected.", "change_note": "Dates"},
            expect=_author_post,
            default=403,
            label="revise",
        ),
        Row("meetings:notes_write", args=lambda w: [w.meeting.pk], method="put", default=405),
        Row(
            "meetings:notes_send", args=lambda w: [w.meeting_draft.pk], expect=_author, default=403
        ),
        Row(
            "meetings:notes_send",
            args=lambda w: [w.meeting_draft.pk],
            method="post",
            data=lambda w: _date("check_by", w.check_by),
            expect=_author_post,
            default=403,
        ),
        Row(
            "meetings:notes_send",
            args=lambda w: [w.meeting_draft.pk],
            method="post",
            data=lambda w: _date("check_by", timezone.localdate() - dt.timedelta(days=1)),
            expect=_author,
            default=403,
            label="check-by in the past",
        ),
        Row("meetings:notes_send", args=lambda w: [w.meeting_draft.pk], method="put", default=405),
        Row(
            "meetings:notes_check",
            args=lambda w: [w.meeting.pk],
            expect=_members_check,
            default=404,
        ),
        Row(
            "meetings:notes_check",
            args=lambda w: [w.meeting.pk],
            method="post",
            data=lambda w: {"check": str(w.notes.checks.get().pk), "answer": "confirmed"},
            expect={**_members_check, **dict.fromkeys(MEMBERS, 302)},
            default=404,
        ),
        Row(
            "meetings:notes_check",
            args=lambda w: [w.meeting.pk],
            method="post",
            data=lambda w: {"check": str(w.notes.checks.get().pk), "answer": "corrections"},
            expect=_members_check,
            default=404,
            label="no comment",
        ),
        Row("meetings:notes_check", args=lambda w: [w.meeting.pk], method="put", default=405),
        Row(
            "meetings:notes_versions",
            args=lambda w: [w.meeting.pk],
            expect={ANONYMOUS: LOGIN, **dict.fromkeys(NOTES_READERS, 200)},
            default=404,
        ),
        Row(
            "meetings:notes_versions",
            args=lambda w: [w.meeting_draft.pk],
            expect={ANONYMOUS: LOGIN, **dict.fromkeys(MANAGERS, 200)},
            default=404,
            label="draft",
        ),
        Row("meetings:notes_versions", args=lambda w: [w.meeting.pk], method="post", default=405),
        # --- The calendar feed
        Row("meetings:calendar_settings", expect=SIGNED_IN),
        Row(
            "meetings:calendar_settings",
            method="post",
            data=lambda w: {"action": "regenerate"},
            expect=SIGNED_IN,
            effects=acting(SIGNED_IN_PERSONAS, audited("meetings.calendar_feed.regenerated")),
        ),
        Row(
            "meetings:calendar_settings",
            method="post",
            data=lambda w: {"action": "revoke"},
            expect=SIGNED_IN,
            default=302,
            effects=acting(
                ["cluster_lead"],
                sets(lambda w: w.feed, token_hash=None, revoked_at=SET),
                audited("meetings.calendar_feed.revoked"),
            ),
            label="revoke",
        ),
        Row("meetings:calendar_settings", method="put", default=405),
        Row("meetings:calendar_feed", args=lambda w: [w.feed_token], default=200),
        Row(
            "meetings:calendar_feed",
            args=lambda w: ["not-a-real-token-at-all-0123"],
            default=404,
            label="unknown",
        ),
        Row("meetings:calendar_feed", args=lambda w: [w.feed_token], method="post", default=405),
    ],
    {
        "meetings:create": "meetings.meeting.created",
        "meetings:edit": "meetings.meeting.updated",
        "meetings:notes_write": "meetings.notes.",
        "meetings:notes_send": "meetings.notes.sent",
        "meetings:notes_check": "meetings.notes.confirmed",
    },
)
