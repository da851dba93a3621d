"""Reflective (research) logs: entries by anyone taking part in a project, the
project's logging cadence, and each person's reminder settings.

Who reads an entry follows its visibility (enquiries/access_q_logs.py is the
definition, enquiries/rules_logs.py mirrors it).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .. import access_q_logs
from ..longtext import refuse_control_characters_in_text
from .files import StoredFile


class LogVisibility(models.TextChoices):
    PRIVATE = "private", "Only me"
    CLUSTER = "cluster", "My cluster"
    PROJECT = "project", "The whole project"


class LogEntryQuerySet(models.QuerySet["LogEntry"]):
    def visible_to(self, user) -> LogEntryQuerySet:
        return self.filter(access_q_logs.visible_log_entries(user))


class LogEntry(models.Model):
    """One entry in someone's reflective log for a project."""

    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="log_entries"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="log_entries"
    )
    # The author's cluster in the project the entry is written from, if any; an entry
    # shared with "my cluster" has one.
    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_entries",
    )
    written_on = models.DateField("date")
    text = models.TextField(validators=[refuse_control_characters_in_text])
    tags = models.JSONField(default=list, blank=True)
    visibility = models.CharField(
        max_length=10, choices=LogVisibility.choices, default=LogVisibility.PROJECT
    )
    # When it was written: what counts for the logging period (in Europe/London).
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LogEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "log entries"
        constraints = [
            models.CheckConstraint(
                name="cluster_log_entry_has_its_cluster",
                condition=~Q(visibility="cluster") | Q(cluster__isnull=False),
            ),
        ]
        indexes = [
            # The project's log page, newest first; and "has this person written this
            # period?" (the reminder sweep and the home page).
            models.Index(fields=["project", "-created_at"], name="log_entry_project_newest"),
            models.Index(
                fields=["author", "project", "created_at"], name="log_entry_author_period"
            ),
        ]

    def __str__(self) -> str:
        return f"Log entry by {self.author} on {self.written_on:%d %B %Y}"

    @property
    def is_for_its_cluster(self) -> bool:
        """Shared with its cluster only (the list names the cluster)."""
        return self.visibility == LogVisibility.CLUSTER


class LogAttachment(StoredFile):
    """A document, photo, audio or video file kept with one log entry (the clusters'
    audio-visual logs). Read by whoever reads the entry."""

    entry = models.ForeignKey(LogEntry, on_delete=models.CASCADE, related_name="attachments")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.filename


class LogCadence(models.TextChoices):
    WEEKLY = "weekly", "Weekly"
    FORTNIGHTLY = "fortnightly", "Fortnightly"
    MONTHLY = "monthly", "Monthly"
    OFF = "off", "Off (no reminders)"


# A project with no LogSchedule row logs monthly.
DEFAULT_LOG_CADENCE = LogCadence.MONTHLY


class LogSchedule(models.Model):
    """How often a project's people are asked to write in their reflective logs."""

    project = models.OneToOneField(
        "enquiries.Project",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="log_schedule",
    )
    cadence = models.CharField(max_length=12, choices=LogCadence.choices)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.project}: {self.get_cadence_display()}"


class LogReminderPreference(models.Model):
    """One person's reminder settings (no row: reminded, not snoozed)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="log_reminder_preference",
    )
    opted_out = models.BooleanField("no log reminders", default=False)
    # No reminder before this day (London); cleared by choosing "remind me again".
    snoozed_until = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Log reminders for {self.user}"
