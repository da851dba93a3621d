"""Setting up the levels: initiatives, LA projects, the clusters and schools taking
part, and who facilitates them.

Every function is keyword-only and atomic, checks permission itself (raising
PermissionDenied), refuses with an EnquiryError the person can act on, and writes
its audit entry in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from networks.audit import audit
from networks.models import RoleAssignment, User
from notifications.models import Notification
from notifications.services import notify

from .. import rules
from ..models import (
    ClusterParticipation,
    EcmOutcome,
    Enquiry,
    Facilitation,
    Initiative,
    Level,
    NetworkingKind,
    Project,
    SchoolParticipation,
)
from ._common import EnquiryError, subject
from .archive import archive_categories_seed
from .questions import create_first_revision


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
    if not rules.may_create_initiative(actor):
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
        create_first_revision(
            actor=actor,
            level=Level.NATIONAL,
            initiative=initiative,
            position=position,
            text=text,
            # The key questions are the initiative's starting point, not a draft.
            status=Enquiry.Status.AGREED,
        )
    audit(
        actor,
        "enquiries.initiative.created",
        initiative,
        {
            "name": name,
            "las": sorted(la.pk if hasattr(la, "pk") else la for la in las),
            "key_questions": len(questions),
        },
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
    if not rules.may_create_project(actor, initiative, la):
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
    audit(
        actor,
        "enquiries.project.created",
        project,
        {"initiative": initiative.pk, "title": project.title, "starts_on": starts_on},
        la=la,
    )
    # Its research archive starts with the categories every project uses.
    archive_categories_seed(project=project, actor=actor)
    if question.strip():
        create_first_revision(
            actor=actor,
            level=Level.LA,
            initiative=initiative,
            project=project,
            text=question.strip(),
            rationale=rationale,
        )
    return project


@transaction.atomic
def project_update(
    *,
    actor: User,
    project: Project,
    development_focus: str,
    status: str,
    starts_on=None,
    ends_on=None,
) -> dict:
    """Change a project's development focus, dates or status after it is set up.

    Returns what changed ({field: [before, after]}); nothing changed writes nothing.
    """
    if not rules.may_manage_project(actor, project):
        raise PermissionDenied
    development_focus = development_focus.strip()
    if not development_focus:
        raise EnquiryError("Describe the development focus: what the LA and its clusters will do.")
    if status not in Project.Status.values:
        raise EnquiryError("Choose the project's status.")
    if starts_on and ends_on and ends_on < starts_on:
        raise EnquiryError("The project cannot end before it starts.")
    after = {
        "development_focus": development_focus,
        "status": status,
        "starts_on": starts_on,
        "ends_on": ends_on,
    }
    changes = {
        field: [getattr(project, field), value]
        for field, value in after.items()
        if getattr(project, field) != value
    }
    if not changes:
        return {}
    for field, (_before, value) in changes.items():
        setattr(project, field, value)
    project.save(update_fields=list(changes))
    audit(actor, "enquiries.project.changed", project, changes, la=project.la_id)
    return changes


def _valid_choices(values: Iterable[str], choices, what: str) -> list[str]:
    values = list(dict.fromkeys(values))  # keep order, drop repeats
    unknown = [value for value in values if value not in choices.values]
    if unknown:
        raise EnquiryError(f"Unknown {what}: {', '.join(unknown)}.")
    return values


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
    if not rules.may_manage_project(actor, project):
        raise PermissionDenied
    outcomes = _valid_choices(ecm_outcomes, EcmOutcome, "ECM outcome")
    kinds = _valid_choices(networking_kinds, NetworkingKind, "kind of networking")
    if ClusterParticipation.objects.filter(project=project, cluster=cluster).exists():
        raise EnquiryError(f"{cluster.name} is already in this project.")
    try:
        with transaction.atomic():  # a savepoint, for the same race as project_create
            participation = ClusterParticipation.objects.create(
                project=project,
                cluster=cluster,
                ecm_outcomes=outcomes,
                networking_kinds=kinds,
                joined_on=timezone.localdate(),
            )
    except IntegrityError as error:
        raise EnquiryError(f"{cluster.name} is already in this project.") from error
    audit(
        actor,
        "enquiries.participation.created",
        participation,
        {"project": project.pk, "cluster": cluster.pk, "ecm_outcomes": outcomes},
        la=project.la_id,
    )
    return participation


@transaction.atomic
def school_join_cluster(
    *, actor: User, cluster_participation: ClusterParticipation, school, teacher_name: str = ""
) -> SchoolParticipation:
    """Bring one of the cluster's schools (or one teacher there) into its enquiry work."""
    if not rules.may_manage_cluster_participation(actor, cluster_participation):
        raise PermissionDenied
    cluster = cluster_participation.cluster
    if not cluster.memberships.active().filter(school=school).exists():
        raise EnquiryError(f"{school.name} is not a member of {cluster.name}.")
    teacher_name = teacher_name.strip()
    if SchoolParticipation.objects.filter(
        cluster_participation=cluster_participation, school=school, teacher_name=teacher_name
    ).exists():
        raise EnquiryError(f"{school.name} already takes part in this cluster's work.")
    school_participation = SchoolParticipation.objects.create(
        cluster_participation=cluster_participation, school=school, teacher_name=teacher_name
    )
    audit(
        actor,
        "enquiries.school_participation.created",
        school_participation,
        {"participation": cluster_participation.pk, "school": school.pk, "teacher": teacher_name},
        la=cluster_participation.project.la_id,
    )
    return school_participation


