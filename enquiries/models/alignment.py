"""Alignment reviews: how well one question serves a question above it."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .questions import Enquiry, QuestionRevision


class AlignmentRating(models.TextChoices):
    ALIGNED = "aligned", "Aligned"
    MOSTLY = "mostly", "Mostly aligned"
    PARTLY = "partly", "Partly aligned"
    NOT_ALIGNED = "not_aligned", "Not aligned"


_RATING_LABELS: dict[str, str] = dict(AlignmentRating.choices)


class AlignmentReview(models.Model):
    """A judgement of how well one revision serves a linked question's revision.

    Stale when either side has a newer revision; that is derived, never stored.
    `is_latest` marks each pair's newest review (by created_at, then id), kept by
    the one service that adds reviews, so pages find the newest reviews with an
    index rather than comparing every review with every other of its pair.
    """

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="alignment_reviews")
    target = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.ForeignKey(QuestionRevision, on_delete=models.PROTECT, related_name="+")
    target_revision = models.ForeignKey(
        QuestionRevision, on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(max_length=12, choices=AlignmentRating.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    is_latest = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["enquiry", "target", "-created_at"]),
            models.Index(
                fields=["reviewer", "created_at"],
                condition=models.Q(is_latest=True),
                name="review_latest_by_reviewer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.enquiry_id} → {self.target_id})"

    def get_rating_display(self) -> str:  # type: ignore[no-redef]
        # A dict built once (Django's own rebuilds one from the choices every call).
        return _RATING_LABELS.get(self.rating, self.rating)

    @property
    def is_stale(self) -> bool:
        return (
            self.revision_id != self.enquiry.current_revision_id
            or self.target_revision_id != self.target.current_revision_id
        )
