"""Writes for initiatives, projects and enquiry questions.

Every function is keyword-only and atomic, checks permission itself (raising
PermissionDenied, which views turn into 403/404), writes its EnquiryEvent (the
review thread and audit trail) in the same transaction, and creates notifications
in that transaction too, so a rolled-back change tells nobody. Emails go out after
commit (notifications.services.notify queues them with delay_on_commit).

Where each level's question hangs (its *home parent*):

- national key questions: none; they belong to the initiative, numbered 1..n;
- the LA research question: none either. An LA answers to the initiative's key
  questions as a whole, and says which ones through links (`enquiry_link`);
- a cluster question: its project's LA question;
- a school question: its cluster's question.

A question can only be written once its home parent exists.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone
from django.utils.text import Truncator

from networks.models import Role, RoleAssignment, User
from notifications.models import Notification
from notifications.services import notify

from . import rules as enquiry_rules
from .models import (
    AlignmentRating,
    AlignmentReview,
    ClusterParticipation,
    EcmOutcome,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Initiative,
    NetworkingKind,
    Project,
    QuestionRevision,
    SchoolParticipation,
)

Level = Enquiry.Level
Status = Enquiry.Status
Kind = EnquiryEvent.Kind

# Lower is higher up: a question may only serve questions above it.
LEVEL_RANK: dict[str, int] = {Level.NATIONAL: 0, Level.LA: 1, Level.CLUSTER: 2, Level.SCHOOL: 3}


class EnquiryError(Exception):
    """A refusal the person can read and act on, e.g. "It is with the reviewers"."""


# --- Initiatives, projects, participations ----------------------------------


@transaction.atomic
def initiative_create(
    *,
    actor: User,
    name: str,
    sponsors: str = "",
    description: str = "",
    starts_on=None,
    ends_on=None,
    las: Iterable = (),
    key_questions: Sequence[str] = (),
) -> Initiative:
    """A national initiative with its key questions, agreed from the start (KQ1..KQn)."""
    if not enquiry_rules.may_create_initiative(actor):
        raise PermissionDenied
    name = name.strip()
    if not name:
        raise EnquiryError("Give the initiative a name.")
    if Initiative.objects.filter(name__iexact=name).exists():
        raise EnquiryError(f"There is already an initiative called “{name}”.")
    initiative = Initiative.objects.create(
        name=name, sponsors=sponsors, description=description, starts_on=starts_on, ends_on=ends_on
    )
    initiative.participating_las.set(las)
    questions = [text.strip() for text in key_questions if text.strip()]
    for position, text in enumerate(questions, start=1):
        _create_enquiry(
            actor=actor,
            level=Level.NATIONAL,
            initiative=initiative,
            position=position,
            text=text,
            # The key questions are the initiative's starting point, not a draft.
            status=Status.AGREED,
        )
    return initiative


@transaction.atomic
def project_create(
    *,
    actor: User,
    initiative: Initiative,
    la,
    title: str,
    development_focus: str,
    starts_on=None,
    ends_on=None,
    question: str = "",
    rationale: str = "",
) -> Project:
    """An LA's project inside an initiative, with its LA research question if given."""
    if not enquiry_rules.may_create_project(actor, initiative, la):
        raise PermissionDenied
    if not initiative.participating_las.filter(pk=la.pk).exists():
        raise EnquiryError(f"{la.name} does not take part in {initiative.name}.")
    if Project.objects.filter(initiative=initiative, la=la).exists():
        raise EnquiryError(f"{la.name} already has a project in {initiative.name}.")
    if starts_on and ends_on and ends_on < starts_on:
        raise EnquiryError("The project cannot end before it starts.")
    try:
        # A savepoint: two co-leaders setting up the LA's project at once meet the
        # one-project-per-LA constraint, and the second is told, not shown an error page.
        with transaction.atomic():
            project = Project.objects.create(
                initiative=initiative,
                la=la,
                title=title.strip(),
                development_focus=development_focus,
                starts_on=starts_on,
                ends_on=ends_on,
            )
    except IntegrityError as error:
        raise EnquiryError(f"{la.name} already has a project in {initiative.name}.") from error
    if question.strip():
        _create_enquiry(
            actor=actor,
            level=Level.LA,
            initiative=initiative,
            project=project,
            text=question.strip(),
            rationale=rationale,
        )
    return project


