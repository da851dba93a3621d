"""Essex's meetings in the demo: the launch conference, surgeries for pairs of
clusters with their notes at every stage of the seeds' workflow (a draft; with the
clusters, one asking for a correction; with Harlow to check now; revised, confirmed,
circulated and filed in the archive), a core contact meeting this week and a think
tank to come. Built through meetings.services, so the history, audit trail and
notifications are real. Idempotent: once Essex's project has meetings, nothing is
added. All text is written for this demo.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from devtools.demo import register
from enquiries.models import Project
from meetings import services
from meetings.models import MeetingNotes
from meetings.models.notes import LONDON
from networks.models import Cluster, Role, RoleAssignment, User


def _user(kind: str) -> User | None:
    return User.objects.filter(email=register.demo_email(kind)).first()


def _lead(cluster: Cluster) -> User | None:
    role = (
        RoleAssignment.objects.current()
        .filter(role=Role.CLUSTER_LEAD, cluster=cluster)
        .select_related("user")
        .first()
    )
    return role.user if role else None


def _at(days: int, hour: int, minutes: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour, minutes), LONDON)


def seed_meetings() -> list[str]:
    project = Project.objects.filter(la__code=register.ESSEX).order_by("pk").first()
    consultant, coleader = _user("consultant"), _user("coleader")
    if project is None or consultant is None or coleader is None:
        return []
    if project.meetings.exists():
        return ["Essex meetings already there: left as they are."]
    with transaction.atomic():
        return build(project, consultant, coleader)


def build(project: Project, consultant: User, coleader: User) -> list[str]:
    clusters = list(Cluster.objects.filter(participations__project=project).order_by("name"))
    harlow = next((c for c in clusters if c.name == register.HARLOW_CLUSTER), None)
    others = [c for c in clusters if c != harlow]
    if harlow is None or len(others) < 5:
        return []
    officer, lead, member = _user("officer"), _user("cluster-lead"), _user("cluster-member")
    people = [p for p in (coleader, officer, consultant, lead, member) if p is not None]

    def meeting(kind, title, start, hours, clusters=(), place="County Hall, Chelmsford", **extra):
        return services.meeting_create(
            actor=consultant,
            project=project,
            kind=kind,
            title=title,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=hours),
            place=place,
            clusters=list(clusters),
            attendees=extra.pop("attendees", people),
            **extra,
        )

    meeting(
        "conference",
        "Launch conference for the eight clusters",
        _at(-240, 9, 30),
        6,
        agenda=(
            "Welcome and the county's ECM strategy\nWhat an enquiry is\nClusters' first thoughts"
        ),
    )

    def surgery(pair, days):
        names = " and ".join(c.name for c in pair)
        return meeting(
            "surgery",
            f"Surgery: {names}",
            _at(days, 13, 30),
            2,
            clusters=pair,
            agenda="Each cluster's focus\nHow the schools will network\nThe enquiry question",
        )

    def answer(notes, cluster, user, reply, comment=""):
        if user is None:
            return
        check = notes.checks.select_related("notes").get(cluster=cluster)
        services.notes_answer(actor=user, check=check, answer=reply, comment=comment)

    check_by = timezone.localdate() + dt.timedelta(days=5)
    # 1. Circulated: a correction, a revision, both clusters confirm.
    done = surgery([harlow, others[0]], -190)
    notes = services.notes_save(
        actor=consultant,
        meeting=done,
        text_=(
            f"{harlow.name}: focus on the transition of vulnerable children from Year 5 "
            f"to Year 7.\n{others[0].name}: partnership with parents in the small schools.\n"
            "Both clusters draft their questions before the next surgery."
        ),
    )
    notes = services.notes_send(actor=consultant, notes=notes, check_by=check_by)
    answer(notes, harlow, lead, "corrections", "We said Year 6 to Year 7, not Year 5.")
    services.notes_save(
        actor=consultant,
        meeting=done,
        text_=notes.text.replace("Year 5", "Year 6"),
        change_note="Corrected the year groups",
    )
    answer(notes, harlow, lead, "confirmed")
    answer(notes, others[0], _lead(others[0]), "confirmed")
    # 2. With the clusters: one has asked for a correction.
    correcting = surgery([others[1], others[2]], -20)
    notes = services.notes_save(
        actor=consultant,
        meeting=correcting,
        text_=f"{others[1].name}: arts education and the intelligent citizen.\n"
        f"{others[2].name}: provision for children with mental-health needs.",
    )
    notes = services.notes_send(actor=consultant, notes=notes, check_by=check_by)
    answer(notes, others[1], _lead(others[1]), "corrections", "Add the museum partnership.")
    # 3. With Harlow to check now (on the demo cluster lead's home page).
    waiting = surgery([harlow, others[3]], -6)
    notes = services.notes_save(
        actor=consultant,
        meeting=waiting,
        text_=f"Follow-up with {harlow.name} and {others[3].name}: baselines agreed; "
        "each cluster describes its multi-agency relationships now, to measure change.",
    )
    services.notes_send(actor=consultant, notes=notes, check_by=check_by)
    # 4. A draft the consultant is still writing.
    draft = surgery([others[3], others[4]], -1)
    services.notes_save(actor=consultant, meeting=draft, text_="First thoughts, to tidy up.")
    meeting(
        "core_contact",
        "Core contact meeting",
        _at(0, 16),
        1.5,
        place="",
        link="https://meet.example.org/essex-core-contacts",
        agenda="Surgery notes still to check\nReflective logs: how are they going?",
    )
    meeting("think_tank", "Think tank: what are the key drivers?", _at(35, 10), 3)
    states = MeetingNotes.objects.filter(meeting__project=project).values_list("state", flat=True)
    return [f"Essex meetings: {project.meetings.count()}, notes {sorted(states)}."]
