"""Writing enquiry questions and moving them through review.

Each function is keyword-only and atomic, checks permission itself (raising
PermissionDenied), writes its EnquiryEvent (the review thread people read) and its
AuditEntry (the record of every change) in the same transaction, and creates
notifications in that transaction too, so a rolled-back change tells nobody.

Where each level's question hangs (its *home parent*):

- national key questions: none; they belong to the initiative, numbered 1..n;
- the LA research question: none either. An LA answers to the initiative's key
  questions as a whole, and says which ones through links (`enquiry_link`);
- a cluster question: its project's LA question;
- a school question: its cluster's question.

A question can only be written once its home parent exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from networks.audit import audit
from networks.models import User
from notifications.models import Notification

from .. import rules
from ..models import (
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    Initiative,
    Level,
    Project,
    QuestionRevision,
    SchoolParticipation,
)
from ._common import EnquiryError, announce, body, la_of

Status = Enquiry.Status
Kind = EnquiryEvent.Kind


def create_first_revision(
    *, actor, text: str, rationale: str = "", status=Status.DRAFT, **fields
) -> Enquiry:
    """The enquiry row, its revision 1, its CREATED event and audit entry."""
    enquiry = Enquiry.objects.create(status=status, **fields)
    revision = QuestionRevision.objects.create(
        enquiry=enquiry, number=1, text=text, rationale=rationale, author=actor
    )
    enquiry.current_revision = revision
    enquiry.save(update_fields=["current_revision"])
    EnquiryEvent.objects.create(
        enquiry=enquiry, kind=Kind.CREATED, actor=actor, revision=revision, comment=rationale
    )
    audit(
        actor,
        "enquiries.question.created",
        enquiry,
        {"level": enquiry.level, "status": status, "text": text},
        la=la_of(enquiry),
    )
    return enquiry


@transaction.atomic
def enquiry_create(
    *,
    actor: User,
    text: str,
    rationale: str = "",
    project: Project | None = None,
    cluster_participation: ClusterParticipation | None = None,
    school_participation: SchoolParticipation | None = None,
    initiative: Initiative | None = None,
) -> Enquiry:
    """A new question at the level of the most specific owner given, in draft.

    `initiative` alone adds a further national key question (numbered after the
    last one).
    """
    if school_participation is not None:
        cluster_participation = school_participation.cluster_participation
    if cluster_participation is not None:
        project = cluster_participation.project
    if project is not None:
        initiative = project.initiative
    if initiative is None:
        raise ValueError("enquiry_create needs a project, participation or initiative")

    if school_participation is not None:
        level = Level.SCHOOL
    elif cluster_participation is not None:
        level = Level.CLUSTER
    elif project is not None:
        level = Level.LA
    else:
        level = Level.NATIONAL

    # Check permission on the question as it would be, before touching anything.
    draft = Enquiry(
        level=level,
        initiative=initiative,
        project=project,
        cluster_participation=cluster_participation,
        school_participation=school_participation,
    )
    if not rules.may_edit_enquiry(actor, draft):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise EnquiryError("Write the question.")

    parent = None
    position = 0
    if level == Level.NATIONAL:
        last = Enquiry.objects.filter(initiative=initiative, level=Level.NATIONAL).aggregate(
            last=Max("position")
        )["last"]
        position = (last or 0) + 1
    elif level == Level.LA:
        if Enquiry.objects.filter(level=Level.LA, project=project).exists():
            raise EnquiryError("This project already has its LA research question.")
    elif level == Level.CLUSTER:
        if Enquiry.objects.filter(
            level=Level.CLUSTER, cluster_participation=cluster_participation
        ).exists():
            raise EnquiryError("This cluster already has its enquiry question.")
        parent = Enquiry.objects.filter(level=Level.LA, project=project).first()
        if parent is None:
            raise EnquiryError(
                "The LA research question must be written before a cluster question, "
                "so the cluster question has something to align with."
            )
    else:
        if Enquiry.objects.filter(
            level=Level.SCHOOL, school_participation=school_participation
        ).exists():
            raise EnquiryError("This school already has its enquiry question.")
        parent = Enquiry.objects.filter(
            level=Level.CLUSTER, cluster_participation=cluster_participation
        ).first()
        if parent is None:
            raise EnquiryError(
                "The cluster's question must be written before a school question, "
                "so the school question has something to align with."
            )
    try:
        # A savepoint, so a lost race on the one-question-per-owner constraints
        # leaves the outer transaction usable and the person gets a message.
        with transaction.atomic():
            return create_first_revision(
                actor=actor,
                level=level,
                initiative=initiative,
                project=project,
                cluster_participation=cluster_participation,
                school_participation=school_participation,
                parent=parent,
                position=position,
                text=text,
                rationale=rationale,
            )
    except IntegrityError as error:
        raise EnquiryError("Someone has just written this question; reload the page.") from error


def lock(enquiry: Enquiry) -> None:
    """Lock the enquiry row and refresh the caller's copy of its workflow fields.

    Two reviewers pressing "Agree" and "Request changes" at once are serialised
    here, and the second sees the first's status (a no-op lock on SQLite, whose
    writers are serialised anyway).
    """
    status, current_revision_id, status_changed_at = (
        Enquiry.objects.select_for_update()
        .filter(pk=enquiry.pk)
        .values_list("status", "current_revision_id", "status_changed_at")
        .get()
    )
    if current_revision_id != enquiry.current_revision_id:
        enquiry.current_revision = QuestionRevision.objects.get(pk=current_revision_id)
    enquiry.status = status
    enquiry.status_changed_at = status_changed_at


def _move(enquiry: Enquiry, status: str, *, actor, action: str, comment: str = "") -> None:
    """Change the status, recording the change in the audit log."""
    before = enquiry.status
    enquiry.status = status
    enquiry.status_changed_at = timezone.now()
    enquiry.save(update_fields=["status", "status_changed_at"])
    changes: dict[str, object] = {"status": [before, status]}
    if comment:
        changes["comment"] = comment
    audit(actor, action, enquiry, changes, la=la_of(enquiry))


def event(enquiry: Enquiry, kind: str, actor, comment: str = "", revision=None) -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry=enquiry,
        kind=kind,
        actor=actor,
        revision=revision if revision is not None else enquiry.current_revision,
        comment=comment,
    )


@transaction.atomic
def enquiry_revise(
    *, enquiry: Enquiry, actor: User, text: str, rationale: str = ""
) -> QuestionRevision:
    """Append a new wording. Reopens an agreed question; refused while under review."""
    if not rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    lock(enquiry)
    if not enquiry.can_be_revised:
        raise EnquiryError("It is with the reviewers; wait for their decision before revising it.")
    text = text.strip()
    old = enquiry.current_revision
    if not text:
        raise EnquiryError("Write the question.")
    if old is not None and text == old.text:
        raise EnquiryError("The question is unchanged; change its wording to make a new revision.")

    # Numbered from the last revision, not the current pointer: the row lock above
    # makes this safe, and the unique constraint backs it up.
    last = enquiry.revisions.aggregate(last=Max("number"))["last"] or 0
    revision = QuestionRevision.objects.create(
        enquiry=enquiry, number=last + 1, text=text, rationale=rationale, author=actor
    )
    enquiry.current_revision = revision
    enquiry.save(update_fields=["current_revision"])
    revised = event(enquiry, Kind.REVISED, actor, comment=rationale, revision=revision)
    audit(
        actor,
        "enquiries.question.revised",
        enquiry,
        {"revision": revision.number, "text": [old.text if old else "", text]},
        la=la_of(enquiry),
    )
    if enquiry.is_agreed:
        _move(enquiry, Status.DRAFT, actor=actor, action="enquiries.question.reopened")
        event(enquiry, Kind.REOPENED, actor, revision=revision)
    if old is not None:
        _notify_stale_reviews(enquiry=enquiry, old_revision=old, revised=revised, actor=actor)
    return revision


def _notify_stale_reviews(*, enquiry: Enquiry, old_revision, revised: EnquiryEvent, actor) -> None:
    """Tell reviewers whose judgement this revision has just made stale.

    Only reviews that were current a moment ago: ones already stale from an earlier
    revision on either side were reported then.
    """
    just_stale = AlignmentReview.objects.filter(
        Q(enquiry=enquiry, revision=old_revision, target_revision=F("target__current_revision"))
        | Q(target=enquiry, target_revision=old_revision, revision=F("enquiry__current_revision"))
    )
    reviewer_ids = set(just_stale.values_list("reviewer_id", flat=True))
    if not reviewer_ids:
        return
    assert revised.revision is not None  # the REVISED event records its revision
    announce(
        revised,
        recipients=User.objects.filter(pk__in=reviewer_ids, is_active=True),
        category=Notification.Category.ALIGNMENT,
        title=f"Alignment review out of date: {enquiry.described} has a new revision",
        text=(
            f"{actor} revised {enquiry.described} (revision {revised.revision.number}), so "
            f"your alignment review of it is out of date. The new wording:\n\n"
            f"{revised.revision.text}"
        ),
    )


@transaction.atomic
def enquiry_submit(*, enquiry: Enquiry, actor: User, comment: str = "") -> EnquiryEvent:
    """Send the current revision to the reviewers."""
    if not rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    lock(enquiry)
    if enquiry.is_with_reviewers:
        raise EnquiryError("It is already with the reviewers.")
    if enquiry.is_agreed:
        raise EnquiryError("It is already agreed. Revise it to reopen it.")
    comment = comment.strip()
    _move(enquiry, Status.SUBMITTED, actor=actor, action="enquiries.question.submitted")
    submitted = event(enquiry, Kind.SUBMITTED, actor, comment=comment)
    announce(
        submitted,
        recipients=rules.reviewers_of(enquiry),
        category=Notification.Category.REVIEW,
        title=f"Please review: {enquiry.described}",
        text=body(f"{actor} submitted {enquiry.described} for review.", enquiry, comment),
    )
    return submitted


@transaction.atomic
def enquiry_withdraw(*, enquiry: Enquiry, actor: User, comment: str = "") -> EnquiryEvent:
    """Take a submitted question back to draft before the reviewers decide (to change
    its wording, say). The reviewers are told they need not look at it."""
    if not rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    lock(enquiry)
    if not enquiry.can_be_withdrawn:
        if enquiry.is_agreed:
            raise EnquiryError("It has already been agreed. Revise it to reopen it.")
        raise EnquiryError("It is not with the reviewers, so there is nothing to withdraw.")
    comment = comment.strip()
    _move(
        enquiry, Status.DRAFT, actor=actor, action="enquiries.question.withdrawn", comment=comment
    )
    withdrawn = event(enquiry, Kind.WITHDRAWN, actor, comment=comment)
    announce(
        withdrawn,
        recipients=rules.reviewers_of(enquiry),
        category=Notification.Category.REVIEW,
        title=f"Withdrawn from review: {enquiry.described}",
        text=body(
            f"{actor} took {enquiry.described} back to draft before a decision. "
            "There is nothing to review until it is submitted again.",
            enquiry,
            comment,
        ),
    )
    return withdrawn


@transaction.atomic
def enquiry_request_changes(*, enquiry: Enquiry, actor: User, comment: str) -> EnquiryEvent:
    """Send the question back to its owners, saying what to change."""
    if not rules.may_review_enquiry(actor, enquiry):
        raise PermissionDenied
    comment = comment.strip()
    if not comment:
        raise EnquiryError("Say what should change.")
    lock(enquiry)
    if not enquiry.can_be_decided:
        raise EnquiryError(_not_submitted(enquiry))
    _move(
        enquiry,
        Status.CHANGES_REQUESTED,
        actor=actor,
        action="enquiries.question.changes_requested",
        comment=comment,
    )
    requested = event(enquiry, Kind.CHANGES_REQUESTED, actor, comment=comment)
    announce(
        requested,
        recipients=rules.owners_of(enquiry),
        category=Notification.Category.REVIEW,
        title=f"Changes requested: {enquiry.described}",
        text=body(f"{actor} asked for changes to {enquiry.described}.", enquiry, comment),
    )
    return requested


@transaction.atomic
def enquiry_agree(*, enquiry: Enquiry, actor: User, comment: str = "") -> EnquiryEvent:
    """Agree the submitted revision."""
    if not rules.may_review_enquiry(actor, enquiry):
        raise PermissionDenied
    lock(enquiry)
    if not enquiry.can_be_decided:
        raise EnquiryError(_not_submitted(enquiry))
    comment = comment.strip()
    _move(enquiry, Status.AGREED, actor=actor, action="enquiries.question.agreed", comment=comment)
    agreed = event(enquiry, Kind.AGREED, actor, comment=comment)
    announce(
        agreed,
        recipients=rules.owners_of(enquiry),
        category=Notification.Category.REVIEW,
        title=f"Agreed: {enquiry.described}",
        text=body(f"{actor} agreed {enquiry.described}.", enquiry, comment),
    )
    return agreed


def _not_submitted(enquiry: Enquiry) -> str:
    if enquiry.is_agreed:
        return "It has already been agreed."
    return "It has not been submitted for review; only a submitted question can be decided."


@transaction.atomic
def enquiry_comment(*, enquiry: Enquiry, actor: User, text: str) -> EnquiryEvent:
    """Add to the review thread; everyone who owns or reviews the question hears of it."""
    if not rules.sees_enquiry(actor, enquiry):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise EnquiryError("Write a comment.")
    commented = event(enquiry, Kind.COMMENTED, actor, comment=text)
    audit(actor, "enquiries.question.commented", enquiry, {"comment": text}, la=la_of(enquiry))
    announce(
        commented,
        recipients=rules.owners_of(enquiry) | rules.reviewers_of(enquiry),
        category=Notification.Category.COMMENT,
        title=f"New comment on {enquiry.described}",
        text=f"{actor} wrote:\n\n{text}",
    )
    return commented