@transaction.atomic
def cluster_join_project(
    *,
    actor: User,
    project: Project,
    cluster,
    ecm_outcomes: Iterable[str] = (),
    networking_kinds: Iterable[str] = (),
) -> ClusterParticipation:
    """Bring a cluster into an LA project (the co-leaders choose their clusters)."""
    if not enquiry_rules.may_manage_project(actor, project):
        raise PermissionDenied
    outcomes = _valid_choices(ecm_outcomes, EcmOutcome, "ECM outcome")
    kinds = _valid_choices(networking_kinds, NetworkingKind, "kind of networking")
    if ClusterParticipation.objects.filter(project=project, cluster=cluster).exists():
        raise EnquiryError(f"{cluster.name} is already in this project.")
    try:
        with transaction.atomic():  # a savepoint, for the same race as project_create
            return ClusterParticipation.objects.create(
                project=project,
                cluster=cluster,
                ecm_outcomes=outcomes,
                networking_kinds=kinds,
                joined_on=timezone.localdate(),
            )
    except IntegrityError as error:
        raise EnquiryError(f"{cluster.name} is already in this project.") from error


@transaction.atomic
def school_join_cluster(
    *, actor: User, cluster_participation: ClusterParticipation, school, teacher_name: str = ""
) -> SchoolParticipation:
    """Bring one of the cluster's schools (or one teacher there) into its enquiry work."""
    if not enquiry_rules.may_manage_cluster_participation(actor, cluster_participation):
        raise PermissionDenied
    cluster = cluster_participation.cluster
    if not cluster.memberships.active().filter(school=school).exists():
        raise EnquiryError(f"{school.name} is not a member of {cluster.name}.")
    teacher_name = teacher_name.strip()
    if SchoolParticipation.objects.filter(
        cluster_participation=cluster_participation, school=school, teacher_name=teacher_name
    ).exists():
        raise EnquiryError(f"{school.name} already takes part in this cluster's work.")
    return SchoolParticipation.objects.create(
        cluster_participation=cluster_participation, school=school, teacher_name=teacher_name
    )


@transaction.atomic
def cluster_participation_update(
    *,
    actor: User,
    cluster_participation: ClusterParticipation,
    ecm_outcomes: Iterable[str] = (),
    networking_kinds: Iterable[str] = (),
) -> ClusterParticipation:
    """Change a cluster's ECM focus and kinds of networking in the project."""
    if not enquiry_rules.may_manage_project(actor, cluster_participation.project):
        raise PermissionDenied
    cluster_participation.ecm_outcomes = _valid_choices(ecm_outcomes, EcmOutcome, "ECM outcome")
    cluster_participation.networking_kinds = _valid_choices(
        networking_kinds, NetworkingKind, "kind of networking"
    )
    cluster_participation.save(update_fields=["ecm_outcomes", "networking_kinds"])
    return cluster_participation


@transaction.atomic
def project_assign_facilitator(*, project: Project, user: User, actor: User) -> RoleAssignment:
    """Make an officer of another LA an LA-to-LA facilitator of this project.

    Facilitation is peer support from outside: someone who is an officer of the
    project's own LA is refused even if they hold a role elsewhere too.
    """
    if not enquiry_rules.may_assign_facilitator(actor, project):
        raise PermissionDenied
    if not user.is_active:
        raise EnquiryError(f"{user} no longer has an account here.")
    officer_roles = RoleAssignment.objects.current().filter(
        user=user, role__in=enquiry_rules.LA_OFFICER_ROLES
    )
    if officer_roles.filter(la_id=project.la_id).exists():
        raise EnquiryError(
            f"{user} is an officer of {project.la.name}. "
            "An LA-to-LA facilitator comes from another LA."
        )
    if not officer_roles.exclude(la_id=project.la_id).exists():
        raise EnquiryError(f"{user} is not an LA co-leader or LA officer in another LA.")
    facilitating = RoleAssignment.objects.current().filter(
        user=user, role=Role.LA_FACILITATOR, project=project
    )
    if facilitating.exists():
        raise EnquiryError(f"{user} already facilitates this project.")
    try:
        # A savepoint: two people assigning the same person at once meet the
        # one-current-role constraint, and the loser gets a message.
        with transaction.atomic():
            assignment = RoleAssignment.objects.create(
                user=user, role=Role.LA_FACILITATOR, project=project, granted_by=actor
            )
    except IntegrityError as error:
        raise EnquiryError(f"{user} already facilitates this project.") from error
    notify(
        recipients=[user],
        actor=actor,
        category=Notification.Category.ACCOUNT,
        event_key=f"role-assignment:{assignment.pk}",
        subject=_subject(f"You are now an LA-to-LA facilitator of {project.la.name}'s project"),
        body=(
            f"{actor} asked you to facilitate “{project.title}”, {project.la.name}'s project "
            f"in {project.initiative.name}. You can now see the project, review its "
            "questions and their alignment, and comment on them."
        ),
        url=project.get_absolute_url(),
    )
    return assignment


