"""Links between questions, and alignment reviews along them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from networks.audit import audit
from networks.models import User
from notifications.models import Notification

from .. import rules
from ..models import AlignmentRating, AlignmentReview, Enquiry, EnquiryLink, Level
from ._common import EnquiryError, announce, body, la_of
from .questions import Kind, event, lock


@transaction.atomic
def enquiry_link(*, enquiry: Enquiry, target: Enquiry, actor: User) -> EnquiryLink:
    """Record that the enquiry also serves `target`, a question above it."""
    if not rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    if target.initiative_id != enquiry.initiative_id:
        raise EnquiryError("A question can only serve questions in its own initiative.")
    if target.rank >= enquiry.rank:
        raise EnquiryError("A question can only serve questions at a level above it.")
    if target.level != Level.NATIONAL and target.project_id != enquiry.project_id:
        raise EnquiryError(
            "A question can serve the national key questions and the questions above it "
            "in its own LA project, not another LA's."
        )
    if target.pk == enquiry.parent_id:
        raise EnquiryError("It already serves that question: it is the question it answers to.")
    try:
        with transaction.atomic():
            link = EnquiryLink.objects.create(enquiry=enquiry, target=target, created_by=actor)
    except IntegrityError as error:
        raise EnquiryError("It is already linked to that question.") from error
    event(enquiry, Kind.LINKED, actor, comment=f"Serves {target.described}")
    audit(actor, "enquiries.question.linked", enquiry, {"target": target.pk}, la=la_of(enquiry))
    return link


@transaction.atomic
def enquiry_unlink(*, enquiry: Enquiry, target: Enquiry, actor: User) -> None:
    """Stop linking the enquiry to `target`. Past alignment reviews stay on record."""
    if not rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    deleted, _ = EnquiryLink.objects.filter(enquiry=enquiry, target=target).delete()
    if not deleted:
        raise EnquiryError("It is not linked to that question.")
    event(enquiry, Kind.UNLINKED, actor, comment=f"No longer serves {target.described}")
    audit(actor, "enquiries.question.unlinked", enquiry, {"target": target.pk}, la=la_of(enquiry))


@transaction.atomic
def alignment_review_create(
    *, enquiry: Enquiry, target: Enquiry, actor: User, rating: str, comment: str = ""
) -> AlignmentReview:
    """Judge how well the enquiry's current wording serves the target's current wording."""
    if not rules.may_review_enquiry(actor, enquiry):
        raise PermissionDenied
    if rating not in AlignmentRating.values:
        raise EnquiryError("Choose how well the questions align.")
    is_served = target.pk == enquiry.parent_id or (
        EnquiryLink.objects.filter(enquiry=enquiry, target=target).exists()
    )
    if not is_served:
        raise EnquiryError(
            "Alignment is reviewed against the question this one answers to or a question "
            "it is linked to."
        )
    lock(enquiry)
    # Read the target's pointer fresh: the review records exactly what was compared.
    target_revision_id = (
        Enquiry.objects.filter(pk=target.pk).values_list("current_revision_id", flat=True).get()
    )
    if enquiry.current_revision is None or target_revision_id is None:
        raise EnquiryError("Both questions need a wording before their alignment can be reviewed.")
    # The enquiry is locked: no other review of this pair is being added meanwhile.
    AlignmentReview.objects.filter(enquiry=enquiry, target=target, is_latest=True).update(
        is_latest=False
    )
    review = AlignmentReview.objects.create(
        enquiry=enquiry,
        target=target,
        reviewer=actor,
        revision=enquiry.current_revision,
        target_revision_id=target_revision_id,
        rating=rating,
        comment=comment.strip(),
        is_latest=True,
    )
    label = AlignmentRating(rating).label
    reviewed = event(
        enquiry,
        Kind.ALIGNMENT_REVIEWED,
        actor,
        comment=f"{label} with {target.described}"
        + (f": {review.comment}" if review.comment else ""),
    )
    audit(
        actor,
        "enquiries.alignment.reviewed",
        review,
        {"enquiry": enquiry.pk, "target": target.pk, "rating": rating, "comment": review.comment},
        la=la_of(enquiry),
    )
    announce(
        reviewed,
        recipients=rules.owners_of(enquiry),
        category=Notification.Category.ALIGNMENT,
        title=f"Alignment reviewed: {enquiry.described}",
        text=body(
            f"{actor} rated {enquiry.described} “{label}” against {target.described}.",
            enquiry,
            review.comment,
        ),
    )
    return review
