"""The notes workflow (the seeds' own practice): the consultant drafts the notes, sends
them to the attending clusters to check by a date, each cluster confirms or asks for
corrections, the consultant revises (every version kept), and the notes are
circulated to every cluster in the project, and filed in its research archive, when
all have confirmed or when the check-by day has ended with no correction open.

Rules of the steps:
- A draft may be rewritten freely (nobody has read it): it stays version 1.
  Once sent, every save is a new version; clusters that asked for corrections are
  asked again (their check goes back to waiting); confirmations stand.
- The check-by date may not be in the past (London). Revising after it has passed
  needs a new one, so a cluster asked again has time to look.
- A cluster's answer after circulation is refused with a message; nothing changes.

Every step writes a NotesEvent (the history on the meeting page), an audit entry and
notifications (category MEETINGS, event keys unique per step, so repeating a step's
notification is a no-op). The sweep's steps (circulate, remind) are claimed with a
conditional UPDATE, so two workers at once do each step once (sweep.py).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from networks.audit import audit
from notifications.services import notify

from .. import rules
from ..models import ClusterCheck, Meeting, MeetingNotes, NotesEvent, NotesVersion
from ..models.notes import LONDON
from ._common import CATEGORY, MeetingError, cluster_people, require, subject, text
from .circulation import circulate


def london_today(now: dt.datetime | None = None) -> dt.date:
    return (now or timezone.now()).astimezone(LONDON).date()


def _event(notes, step, *, actor=None, cluster=None, comment="", at=None) -> NotesEvent:
    return NotesEvent.objects.create(
        notes=notes,
        step=step,
        at=at or timezone.now(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        cluster=cluster,
        version=notes.version,
        comment=comment,
    )


def _url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


def _check_by(value, now=None) -> dt.date:
    if not isinstance(value, dt.date):
        raise MeetingError("Give the date the clusters should check the notes by.")
    if value < london_today(now):
        raise MeetingError("The check-by date is in the past: choose today or a later day.")
    if value > london_today(now) + dt.timedelta(days=366):
        raise MeetingError("The check-by date must be within a year.")
    return value


def _locked(notes: MeetingNotes) -> MeetingNotes:
    return (
        MeetingNotes.objects.select_for_update()
        .select_related("meeting__project__la")
        .get(pk=notes.pk)
    )


@transaction.atomic
def notes_save(
    *, actor, meeting: Meeting, text_: str, change_note: str = "", check_by=None
) -> MeetingNotes:
    """Start the notes (the actor becomes their author), rewrite the draft, or revise
    notes with the clusters (a new version)."""
    body = text(text_, "notes")
    change_note = " ".join((change_note or "").split())[:300]
    notes = MeetingNotes.objects.filter(meeting=meeting).first()
    require(rules.may_write_notes(actor, meeting, notes))
    if notes is None:
        notes = MeetingNotes.objects.create(meeting=meeting, author=actor, text=body)
        NotesVersion.objects.create(notes=notes, number=1, text=body, written_by=actor)
        _event(notes, NotesEvent.Step.DRAFTED, actor=actor)
        audit(actor, "meetings.notes.drafted", notes, {"version": 1}, la=meeting.project.la_id)
        return notes
    notes = _locked(notes)
    if notes.is_circulated:
        raise MeetingError("These notes have been circulated: they cannot change now.")
    if body == notes.text:
        raise MeetingError("The notes are the same as before: change them, then save.")
    if notes.is_draft:
        notes.text = body
        notes.save(update_fields=["text", "updated_at"])
        notes.versions.filter(number=1).update(text=body)
        audit(actor, "meetings.notes.drafted", notes, {"version": 1}, la=meeting.project.la_id)
        return notes
    # With the clusters: a new version.
    if check_by or notes.check_by is None or notes.check_by < london_today():
        if not check_by:
            raise MeetingError(
                "The check-by date has passed: give a new one, so the clusters can look again."
            )
        notes.check_by = _check_by(check_by)
        notes.reminded_at = None
    notes.version += 1
    notes.text = body
    notes.save()
    NotesVersion.objects.create(
        notes=notes, number=notes.version, text=body, change_note=change_note, written_by=actor
    )
    asked_again = list(notes.checks.filter(answer=ClusterCheck.Answer.CORRECTIONS))
    notes.checks.filter(pk__in=[c.pk for c in asked_again]).update(
        answer=ClusterCheck.Answer.WAITING, answered_at=None, answered_by=None
    )
    _event(notes, NotesEvent.Step.REVISED, actor=actor, comment=change_note)
    audit(
        actor,
        "meetings.notes.revised",
        notes,
        {"version": notes.version, "check_by": str(notes.check_by)},
        la=meeting.project.la_id,
    )
    if asked_again:
        notify(
            recipients=cluster_people(c.cluster_id for c in asked_again),
            category=CATEGORY,
            event_key=f"meeting-notes:{notes.pk}:v{notes.version}:revised",
            subject=subject(f"Notes revised, please check again: {meeting.title}"),
            body=(
                f"{actor.name} has revised the notes of “{meeting.title}” after your "
                f"corrections (version {notes.version}). Please check them by "
                f"{notes.check_by:%-d %B %Y}."
                + (f"\n\nWhat changed: {change_note}" if change_note else "")
            ),
            url=_url(meeting),
            actor=actor,
        )
    return notes


@transaction.atomic
def notes_send(*, actor, notes: MeetingNotes, check_by) -> MeetingNotes:
    """Send the draft to the meeting's clusters to check by `check_by`."""
    notes = _locked(notes)
    meeting = notes.meeting
    require(rules.may_write_notes(actor, meeting, notes))
    if not notes.is_draft:
        raise MeetingError("These notes have already been sent to the clusters.")
    check_by = _check_by(check_by)
    cluster_ids = list(meeting.clusters.values_list("pk", flat=True))
    if not cluster_ids:
        raise MeetingError(
            "The meeting has no clusters to check the notes: add them to the meeting first."
        )
    now = timezone.now()
    ClusterCheck.objects.bulk_create(
        [ClusterCheck(notes=notes, cluster_id=cluster_id) for cluster_id in cluster_ids]
    )
    notes.state = MeetingNotes.State.CHECKING
    notes.check_by = check_by
    notes.sent_at = now
    notes.save()
    _event(
        notes, NotesEvent.Step.SENT, actor=actor, at=now, comment=f"Check by {check_by:%-d %B %Y}"
    )
    audit(
        actor,
        "meetings.notes.sent",
        notes,
        {"check_by": str(check_by), "clusters": sorted(cluster_ids)},
        la=meeting.project.la_id,
    )
    notify(
        recipients=cluster_people(cluster_ids),
        category=CATEGORY,
        event_key=f"meeting-notes:{notes.pk}:sent",
        subject=subject(f"Please check the notes of {meeting.title}"),
        body=(
            f"{actor.name} has written the notes of “{meeting.title}”. Please confirm them "
            f"for your cluster, or ask for corrections, by {check_by:%-d %B %Y}."
        ),
        url=_url(meeting),
        actor=actor,
    )
    return notes


