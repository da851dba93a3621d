"""Baselines set at the outset, per cluster, and progress reviews against them."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from networks.audit import audit
from networks.models import User

from .. import rules
from ..models import Baseline, ProgressReview
from ._common import EvidenceError, line, past_date, rating, require, text


@transaction.atomic
def baseline_record(
    *,
    actor: User,
    participation,
    aspect: str,
    narrative: str,
    described_on,
    rating_value=None,
) -> Baseline:
    """A cluster's starting point on one aspect (once per aspect)."""
    require(rules.writes_baseline(actor, participation))
    aspect = line(aspect, "aspect")
    if participation.baselines.filter(aspect__iexact=aspect).exists():
        raise EvidenceError(
            f"{participation.cluster.name} already has a baseline for “{aspect}”: "
            "add a progress review to it instead."
        )
    try:
        with transaction.atomic():
            baseline = Baseline.objects.create(
                project=participation.project,
                cluster_participation=participation,
                aspect=aspect,
                narrative=text(narrative, "description of the starting point"),
                rating=rating(rating_value),
                described_on=past_date(described_on, "date of the baseline"),
                recorded_by=actor,
            )
    except IntegrityError as error:
        raise EvidenceError(f"There is already a baseline for “{aspect}”.") from error
    audit(
        actor,
        "evidence.baseline.recorded",
        baseline,
        {
            "cluster": participation.cluster_id,
            "aspect": aspect,
            "rating": baseline.rating,
            "described_on": baseline.described_on,
        },
        la=participation.project.la,
    )
    return baseline


@transaction.atomic
def progress_review_record(
    *, actor: User, baseline: Baseline, narrative: str, reviewed_on, rating_value=None
) -> ProgressReview:
    """Progress against a baseline, on a date after it was set."""
    require(rules.writes_baseline(actor, baseline.cluster_participation))
    reviewed_on = past_date(reviewed_on, "date of the review")
    if reviewed_on < baseline.described_on:
        raise EvidenceError("A progress review cannot come before the baseline it reviews.")
    review = ProgressReview.objects.create(
        baseline=baseline,
        reviewed_on=reviewed_on,
        narrative=text(narrative, "description of progress"),
        rating=rating(rating_value),
        recorded_by=actor,
    )
    audit(
        actor,
        "evidence.review.recorded",
        review,
        {"baseline": baseline.pk, "rating": review.rating, "reviewed_on": reviewed_on},
        la=baseline.project.la,
    )
    return review
