"""Notes of a meeting and the seeds' way of agreeing them: the consultant drafts, the
attending clusters check (confirm, or ask for corrections), the consultant revises,
and the notes are circulated to every cluster in the project (and filed in its
research archive) once all have confirmed, or when the deadline passes with no
correction still open. Every version is kept; every step is a NotesEvent (the
history on the meeting page) as well as an audit entry."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from .. import access_q

LONDON = ZoneInfo("Europe/London")


class MeetingNotesQuerySet(models.QuerySet["MeetingNotes"]):
    def readable_by(self, user) -> MeetingNotesQuerySet:
        return self.filter(access_q.readable_notes(user))


class MeetingNotes(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        CHECKING = "checking", "With the clusters to check"
        CIRCULATED = "circulated", "Circulated"

    meeting = models.OneToOneField(
        "meetings.Meeting", on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_notes"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    text = models.TextField()  # the current version's text
    version = models.PositiveIntegerField(default=1)
    # The clusters check by the end of this day (Europe/London).
    check_by = models.DateField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The reminder for the current deadline; cleared when the deadline moves.
    reminded_at = models.DateTimeField(null=True, blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    archived_version = models.ForeignKey(
        "enquiries.ArchiveFileVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingNotesQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "meeting notes"
        indexes = [models.Index(fields=["state", "check_by"], name="notes_state_check_by")]

    def __str__(self) -> str:
        return f"Notes of {self.meeting}"

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    @property
    def is_checking(self) -> bool:
        return self.state == self.State.CHECKING

    @property
    def is_circulated(self) -> bool:
        return self.state == self.State.CIRCULATED

    @property
    def deadline(self) -> dt.datetime | None:
        """The moment checking ends: midnight (London) after `check_by`."""
        if self.check_by is None:
            return None
        return dt.datetime.combine(self.check_by + dt.timedelta(days=1), dt.time(), LONDON)


class NotesVersion(models.Model):
    notes = models.ForeignKey(MeetingNotes, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    change_note = models.CharField(max_length=300, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["notes", "number"]
        constraints = [
            models.UniqueConstraint(fields=["notes", "number"], name="notes_version_number")
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class ClusterCheck(models.Model):
    """One attending cluster's check of the notes."""

    class Answer(models.TextChoices):
        WAITING = "waiting", "Not answered yet"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTIONS = "corrections", "Asked for corrections"

    notes = models.ForeignKey(MeetingNotes, on_delete=models.CASCADE, related_name="checks")
    cluster = models.ForeignKey("networks.Cluster", on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=20, choices=Answer.choices, default=Answer.WAITING)
    comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(null=True, blank=True)  # the version answered
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["notes", "cluster__name"]
        constraints = [
            models.UniqueConstraint(fields=["notes", "cluster"], name="one_check_per_cluster")
        ]

    def __str__(self) -> str:
        return f"{self.cluster} — {self.get_answer_display()}"

    @property
    def is_waiting(self) -> bool:
        return self.answer == self.Answer.WAITING

    @property
    def is_confirmed(self) -> bool:
        return self.answer == self.Answer.CONFIRMED

    @property
    def wants_corrections(self) -> bool:
        return self.answer == self.Answer.CORRECTIONS


class NotesEvent(models.Model):
    """One step of the notes' history, as the meeting page shows it."""

    class Step(models.TextChoices):
        DRAFTED = "drafted", "Drafted"
        REVISED = "revised", "Revised"
        SENT = "sent", "Sent to the clusters to check"
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTIONS = "corrections", "Asked for corrections"
        REMINDED = "reminded", "Reminded the clusters"
        CIRCULATED = "circulated", "Circulated to every cluster"
        ARCHIVED = "archived", "Filed in the research archive"

    notes = models.ForeignKey(MeetingNotes, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=20, choices=Step.choices)
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cluster = models.ForeignKey(
        "networks.Cluster", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["notes", "at", "pk"]

    def __str__(self) -> str:
        return self.get_step_display()
