"""LA-to-LA facilitation as it happens: visits by a project's facilitating officer,
and peer reviews of a project."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from networks.validators import refuse_control_characters

from .. import access_q
from .base import BrokerageRecord, RecordQuerySet


class FacilitationVisitQuerySet(RecordQuerySet):
    def visible_to(self, user) -> FacilitationVisitQuerySet:
        return self.filter(access_q.visible_visits(user))


class FacilitationVisit(BrokerageRecord):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.PROTECT, related_name="facilitation_visits"
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitation_visits"
    )
    visited_on = models.DateField("date of visit")
    purpose = models.CharField(max_length=200, validators=[refuse_control_characters])
    report = models.TextField("short report")

    objects = FacilitationVisitQuerySet.as_manager()

    class Meta:
        ordering = ["-visited_on", "-pk"]

    def __str__(self) -> str:
        return f"Visit to {self.project} on {self.visited_on:%d %b %Y}"


class PeerReviewQuerySet(RecordQuerySet):
    def visible_to(self, user) -> PeerReviewQuerySet:
        return self.filter(access_q.visible_peer_reviews(user))


class PeerReview(BrokerageRecord):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.PROTECT, related_name="peer_reviews"
    )
    reviewed_on = models.DateField("date of review")
    reviewers = models.CharField(
        "review team",
        max_length=300,
        validators=[refuse_control_characters],
        help_text="Names and LAs of the peer reviewers",
    )
    focus = models.CharField(max_length=200, validators=[refuse_control_characters])
    findings = models.TextField()
    recommendations = models.TextField(blank=True)

    objects = PeerReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"Peer review of {self.project}: {self.focus}"