@transaction.atomic
def project_end_facilitation(*, assignment: RoleAssignment, actor: User) -> RoleAssignment:
    """End an LA-to-LA facilitator's assignment to a project (kept on record, dated)."""
    project = assignment.project
    if assignment.role != Role.LA_FACILITATOR or project is None:
        raise ValueError("project_end_facilitation needs an LA-to-LA facilitator assignment")
    if not enquiry_rules.may_assign_facilitator(actor, project):
        raise PermissionDenied
    # Conditional UPDATE: of two people ending it at once, one ends it, one is told.
    ended = RoleAssignment.objects.filter(pk=assignment.pk, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    if not ended:
        raise EnquiryError(f"{assignment.user} no longer facilitates this project.")
    assignment.refresh_from_db(fields=["ended_on"])
    notify(
        recipients=[assignment.user_id],
        actor=actor,
        category=Notification.Category.ACCOUNT,
        event_key=f"role-assignment:{assignment.pk}:ended",
        subject=_subject(f"Your facilitation of {project.la.name}'s project has ended"),
        body=f"{actor} ended your role as LA-to-LA facilitator of “{project.title}”.",
        url="",
    )
    return assignment


def _valid_choices(values: Iterable[str], choices, what: str) -> list[str]:
    values = list(dict.fromkeys(values))  # keep order, drop repeats
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        raise EnquiryError(f"Unknown {what}: {', '.join(unknown)}.")
    return values


# --- Enquiry questions -------------------------------------------------------


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
    if not enquiry_rules.may_edit_enquiry(actor, draft):
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
            return _create_enquiry(
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


def _create_enquiry(
    *, actor, text: str, rationale: str = "", status=Status.DRAFT, **fields
) -> Enquiry:
    enquiry = Enquiry.objects.create(status=status, **fields)
    revision = QuestionRevision.objects.create(
        enquiry=enquiry, number=1, text=text, rationale=rationale, author=actor
    )
    enquiry.current_revision = revision
    enquiry.save(update_fields=["current_revision"])
    EnquiryEvent.objects.create(
        enquiry=enquiry, kind=Kind.CREATED, actor=actor, revision=revision, comment=rationale
    )
    return enquiry


def _lock(enquiry: Enquiry) -> None:
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


def _move(enquiry: Enquiry, status: str) -> None:
    enquiry.status = status
    enquiry.status_changed_at = timezone.now()
    enquiry.save(update_fields=["status", "status_changed_at"])


def _event(enquiry: Enquiry, kind: str, actor, comment: str = "", revision=None) -> EnquiryEvent:
    return EnquiryEvent.objects.create(
        enquiry=enquiry,
        kind=kind,
        actor=actor,
        revision=revision if revision is not None else enquiry.current_revision,
        comment=comment,
    )


def _announce(event: EnquiryEvent, *, recipients, category: str, subject: str, body: str) -> None:
    """Notify people of an event on an enquiry: once each, never the person who acted."""
    notify(
        recipients=recipients,
        actor=event.actor,
        category=category,
        event_key=f"enquiry-event:{event.pk}",
        subject=_subject(subject),
        body=body,
        url=_url(event.enquiry),
    )


@transaction.atomic
def enquiry_revise(
    *, enquiry: Enquiry, actor: User, text: str, rationale: str = ""
) -> QuestionRevision:
    """Append a new wording. Reopens an agreed question; refused while under review."""
    if not enquiry_rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    _lock(enquiry)
    if enquiry.status == Status.SUBMITTED:
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
    event = _event(enquiry, Kind.REVISED, actor, comment=rationale, revision=revision)
    if enquiry.status == Status.AGREED:
        _move(enquiry, Status.DRAFT)
        _event(enquiry, Kind.REOPENED, actor, revision=revision)
    if old is not None:
        _notify_stale_reviews(enquiry=enquiry, old_revision=old, event=event, actor=actor)
    return revision


def _notify_stale_reviews(*, enquiry: Enquiry, old_revision, event: EnquiryEvent, actor) -> None:
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
    label = _label(enquiry)
    assert event.revision is not None  # the REVISED event records its revision
    _announce(
        event,
        recipients=User.objects.filter(pk__in=reviewer_ids, is_active=True),
        category=Notification.Category.ALIGNMENT,
        subject=f"Alignment review out of date: {label} has a new revision",
        body=(
            f"{actor} revised {label} (revision {event.revision.number}), so your alignment "
            f"review of it is out of date. The new wording:\n\n{event.revision.text}"
        ),
    )


@transaction.atomic
def enquiry_submit(*, enquiry: Enquiry, actor: User, comment: str = "") -> EnquiryEvent:
    """Send the current revision to the reviewers."""
    if not enquiry_rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    _lock(enquiry)
    if enquiry.status == Status.SUBMITTED:
        raise EnquiryError("It is already with the reviewers.")
    if enquiry.status == Status.AGREED:
        raise EnquiryError("It is already agreed. Revise it to reopen it.")
    _move(enquiry, Status.SUBMITTED)
    event = _event(enquiry, Kind.SUBMITTED, actor, comment=comment.strip())
    label = _label(enquiry)
    _announce(
        event,
        recipients=_reviewers(enquiry),
        category=Notification.Category.REVIEW,
        subject=f"Please review: {label}",
        body=_body(f"{actor} submitted {label} for review.", enquiry, event.comment),
    )
    return event


@transaction.atomic
def enquiry_request_changes(*, enquiry: Enquiry, actor: User, comment: str) -> EnquiryEvent:
    """Send the question back to its owners, saying what to change."""
    if not enquiry_rules.may_review_enquiry(actor, enquiry):
        raise PermissionDenied
    comment = comment.strip()
    if not comment:
        raise EnquiryError("Say what should change.")
    _lock(enquiry)
    if enquiry.status != Status.SUBMITTED:
        raise EnquiryError(_not_submitted(enquiry))
    _move(enquiry, Status.CHANGES_REQUESTED)
    event = _event(enquiry, Kind.CHANGES_REQUESTED, actor, comment=comment)
    label = _label(enquiry)
    _announce(
        event,
        recipients=_owners(enquiry),
        category=Notification.Category.REVIEW,
        subject=f"Changes requested: {label}",
        body=_body(f"{actor} asked for changes to {label}.", enquiry, comment),
    )
    return event


@transaction.atomic
def enquiry_agree(*, enquiry: Enquiry, actor: User, comment: str = "") -> EnquiryEvent:
    """Agree the submitted revision."""
    if not enquiry_rules.may_review_enquiry(actor, enquiry):
        raise PermissionDenied
    _lock(enquiry)
    if enquiry.status != Status.SUBMITTED:
        raise EnquiryError(_not_submitted(enquiry))
    _move(enquiry, Status.AGREED)
    event = _event(enquiry, Kind.AGREED, actor, comment=comment.strip())
    label = _label(enquiry)
    _announce(
        event,
        recipients=_owners(enquiry),
        category=Notification.Category.REVIEW,
        subject=f"Agreed: {label}",
        body=_body(f"{actor} agreed {label}.", enquiry, event.comment),
    )
    return event


def _not_submitted(enquiry: Enquiry) -> str:
    if enquiry.status == Status.AGREED:
        return "It has already been agreed."
    return "It has not been submitted for review; only a submitted question can be decided."


@transaction.atomic
def enquiry_comment(*, enquiry: Enquiry, actor: User, text: str) -> EnquiryEvent:
    """Add to the review thread; everyone who owns or reviews the question hears of it."""
    if not enquiry_rules.sees_enquiry(actor, enquiry):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise EnquiryError("Write a comment.")
    event = _event(enquiry, Kind.COMMENTED, actor, comment=text)
    label = _label(enquiry)
    _announce(
        event,
        recipients=_owners(enquiry) | _reviewers(enquiry),
        category=Notification.Category.COMMENT,
        subject=f"New comment on {label}",
        body=f"{actor} wrote:\n\n{text}",
    )
    return event


# --- Links and alignment -----------------------------------------------------


@transaction.atomic
def enquiry_link(*, enquiry: Enquiry, target: Enquiry, actor: User) -> EnquiryLink:
    """Record that the enquiry also serves `target`, a question above it."""
    if not enquiry_rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    if target.initiative_id != enquiry.initiative_id:
        raise EnquiryError("A question can only serve questions in its own initiative.")
    if LEVEL_RANK[target.level] >= LEVEL_RANK[enquiry.level]:
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
    _event(enquiry, Kind.LINKED, actor, comment=f"Serves {_label(target)}")
    return link


@transaction.atomic
def enquiry_unlink(*, enquiry: Enquiry, target: Enquiry, actor: User) -> None:
    """Stop linking the enquiry to `target`. Past alignment reviews stay on record."""
    if not enquiry_rules.may_edit_enquiry(actor, enquiry):
        raise PermissionDenied
    deleted, _ = EnquiryLink.objects.filter(enquiry=enquiry, target=target).delete()
    if not deleted:
        raise EnquiryError("It is not linked to that question.")
    _event(enquiry, Kind.UNLINKED, actor, comment=f"No longer serves {_label(target)}")


@transaction.atomic
def alignment_review_create(
    *, enquiry: Enquiry, target: Enquiry, actor: User, rating: str, comment: str = ""
) -> AlignmentReview:
    """Judge how well the enquiry's current wording serves the target's current wording."""
    if not enquiry_rules.may_review_enquiry(actor, enquiry):
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
    _lock(enquiry)
    # Read the target's pointer fresh: the review records exactly what was compared.
    target_revision_id = (
        Enquiry.objects.filter(pk=target.pk).values_list("current_revision_id", flat=True).get()
    )
    if enquiry.current_revision is None or target_revision_id is None:
        raise EnquiryError("Both questions need a wording before their alignment can be reviewed.")
    review = AlignmentReview.objects.create(
        enquiry=enquiry,
        target=target,
        reviewer=actor,
        revision=enquiry.current_revision,
        target_revision_id=target_revision_id,
        rating=rating,
        comment=comment.strip(),
    )
    event = _event(
        enquiry,
        Kind.ALIGNMENT_REVIEWED,
        actor,
        comment=f"{AlignmentRating(rating).label} with {_label(target)}"
        + (f": {review.comment}" if review.comment else ""),
    )
    label = _label(enquiry)
    _announce(
        event,
        recipients=_owners(enquiry),
        category=Notification.Category.ALIGNMENT,
        subject=f"Alignment reviewed: {label}",
        body=_body(
            f"{actor} rated {label} “{AlignmentRating(rating).label}” against {_label(target)}.",
            enquiry,
            review.comment,
        ),
    )
    return review


# --- Recipients and message text ---------------------------------------------


def _holders(roles: Q):
    return User.objects.filter(
        is_active=True, pk__in=RoleAssignment.objects.current().filter(roles).values("user_id")
    )


def _owners(enquiry: Enquiry):
    return _holders(enquiry_rules.owner_roles(enquiry))


def _reviewers(enquiry: Enquiry):
    has_facilitators = (
        enquiry.level != Level.NATIONAL
        and RoleAssignment.objects.current()
        .filter(role=Role.NATIONAL_FACILITATOR, initiative_id=enquiry.initiative_id)
        .exists()
    )
    return _holders(
        enquiry_rules.reviewer_roles(enquiry, has_initiative_facilitators=has_facilitators)
    )


def _label(enquiry: Enquiry) -> str:
    """'Key question 2', 'the Essex LA question', 'the Harlow cluster question'."""
    if enquiry.level == Level.NATIONAL:
        return f"Key question {enquiry.position}"
    # The check constraint enquiry_level_matches_its_owner guarantees the owner.
    if enquiry.level == Level.LA:
        assert enquiry.project is not None
        return f"the {enquiry.project.la.name} LA question"
    if enquiry.level == Level.CLUSTER:
        assert enquiry.cluster_participation is not None
        return f"the {enquiry.cluster_participation.cluster.name} question"
    return f"the {enquiry.school_participation} question"


def _subject(text: str) -> str:
    return Truncator(text).chars(cast(int, Notification._meta.get_field("subject").max_length))


def _body(opening: str, enquiry: Enquiry, comment: str = "") -> str:
    parts = [opening]
    revision = enquiry.current_revision
    if revision is not None:
        parts.append(f"The question (revision {revision.number}):\n{revision.text}")
    if comment:
        parts.append(f"Comment:\n{comment}")
    return "\n\n".join(parts)


def _url(enquiry: Enquiry) -> str:
    return enquiry.get_absolute_url()
