"""The enquiry part of the demo: a national initiative, every LA's project and question,
Essex's funnelled question and its eight cluster enquiries.

Built through enquiries.services, so the review threads, the audit trail and the
notifications are the real thing (notification emails are queued on commit like
any other). Run once: if the initiative is already there, nothing is touched.
All text is written for this demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from devtools.demo import register
from devtools.demo.logs import seed_logs
from devtools.demo.stories import (
    ESSEX_FOCUS,
    ESSEX_QUESTION,
    ESSEX_STORIES,
    ESSEX_TITLE,
    THEMES,
    cluster_steps,
    la_steps,
)
from enquiries import services
from enquiries.models import (
    AlignmentRating,
    AlignmentReview,
    ClusterParticipation,
    EcmOutcome,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Facilitation,
    Initiative,
    NetworkingKind,
    Project,
    QuestionRevision,
)
from networks.models import Membership, Role, RoleAssignment, User
from notifications.models import Notification

INITIATIVE_NAME = "Learning Authorities Network"
STARTS_ON = dt.date(2025, 9, 1)
LAUNCH = dt.date(2025, 9, 8)  # the launch conference, where the history begins
ENDS_ON = dt.date(2027, 7, 31)

KEY_QUESTIONS = [
    "What does a local authority look like when it works as a learning system, and what "
    "helps it become one?",
    "What can be learned from local authorities that lead networked working across schools "
    "and the other agencies serving children?",
    "Which strategies raise achievement and aspiration for children and young people in the "
    "most disadvantaged communities?",
]

E = EcmOutcome
N = NetworkingKind
R = AlignmentRating


# --- Who does what -------------------------------------------------------------------


@dataclass
class Cast:
    national: User
    coleader: User  # Essex
    la_facilitator: User  # a Kirklees officer facilitating Essex
    consultant: User

    def reviewer(self, who: str) -> User:
        return {"F": self.national, "C": self.coleader, "L": self.la_facilitator}[who]


def _user(email: str) -> User:
    # Fresh from the database: each person's scope is cached on the object.
    return User.objects.get(email=email)


def lead_email(cluster_name: str) -> str:
    if cluster_name == register.HARLOW_CLUSTER:
        return register.demo_email("cluster-lead")
    return f"lead.{register.slug(cluster_name)}@{register.DEMO_DOMAIN}"


def coleader_email(la) -> str:
    if la.code == register.ESSEX:
        return register.demo_email("coleader")
    return f"coleader.{register.slug(la.name)}@{register.DEMO_DOMAIN}"


# --- A tiny script language for an enquiry's history ---------------------------------
#
# ("create", text, rationale)            the owner writes the first wording
# ("revise", text, rationale)            the owner writes a new wording
# ("submit", comment)                    the owner sends it for review
# ("changes", reviewer, comment)         a reviewer asks for changes
# ("agree", reviewer, comment)           a reviewer agrees it
# ("link", key question number)          the owner links it to a national key question
# ("review", reviewer, target, rating, comment)
#                                        an alignment review; target "parent" or a KQ number
# ("comment", "consultant" | reviewer, text)
#
# Reviewers: "F" national facilitator, "C" Essex co-leader, "L" LA-to-LA facilitator.


def run_script(enquiry_or_none, steps, *, owner: User, cast: Cast, kqs: list[Enquiry], **create):
    enquiry = enquiry_or_none
    for step in steps:
        verb = step[0]
        if verb == "create":
            enquiry = services.enquiry_create(
                actor=owner, text=step[1], rationale=step[2], **create
            )
        elif verb == "revise":
            services.enquiry_revise(enquiry=enquiry, actor=owner, text=step[1], rationale=step[2])
        elif verb == "submit":
            services.enquiry_submit(enquiry=enquiry, actor=owner, comment=step[1])
        elif verb == "changes":
            services.enquiry_request_changes(
                enquiry=enquiry, actor=cast.reviewer(step[1]), comment=step[2]
            )
        elif verb == "agree":
            services.enquiry_agree(enquiry=enquiry, actor=cast.reviewer(step[1]), comment=step[2])
        elif verb == "link":
            services.enquiry_link(enquiry=enquiry, target=kqs[step[1] - 1], actor=owner)
        elif verb == "review":
            _, who, target, rating, comment = step
            target_enquiry = enquiry.parent if target == "parent" else kqs[target - 1]
            services.alignment_review_create(
                enquiry=enquiry,
                target=target_enquiry,
                actor=cast.reviewer(who),
                rating=rating,
                comment=comment,
            )
        elif verb == "comment":
            actor = cast.consultant if step[1] == "consultant" else cast.reviewer(step[1])
            services.enquiry_comment(enquiry=enquiry, actor=actor, text=step[2])
        else:  # pragma: no cover - a typo in the script below
            raise ValueError(f"unknown step {verb!r}")
        enquiry.refresh_from_db()
    return enquiry


# --- The whole enquiry demo --------------------------------------------------------


def _national_reviewer_cast(cast: Cast) -> Cast:
    """Outside Essex only the national facilitator reviews."""
    return Cast(cast.national, cast.national, cast.national, cast.national)


def build(seeded: register.Seeded) -> tuple[Initiative, list[str]]:
    las = seeded.las
    participating = [las[code] for code in register.PARTICIPATING_LA_CODES]
    national = _user(register.demo_email("facilitator"))
    initiative = services.initiative_create(
        actor=national,
        name=INITIATIVE_NAME,
        sponsors="National Leadership College and the Schools Innovation Unit, with a "
        "university enquiry team and an independent think tank",
        description=(
            "Twenty local authorities learning together how to lead and support networks of "
            "schools. Each runs a development project, what it will do, beside an enquiry, "
            "what it wants to learn, and frames its own research question under the three "
            "national key questions. Officers meet every couple of months as core contacts; "
            "some facilitate another LA's work; chief officers meet as a think tank."
        ),
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
        las=participating,
        key_questions=KEY_QUESTIONS,
    )
    kqs = list(initiative.enquiries.filter(level=Enquiry.Level.NATIONAL).order_by("position"))

    # Essex first: its project, then the Kirklees officer who facilitates it.
    essex = las[register.ESSEX]
    coleader = _user(coleader_email(essex))
    essex_project = services.project_create(
        actor=coleader,
        initiative=initiative,
        la=essex,
        title=ESSEX_TITLE,
        development_focus=ESSEX_FOCUS,
        starts_on=STARTS_ON,
        ends_on=ENDS_ON,
    )
    _facilitate(essex_project, national)
    la_facilitator = _user(register.demo_email("la-facilitator"))  # a fresh object: no cached scope
    cast = Cast(national, coleader, la_facilitator, _user(register.demo_email("consultant")))

    run_script(None, ESSEX_QUESTION, owner=coleader, cast=cast, kqs=kqs, project=essex_project)
    for story in ESSEX_STORIES:
        cluster = seeded.clusters[(register.ESSEX, story.name)]
        participation = services.cluster_join_project(
            actor=coleader,
            project=essex_project,
            cluster=cluster,
            ecm_outcomes=story.ecm,
            networking_kinds=story.networking,
        )
        lead = _user(lead_email(cluster.name))
        run_script(
            None, story.steps, owner=lead, cast=cast, kqs=kqs, cluster_participation=participation
        )

    # Every other LA: a project, its question, and its clusters' questions.
    national_only = _national_reviewer_cast(cast)
    clusters_by_la: dict[str, list] = {}
    for (code, _), cluster in seeded.clusters.items():
        clusters_by_la.setdefault(code, []).append(cluster)
    n_cluster = 0
    for i, la in enumerate(la for la in participating if la.code != register.ESSEX):
        theme = THEMES[i % len(THEMES)]
        owner = _user(coleader_email(la))
        project = services.project_create(
            actor=owner,
            initiative=initiative,
            la=la,
            title=f"{la.name}: {theme.title}",
            development_focus=theme.focus,
            starts_on=STARTS_ON,
            ends_on=ENDS_ON,
        )
        run_script(
            None, la_steps(la, theme, i), owner=owner, cast=national_only, kqs=kqs, project=project
        )
        if i % 4 == 3:
            continue  # a project still choosing its clusters
        for cluster in sorted(clusters_by_la.get(la.code, []), key=lambda c: c.name):
            steps, ecm, networking = cluster_steps(cluster, n_cluster)
            n_cluster += 1
            participation = services.cluster_join_project(
                actor=owner,
                project=project,
                cluster=cluster,
                ecm_outcomes=ecm,
                networking_kinds=networking,
            )
            run_script(
                None,
                steps,
                owner=_user(lead_email(cluster.name)),
                cast=national_only,
                kqs=kqs,
                cluster_participation=participation,
            )

    Project.objects.filter(initiative=initiative).exclude(pk__in=_planning(initiative)).update(
        status=Project.Status.ACTIVE
    )
    spread_history(initiative, start=timezone.make_aware(dt.datetime.combine(LAUNCH, dt.time(9))))
    date_the_set_up(initiative)
    counts = {
        "projects": Project.objects.filter(initiative=initiative).count(),
        "questions": Enquiry.objects.filter(initiative=initiative).count(),
        "revisions": QuestionRevision.objects.filter(enquiry__initiative=initiative).count(),
        "alignment reviews": AlignmentReview.objects.filter(enquiry__initiative=initiative).count(),
    }
    return initiative, [
        f"Initiative “{initiative.name}”: "
        + ", ".join(f"{n} {what}" for what, n in counts.items())
        + "."
    ]


def _planning(initiative: Initiative) -> list[int]:
    """Projects with no clusters yet are still planning."""
    return list(
        Project.objects.filter(
            initiative=initiative, cluster_participations__isnull=True
        ).values_list("pk", flat=True)
    )


def spread_history(initiative: Initiative, *, start: dt.datetime) -> None:
    """Spread the history over the months since the launch, keeping its order.

    The services stamp everything 'now'; a demo reads better when the Essex question
    was funnelled over a term. Every event keeps its place in the sequence, and the
    revisions, reviews, links and notifications it records take its time.
    """
    events = list(EnquiryEvent.objects.filter(enquiry__initiative=initiative).order_by("pk"))
    if not events:
        return
    # Working days from the launch to a couple of days ago, 9am to 5pm.
    last = timezone.localdate() - dt.timedelta(days=2)
    days = [
        start.date() + dt.timedelta(days=n)
        for n in range((last - start.date()).days + 1)
        if (start.date() + dt.timedelta(days=n)).weekday() < 5
    ]
    when: dict[int, dt.datetime] = {}
    for n, event in enumerate(events):
        position = n * len(days) / len(events)
        day = days[int(position)]
        minutes = int((position - int(position)) * 8 * 60)
        event.created_at = timezone.make_aware(
            dt.datetime.combine(day, dt.time(9)) + dt.timedelta(minutes=minutes)
        )
        when[event.pk] = event.created_at
    EnquiryEvent.objects.bulk_update(events, ["created_at"], batch_size=500)

    def first_event_of(kinds, key):
        found: dict = {}
        for event in events:
            if event.kind in kinds:
                found.setdefault(key(event), event.created_at)
        return found

    K = EnquiryEvent.Kind
    revision_times = first_event_of({K.CREATED, K.REVISED}, lambda e: e.revision_id)
    revisions = list(QuestionRevision.objects.filter(pk__in=revision_times))
    for revision in revisions:
        revision.created_at = revision_times[revision.pk]
    QuestionRevision.objects.bulk_update(revisions, ["created_at"], batch_size=500)

    created = first_event_of({K.CREATED}, lambda e: e.enquiry_id)
    changed: dict[int, dt.datetime] = {}
    for event in events:
        if event.kind in (K.CREATED, K.SUBMITTED, K.CHANGES_REQUESTED, K.AGREED, K.REOPENED):
            changed[event.enquiry_id] = event.created_at
    enquiries = list(Enquiry.objects.filter(pk__in=created))
    for enquiry in enquiries:
        enquiry.created_at = created[enquiry.pk]
        enquiry.status_changed_at = changed[enquiry.pk]
    Enquiry.objects.bulk_update(enquiries, ["created_at", "status_changed_at"], batch_size=500)

    # One review per ALIGNMENT_REVIEWED event and one link per LINKED event, in order.
    for model, kind, filters in (
        (AlignmentReview, K.ALIGNMENT_REVIEWED, {"enquiry__initiative": initiative}),
        (EnquiryLink, K.LINKED, {"enquiry__initiative": initiative}),
    ):
        times = [e.created_at for e in events if e.kind == kind]
        rows: list[Any] = list(model.objects.filter(**filters).order_by("pk"))
        for row, moment in zip(rows, times, strict=False):
            row.created_at = moment
        model.objects.bulk_update(rows, ["created_at"], batch_size=500)

    notifications = list(
        Notification.objects.filter(event_key__in=[f"enquiry-event:{pk}" for pk in when])
    )
    for notification in notifications:
        notification.created_at = when[int(notification.event_key.split(":")[1])]
    Notification.objects.bulk_update(notifications, ["created_at"], batch_size=500)


def date_the_set_up(initiative: Initiative) -> None:
    """Date the set-up as the story has it, not as the day the demo was loaded.

    The services stamp a project, a cluster joining it and a facilitator's start with
    today; beside a history that begins in September 2025 that reads "joined
    1 December 2026" next to 2025 work. Projects were set up before the term began,
    clusters joined at the launch conference, facilitators started with the project.
    """
    Project.objects.filter(initiative=initiative).update(
        created_at=timezone.make_aware(dt.datetime.combine(STARTS_ON, dt.time(9)))
    )
    ClusterParticipation.objects.filter(project__initiative=initiative).update(joined_on=LAUNCH)
    Facilitation.objects.filter(
        Q(initiative=initiative) | Q(project__initiative=initiative)
    ).update(started_on=STARTS_ON)


def seed_enquiries(seeded: register.Seeded) -> list[str]:
    initiative = Initiative.objects.filter(name=INITIATIVE_NAME).first()
    if initiative is None:
        with transaction.atomic():
            initiative, lines = build(seeded)
    else:
        lines = [f"Initiative “{initiative.name}” already there: enquiry demo left as it is."]
    # Whatever happened before, the Kirklees officer facilitates the Essex project.
    essex_project = Project.objects.filter(initiative=initiative, la__code=register.ESSEX).first()
    if essex_project is not None:
        _facilitate(essex_project, _user(register.demo_email("facilitator")))
        _bring_in_the_contacts_school(essex_project)
        lines += seed_logs(essex_project)
    date_the_set_up(initiative)
    return lines


def _bring_in_the_contacts_school(project: Project) -> None:
    """The demo school contact's school takes part in its cluster's work, so signing in
    as them shows the question their school is to write (added by the cluster lead)."""
    contact = RoleAssignment.objects.filter(
        user__email=register.demo_email("school-contact"), role=Role.SCHOOL_CONTACT
    ).first()
    if contact is None or contact.school is None:
        return
    participation = (
        project.cluster_participations.filter(
            cluster__memberships__in=Membership.objects.active().filter(school=contact.school)
        )
        .select_related("cluster", "project__la")
        .first()
    )
    if (
        participation is None
        or participation.school_participations.filter(school=contact.school).exists()
    ):
        return
    lead = RoleAssignment.objects.filter(
        role=Role.CLUSTER_LEAD, cluster=participation.cluster
    ).first()
    if lead is not None:
        services.school_join_cluster(
            actor=lead.user, cluster_participation=participation, school=contact.school
        )


def _facilitate(project: Project, national: User) -> None:
    """The Kirklees officer facilitates the project (assigned by the national team)."""
    la_facilitator = _user(register.demo_email("la-facilitator"))
    if not Facilitation.objects.current().filter(user=la_facilitator, project=project).exists():
        services.project_assign_facilitator(project=project, user=la_facilitator, actor=national)
