"""A case-study report being built: one row per request, moved on by the build task.

The row, not the Celery message, is the source of truth (as for the outbox,
networks/outbox.py): the task claims the row with a conditional UPDATE that sets a
lease (`claimed_at`, `claim_expires_at`) and counts the attempt, writes its progress
as it goes, and finishes it in the transaction that files the PDF in the project's
research archive. A worker killed mid-build leaves the row claimed; once the lease
runs out the every-minute sweep (reports.tasks.sweep_report_builds) queues it again.

A finished build keeps the sections it printed as HTML (`sections_html`): the
case-study page shows the latest finished build from it, so the page reads one row
instead of collecting every section, and says what that build's PDF says.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.safestring import SafeString, mark_safe


class ReportBuildQuerySet(models.QuerySet["ReportBuild"]):
    def unfinished(self) -> ReportBuildQuerySet:
        return self.filter(status__in=ReportBuild.UNFINISHED)

    def finished(self) -> ReportBuildQuerySet:
        return self.filter(status=ReportBuild.Status.DONE)


class ReportBuild(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        BUILDING = "building", "Being built"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    UNFINISHED = (Status.QUEUED, Status.BUILDING)

    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="report_builds"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="report_builds"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField("progress (%)", default=0)
    # What the build is doing now, in words ("Brokerage"), for the progress bar.
    step = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    # The lease (see the module docstring).
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The archive version the finished PDF became.
    version = models.ForeignKey(
        "enquiries.ArchiveFileVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The sections as the build rendered them (templates/reports/_sections.html, with
    # autoescape, from the project's records): what its PDF prints and the page shows.
    # Empty for builds made before the page kept them, and until a build finishes.
    sections_html = models.TextField(blank=True, editable=False)

    objects = ReportBuildQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One build at a time per project: a second request finds the first.
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status__in=["queued", "building"]),
                name="one_unfinished_report_build_per_project",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="report_build_progress_percent"
            ),
        ]
        indexes = [
            models.Index(
                fields=["claim_expires_at"],
                condition=Q(status__in=["queued", "building"]),
                name="report_build_unfinished",
            ),
        ]

    def __str__(self) -> str:
        return f"Case study of {self.project} ({self.get_status_display().lower()})"

    # State, for services and templates alike.
    @property
    def is_unfinished(self) -> bool:
        return self.status in self.UNFINISHED

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def has_failed(self) -> bool:
        return self.status == self.Status.FAILED

    @property
    def is_queued(self) -> bool:
        return self.status == self.Status.QUEUED

    @property
    def has_snapshot(self) -> bool:
        return bool(self.sections_html)

    @property
    def snapshot(self) -> SafeString:
        """The stored sections, for the page. Safe to print as they are: our own
        templates rendered them with autoescape on (reports.services), every value
        from people's input escaped there; nothing else writes this field."""
        return mark_safe(self.sections_html)
