"""One question's page: what it serves and what serves it, its thread and revisions."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import (
    AlignmentReview,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Level,
    Project,
    QuestionRevision,
)
from ._common import ENQUIRY_RELATED, latest_reviews

# --- One enquiry ---------------------------------------------------------------


@dataclass
class Served:
    """A question this enquiry answers to (home parent or link), or one answering to it."""

    enquiry: Enquiry
    review: AlignmentReview | None
    is_home: bool


@dataclass
class EnquiryPage:
    enquiry: Enquiry
    serves: list[Served]  # home parent first, then links
    served_by: list[Served]  # questions answering to this one
    events: list[EnquiryEvent]
    revisions: list[QuestionRevision]


def serves_of(enquiry: Enquiry) -> list[Served]:
    """Its home parent, then the questions it links to, each with its latest review.

    Queries: the questions; their reviews.
    """
    # A subquery for the links, not a join: no duplicate rows, so no DISTINCT over
    # every joined column; the order is set below.
    targets = list(
        Enquiry.objects.filter(
            Q(pk=enquiry.parent_id)
            | Q(pk__in=EnquiryLink.objects.filter(enquiry=enquiry).values("target_id"))
        )
        .select_related(*ENQUIRY_RELATED)
        .order_by()
    )
    targets.sort(key=lambda e: (e.pk != enquiry.parent_id, e.rank, e.position, e.pk))
    reviews = latest_reviews(enquiry_ids=[enquiry.pk])
    serves = [
        Served(enquiry=t, review=reviews.get((enquiry.pk, t.pk)), is_home=t.pk == enquiry.parent_id)
        for t in targets
    ]
    return serves


def enquiry_page(enquiry: Enquiry) -> EnquiryPage:
    """Queries: what it serves (2); what serves it (2); the thread; the revisions."""
    serves = serves_of(enquiry)
    children = list(
        Enquiry.objects.filter(
            Q(parent=enquiry)
            | Q(pk__in=EnquiryLink.objects.filter(target=enquiry).values("enquiry_id"))
        )
        .select_related(*ENQUIRY_RELATED)
        .order_by()
    )
    children.sort(key=lambda e: (e.rank, e.label.casefold(), e.pk))
    # Their reviews against this question, bare: the questions are loaded, and this
    # list shows no reviewer.
    known = {c.pk: c for c in children}
    known[enquiry.pk] = enquiry
    child_reviews = latest_reviews(
        enquiry_ids=[c.pk for c in children], target_ids=[enquiry.pk], known=known
    )
    served_by = [
        Served(
            enquiry=c,
            review=child_reviews.get((c.pk, enquiry.pk)),
            is_home=c.parent_id == enquiry.pk,
        )
        for c in children
    ]
    events = list(enquiry.events.select_related("actor", "revision"))
    revisions = list(enquiry.revisions.select_related("author").order_by("number"))
    return EnquiryPage(
        enquiry=enquiry, serves=serves, served_by=served_by, events=events, revisions=revisions
    )


def link_candidates(enquiry: Enquiry) -> QuerySet[Enquiry]:
    """Questions above this one it could also serve: key questions, and its own project's."""
    above = Level.above(enquiry.level)
    return (
        Enquiry.objects.filter(initiative_id=enquiry.initiative_id, level__in=above)
        .filter(Q(level=Level.NATIONAL) | Q(project_id=enquiry.project_id))
        .exclude(pk=enquiry.parent_id or 0)
        .exclude(linked_from__enquiry=enquiry)
        .select_related(*ENQUIRY_RELATED)
        .order_by("level", "position", "pk")
    )


def served_target(enquiry: Enquiry, target_pk) -> Enquiry | None:
    """The home parent or a linked question with this pk, loaded for labels; else None."""
    return (
        Enquiry.objects.filter(pk=target_pk)
        .filter(Q(pk=enquiry.parent_id or 0) | Q(linked_from__enquiry=enquiry))
        .select_related(*ENQUIRY_RELATED)
        .first()
    )


def questions_above(project: Project, level: str) -> list[Enquiry]:
    """For a new question at `level` in `project`: the questions it could answer to."""
    above = Level.above(level)[1:]  # the national key questions are added below
    questions = list(
        Enquiry.objects.filter(
            Q(initiative_id=project.initiative_id, level=Level.NATIONAL)
            | Q(project=project, level__in=above)
        ).select_related(*ENQUIRY_RELATED)
    )
    # The nearest level first: that is the home parent.
    questions.sort(key=lambda e: (-e.rank, e.position, e.pk))
    return questions
