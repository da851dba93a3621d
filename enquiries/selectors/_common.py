"""What the enquiry selectors share: what to join so labels cost no query, and the
newest alignment review of each pair of questions (one query, never one per pair)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet

from .. import access_q
from ..models import AlignmentReview, Enquiry

Pair = tuple[int, int]

# Everything Enquiry.label reads, so a label costs no query.
LABEL_RELATED = ("project__la", "cluster_participation__cluster", "school_participation__school")
ENQUIRY_RELATED = ("current_revision", *LABEL_RELATED)


def related(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in ENQUIRY_RELATED]


# --- Latest alignment reviews ------------------------------------------------


def latest_reviews(
    *,
    enquiry_ids: Iterable[int],
    target_ids: Iterable[int] | None = None,
    known: Mapping[Any, Enquiry] | None = None,
) -> dict[Pair, AlignmentReview]:
    """The newest review of each (enquiry, target) pair (`is_latest`), in one query.

    Enquiry and target come joined in, so `review.is_stale` costs nothing. A page
    that has the questions loaded already passes them as `known`: only reviews of
    pairs of known questions are read, bare, and given those questions (no joins,
    a third of the objects; the reviewer is then not loaded).
    """
    if known is not None:
        targets = set(known) if target_ids is None else set(target_ids) & set(known)
        bare = AlignmentReview.objects.filter(
            enquiry_id__in=[pk for pk in enquiry_ids if pk in known], target_id__in=targets
        ).filter(is_latest=True)
        found = {}
        for review in bare:
            review.enquiry = known[review.enquiry_id]
            review.target = known[review.target_id]
            found[review.enquiry_id, review.target_id] = review
        return found
    reviews = AlignmentReview.objects.filter(enquiry_id__in=list(enquiry_ids))
    if target_ids is not None:
        reviews = reviews.filter(target_id__in=list(target_ids))
    reviews = reviews.filter(is_latest=True).select_related("enquiry", "target", "reviewer")
    return {(review.enquiry_id, review.target_id): review for review in reviews}


def stale_q(prefix: str = "") -> Q:
    """Reviews where either side has a newer revision than the one judged."""
    return ~Q(**{f"{prefix}revision_id": F(f"{prefix}enquiry__current_revision_id")}) | ~Q(
        **{f"{prefix}target_revision_id": F(f"{prefix}target__current_revision_id")}
    )


STALE_REVIEW_RELATED = ("reviewer", *related("enquiry"), *related("target"))


def stale_reviews_by(user) -> QuerySet[AlignmentReview]:
    """Pairs whose newest review is this person's and is out of date, oldest first.

    Only pairs the person may still review: someone who has moved on is not asked.
    Bare rows: load the ones shown with `with_related` (see there for why).
    """
    return (
        AlignmentReview.objects.filter(reviewer=user, is_latest=True)
        .filter(stale_q())
        .filter(access_q.reviewable_enquiries(user, "enquiry__"))
        .order_by("created_at", "pk")
    )


def with_related(rows, relations: Iterable[str]) -> list:
    """The same rows, in order, reloaded with their related objects in one query.

    For long filtered lists (a national facilitator may have hundreds of stale
    reviews): joining a dozen tables for every match before sorting and cutting to
    one page costs far more than picking the page on bare rows and joining only it.
    """
    ids = [row.pk for row in rows]
    if not ids:
        return []
    found = type(rows[0]).objects.select_related(*relations).in_bulk(ids)
    return [found[pk] for pk in ids]


def page_with_related(queryset, relations, page_number, size) -> Page:
    page = Paginator(queryset, size).get_page(page_number)
    page.object_list = with_related(list(page.object_list), relations)
    return page
