"""The audit table's rows for the meetings services."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from meetings import services as meeting_services


def _meeting(w):
    start = timezone.now() + timedelta(days=3)
    return meeting_services.meeting_create(
        actor=w.person("co_x"),
        project=w.project_x,
        kind="surgery",
        title="Surgery: A and A2",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="County Hall",
        clusters=[w.cluster_a, w.cluster_a2],
    )


def _sent_notes(w):
    notes = meeting_services.notes_save(actor=w.person("co_x"), meeting=_meeting(w), text_="N")
    return meeting_services.notes_send(
        actor=w.person("co_x"), notes=notes, check_by=timezone.localdate() + timedelta(days=5)
    )


def _answer(w, notes, cluster, lead, answer="confirmed"):
    check = notes.checks.select_related("notes").get(cluster=cluster)
    return meeting_services.notes_answer(
        actor=w.person(lead), check=check, answer=answer, comment="Fix the dates"
    )


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
MEETING_CASES = [
    ("meeting_create", _meeting, ["meetings.meeting.created"], "x"),
    (
        "meeting_update",
        lambda w: meeting_services.meeting_update(
            actor=w.person("co_x"),
            meeting=_meeting(w),
            kind="cluster_meeting",
            title="Cluster meeting",
            starts_at=timezone.now(),
            ends_at=timezone.now() + timedelta(hours=1),
            place="Hall",
        ),
        ["meetings.meeting.created", "meetings.meeting.updated"],
        "x",
    ),
    (
        "notes_save",
        lambda w: meeting_services.notes_save(
            actor=w.person("co_x"), meeting=_meeting(w), text_="Notes"
        ),
        ["meetings.meeting.created", "meetings.notes.drafted"],
        "x",
    ),
    (
        "notes_send",
        _sent_notes,
        ["meetings.meeting.created", "meetings.notes.drafted", "meetings.notes.sent"],
        "x",
    ),
    (
        "notes_answer",
        lambda w: _answer(w, _sent_notes(w), w.cluster_a, "lead_a", "corrections"),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.corrections",
        ],
        "x",
    ),
    (
        "circulate",
        lambda w: meeting_services.circulate(_sent_notes(w)),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.circulated",
            "enquiries.archive_item.created",
        ],
        "x",
    ),
    (
        "remind",
        lambda w: meeting_services.remind(_sent_notes(w)),
        [
            "meetings.meeting.created",
            "meetings.notes.drafted",
            "meetings.notes.sent",
            "meetings.notes.reminded",
        ],
        "x",
    ),
    (
        "calendar_feed_regenerate",
        lambda w: meeting_services.calendar_feed_regenerate(actor=w.person("lead_a")),
        ["meetings.calendar_feed.regenerated"],
        None,
    ),
    (
        "calendar_feed_revoke",
        lambda w: (
            meeting_services.calendar_feed_regenerate(actor=w.person("lead_a")),
            meeting_services.calendar_feed_revoke(actor=w.person("lead_a")),
        ),
        ["meetings.calendar_feed.regenerated", "meetings.calendar_feed.revoked"],
        None,
    ),
]
