"""Baselines and progress reviews: much of the clusters' work resists numbers, so
each cluster sets a qualitative baseline at the outset (for example, the state of
its multi-agency relationships) and later reviews describe progress against it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from networks.validators import refuse_control_characters

from .. import access_q


class Rating(models.IntegerChoices):
    """An optional judgement beside the narrative, never instead of it."""

    NOT_YET = 1, "1 – not yet in place"
    EMERGING = 2, "2 – emerging"
    DEVELOPING = 3, "3 – developing"
    ESTABLISHED = 4, "4 – established"
    EMBEDDED = 5, "5 – embedded"


class BaselineQuerySet(models.QuerySet["Baseline"]):
    def visible_to(self, user) -> BaselineQuerySet:
        return self.filter(access_q.visible_project_records(user))


class Baseline(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="evidence_baselines"
    )
    cluster_participation = models.ForeignKey(
        "enquiries.ClusterParticipation", on_delete=models.CASCADE, related_name="baselines"
    )
    aspect = models.CharField(
        max_length=150,
        validators=[refuse_control_characters],
        help_text="What the baseline describes, e.g. the state of multi-agency relationships",
    )
    narrative = models.TextField()
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    described_on = models.DateField("date")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BaselineQuerySet.as_manager()

    class Meta:
        ordering = ["cluster_participation__cluster__name", "aspect", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_participation", "aspect"], name="evidence_baseline_aspect_once"
            ),
            models.CheckConstraint(
                name="evidence_baseline_rating_1_to_5",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return self.aspect


class ProgressReview(models.Model):
    baseline = models.ForeignKey(Baseline, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField("date")
    narrative = models.TextField()
    rating = models.PositiveSmallIntegerField(choices=Rating.choices, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["baseline", "reviewed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="evidence_review_rating_1_to_5",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.baseline} on {self.reviewed_on:%d %B %Y}"