@transaction.atomic
def notes_answer(*, actor, check: ClusterCheck, answer: str, comment: str = "") -> ClusterCheck:
    """A cluster confirms the notes, or asks for corrections (with a comment)."""
    notes = _locked(check.notes)
    meeting = notes.meeting
    if notes.is_circulated:
        raise MeetingError(
            f"These notes were circulated on {timezone.localtime(notes.circulated_at):%-d %B %Y}: "
            "answers are closed. Write to the author if something is still wrong."
        )
    check = ClusterCheck.objects.select_for_update().select_related("cluster").get(pk=check.pk)
    check.notes = notes
    require(rules.may_answer_check(actor, check))
    if answer not in (ClusterCheck.Answer.CONFIRMED, ClusterCheck.Answer.CORRECTIONS):
        raise MeetingError("Choose whether to confirm the notes or ask for corrections.")
    comment = text(
        comment, "corrections", required=answer == ClusterCheck.Answer.CORRECTIONS, max_length=4000
    )
    now = timezone.now()
    check.answer, check.comment, check.version = answer, comment, notes.version
    check.answered_by, check.answered_at = actor, now
    check.save()
    step = (
        NotesEvent.Step.CONFIRMED
        if answer == ClusterCheck.Answer.CONFIRMED
        else NotesEvent.Step.CORRECTIONS
    )
    _event(notes, step, actor=actor, cluster=check.cluster, comment=comment, at=now)
    audit(
        actor,
        f"meetings.notes.{step}",
        notes,
        {"cluster": check.cluster_id, "version": notes.version},
        la=meeting.project.la_id,
    )
    asked = check.wants_corrections
    notify(
        recipients=[notes.author_id],
        category=CATEGORY,
        event_key=f"meeting-notes:{notes.pk}:check:{check.pk}:{check.answered_at.timestamp()}",
        subject=subject(
            f"{check.cluster.name} {'asks for corrections to' if asked else 'confirmed'} "
            f"the notes of {meeting.title}"
        ),
        body=comment or f"{check.cluster.name} confirmed version {notes.version}.",
        url=_url(meeting),
        actor=actor,
    )
    if not notes.checks.exclude(answer=ClusterCheck.Answer.CONFIRMED).exists():
        circulate(notes, now=now, actor=actor)
    return check
