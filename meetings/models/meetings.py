"""Meetings of a project: the kinds the seeds held, when and where, who came, what
was on the agenda, and which papers from the project's research archive went with it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from .. import access_q


class MeetingKind(models.TextChoices):
    THINK_TANK = "think_tank", "Think tank"
    CORE_CONTACT = "core_contact", "Core contact meeting"
    CONFERENCE = "conference", "Conference"
    SURGERY = "surgery", "Surgery (a pair of clusters)"
    CLUSTER_MEETING = "cluster_meeting", "Cluster meeting"
    NETWORK_WORKSHOP = "network_workshop", "Network workshop"
    DEVELOPMENT_DAY = "development_day", "Development day"
    STRATEGIC_GROUP = "strategic_group", "Strategic group"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user) -> MeetingQuerySet:
        return self.filter(access_q.visible_meetings(user))

    def managed_by(self, user) -> MeetingQuerySet:
        return self.filter(access_q.managed_meetings(user))


class Meeting(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(max_length=30, choices=MeetingKind.choices)
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    link = models.URLField(max_length=500, blank=True)
    clusters = models.ManyToManyField("networks.Cluster", related_name="meetings", blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings", blank=True
    )
    agenda = models.TextField(blank=True)
    papers = models.ManyToManyField("enquiries.ArchiveItem", related_name="meetings", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["project", "starts_at"], name="meeting_project_start")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_surgery(self) -> bool:
        return self.kind == MeetingKind.SURGERY
