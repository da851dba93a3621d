"""What is waiting on a person: the review queue and the enquiry part of "My work"."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, QuerySet, When

from ..models import AlignmentReview, Enquiry
from ._common import (
    ENQUIRY_RELATED,
    STALE_REVIEW_RELATED,
    page_with_related,
    stale_reviews_by,
    with_related,
)
from .logs import logs_due_for, recent_archive_for

Status = Enquiry.Status

# --- Review queue and "my work" ----------------------------------------------


def awaiting_review(user) -> QuerySet[Enquiry]:
    """Submitted questions this person may decide, the longest-waiting first."""
    return (
        Enquiry.objects.filter(status=Status.SUBMITTED)
        .reviewable_by(user)
        .select_related(*ENQUIRY_RELATED)  # the lists show no initiative
        .order_by("status_changed_at", "pk")
    )


@dataclass
class ReviewQueue:
    awaiting: Page
    stale: Page


def review_queue(user, *, page_number, stale_page_number) -> ReviewQueue:
    """Queries: a count and a page for each of the two lists."""
    size = settings.PAGE_SIZE
    return ReviewQueue(
        awaiting=Paginator(awaiting_review(user), size).get_page(page_number),
        stale=page_with_related(
            stale_reviews_by(user), STALE_REVIEW_RELATED, stale_page_number, size
        ),
    )


@dataclass
class EnquiryWork:
    """What needs this person's attention on enquiry questions, for "My work"."""

    own_questions: list[Enquiry]  # the questions they write, those needing them first
    awaiting_review: list[Enquiry]
    awaiting_review_count: int
    stale_reviews: list[AlignmentReview]
    stale_review_count: int
    # What the plans ask of them (selectors.plans.PlanWork), set by the panel.
    plans: Any = None
    # Reflective logs and the research archive (selectors/logs.py).
    logs_due: list = field(default_factory=list)
    recent_archive: list = field(default_factory=list)

    @property
    def to_act_on(self) -> list[Enquiry]:
        """Their drafts, and questions sent back with changes requested."""
        return [e for e in self.own_questions if e.awaits_owner]

    @property
    def is_empty(self) -> bool:
        return not (self.own_questions or self.awaiting_review_count or self.stale_review_count)


_OWN_QUESTION_ORDER = Case(
    When(status=Status.CHANGES_REQUESTED, then=0),
    When(status=Status.DRAFT, then=1),
    When(status=Status.SUBMITTED, then=2),
    default=3,
)


MY_WORK_LIMIT = 5


def enquiry_work_for(user, *, limit: int = MY_WORK_LIMIT) -> EnquiryWork:
    """Queries: the person's own open questions; a count and the first few of each list;
    the projects whose log entry is due, and the newest archive additions (one each)."""
    own_questions = list(
        Enquiry.objects.owned_by(user)
        .select_related(*ENQUIRY_RELATED)  # the lists show no initiative
        # Changes requested first (the reviewers are waiting), then drafts, then
        # questions with the reviewers, then agreed ones.
        .order_by(_OWN_QUESTION_ORDER, "status_changed_at", "pk")[:20]
    )
    awaiting = awaiting_review(user)
    stale = stale_reviews_by(user)
    return EnquiryWork(
        own_questions=own_questions,
        awaiting_review=list(awaiting[:limit]),
        awaiting_review_count=awaiting.count(),
        stale_reviews=with_related(list(stale[:limit]), STALE_REVIEW_RELATED),
        stale_review_count=stale.count(),
        logs_due=logs_due_for(user),
        recent_archive=recent_archive_for(user),
    )