@transaction.atomic
def cluster_participation_update(
    *,
    actor: User,
    cluster_participation: ClusterParticipation,
    ecm_outcomes: Iterable[str] = (),
    networking_kinds: Iterable[str] = (),
) -> ClusterParticipation:
    """Change a cluster's ECM focus and kinds of networking in the project."""
    if not rules.may_manage_project(actor, cluster_participation.project):
        raise PermissionDenied
    before = {
        "ecm_outcomes": cluster_participation.ecm_outcomes,
        "networking_kinds": cluster_participation.networking_kinds,
    }
    cluster_participation.ecm_outcomes = _valid_choices(ecm_outcomes, EcmOutcome, "ECM outcome")
    cluster_participation.networking_kinds = _valid_choices(
        networking_kinds, NetworkingKind, "kind of networking"
    )
    cluster_participation.save(update_fields=["ecm_outcomes", "networking_kinds"])
    after = {
        "ecm_outcomes": cluster_participation.ecm_outcomes,
        "networking_kinds": cluster_participation.networking_kinds,
    }
    audit(
        actor,
        "enquiries.participation.focus_changed",
        cluster_participation,
        {key: [before[key], after[key]] for key in after if before[key] != after[key]},
        la=cluster_participation.project.la_id,
    )
    return cluster_participation


# --- Facilitation ----------------------------------------------------------------------


@transaction.atomic
def project_assign_facilitator(*, project: Project, user: User, actor: User) -> Facilitation:
    """Make an officer of another LA an LA-to-LA facilitator of this project.

    Facilitation is peer support from outside: someone who is an officer of the
    project's own LA is refused even if they hold a role elsewhere too.
    """
    if not rules.may_assign_facilitator(actor, project):
        raise PermissionDenied
    if not user.is_active:
        raise EnquiryError(f"{user} no longer has an account here.")
    officer_roles = RoleAssignment.objects.current().filter(
        user=user, role__in=rules.LA_OFFICER_ROLES
    )
    if officer_roles.filter(la_id=project.la_id).exists():
        raise EnquiryError(
            f"{user} is an officer of {project.la.name}. "
            "An LA-to-LA facilitator comes from another LA."
        )
    if not officer_roles.exclude(la_id=project.la_id).exists():
        raise EnquiryError(f"{user} is not an LA co-leader or LA officer in another LA.")
    if Facilitation.objects.current().filter(user=user, project=project).exists():
        raise EnquiryError(f"{user} already facilitates this project.")
    try:
        # A savepoint: two people assigning the same person at once meet the
        # one-current-facilitation constraint, and the loser gets a message.
        with transaction.atomic():
            facilitation = Facilitation.objects.create(
                user=user, kind=Facilitation.Kind.PROJECT, project=project, granted_by=actor
            )
    except IntegrityError as error:
        raise EnquiryError(f"{user} already facilitates this project.") from error
    audit(
        actor,
        "enquiries.facilitation.assigned",
        facilitation,
        {"user": user.pk, "project": project.pk},
        la=project.la_id,
    )
    notify(
        recipients=[user],
        actor=actor,
        category=Notification.Category.ACCOUNT,
        event_key=f"facilitation:{facilitation.pk}",
        subject=subject(f"You are now an LA-to-LA facilitator of {project.la.name}'s project"),
        body=(
            f"{actor} asked you to facilitate “{project.title}”, {project.la.name}'s project "
            f"in {project.initiative.name}. You can now see the project, review its "
            "questions and their alignment, and comment on them."
        ),
        url=project.get_absolute_url(),
    )
    return facilitation


@transaction.atomic
def facilitation_end(*, facilitation: Facilitation, actor: User) -> Facilitation:
    """End a facilitation (kept on record, dated)."""
    project = facilitation.project
    if not rules.may_assign_facilitator(actor, project):
        raise PermissionDenied
    # Conditional UPDATE: of two people ending it at once, one ends it, one is told.
    ended = Facilitation.objects.filter(pk=facilitation.pk, ended_on__isnull=True).update(
        ended_on=timezone.localdate()
    )
    if not ended:
        raise EnquiryError(f"{facilitation.user} no longer facilitates this.")
    facilitation.refresh_from_db(fields=["ended_on"])
    audit(
        actor,
        "enquiries.facilitation.ended",
        facilitation,
        {"user": facilitation.user_id, "ended_on": facilitation.ended_on},
        la=project.la_id if project is not None else None,
    )
    where = f"{project.la.name}'s project" if project is not None else str(facilitation.scope)
    notify(
        recipients=[facilitation.user_id],
        actor=actor,
        category=Notification.Category.ACCOUNT,
        event_key=f"facilitation:{facilitation.pk}:ended",
        subject=subject(f"Your facilitation of {where} has ended"),
        body=f"{actor} ended your role as {facilitation.get_kind_display()} of {where}.",
        url="",
    )
    return facilitation


@transaction.atomic
def initiative_assign_facilitator(
    *, initiative: Initiative, user: User, actor: User
) -> Facilitation:
    """Make someone a national facilitator of one initiative (the national team and staff)."""
    if not rules.may_create_initiative(actor):
        raise PermissionDenied
    if Facilitation.objects.current().filter(user=user, initiative=initiative).exists():
        raise EnquiryError(f"{user} already facilitates {initiative.name}.")
    facilitation = Facilitation.objects.create(
        user=user, kind=Facilitation.Kind.INITIATIVE, initiative=initiative, granted_by=actor
    )
    audit(
        actor,
        "enquiries.facilitation.assigned",
        facilitation,
        {"user": user.pk, "initiative": initiative.pk},
    )
    return facilitation
