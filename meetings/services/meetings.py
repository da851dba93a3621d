"""Holding a meeting: creating and editing it (its managers: see access_q.py)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q

from enquiries.models import ArchiveItem, Project
from networks.audit import audit
from networks.models import Role, RoleAssignment, User

from .. import rules
from ..models import Meeting, MeetingKind
from ._common import MeetingError, line, require, text

EARLIEST = dt.datetime(1990, 1, 1, tzinfo=dt.UTC)
LONGEST = dt.timedelta(days=7)


def project_people(project: Project):
    """Who may be listed as attending: the project's LA officers and co-leaders, its
    clusters' people, its schools' contacts and its facilitators."""
    from enquiries.models import ClusterParticipation, Facilitation, SchoolParticipation

    clusters = ClusterParticipation.objects.filter(project_id=project.pk).values("cluster_id")
    schools = SchoolParticipation.objects.filter(
        cluster_participation__project_id=project.pk
    ).values("school_id")
    roles = RoleAssignment.objects.current().filter(
        Q(role__in=(Role.LA_COLEADER, Role.LA_OFFICER), la_id=project.la_id)
        | Q(cluster_id__in=clusters)
        | Q(school_id__in=schools)
    )
    facilitators = Facilitation.objects.current().filter(
        Q(project_id=project.pk) | Q(initiative_id=project.initiative_id)
    )
    return User.objects.filter(
        Q(pk__in=roles.values("user_id")) | Q(pk__in=facilitators.values("user_id")),
        is_active=True,
    ).order_by("name", "pk")


def _ids(values) -> set[int]:
    return {getattr(value, "pk", value) for value in values or ()}


def _checked(project: Project, fields: dict) -> dict:
    kind = fields["kind"]
    if kind not in MeetingKind.values:
        raise MeetingError("Choose one of the kinds of meeting listed.")
    starts_at, ends_at = fields["starts_at"], fields["ends_at"]
    if starts_at is None or ends_at is None or starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise MeetingError("Give the meeting's start and end times.")
    if starts_at < EARLIEST:
        raise MeetingError("The meeting must start after 1990.")
    if ends_at <= starts_at:
        raise MeetingError("The meeting must end after it starts.")
    if ends_at - starts_at > LONGEST:
        raise MeetingError("A meeting can last a week at most.")
    place = line(fields.get("place", ""), "place", required=False, max_length=300)
    link = line(fields.get("link", ""), "link", required=False, max_length=500)
    if link and not link.startswith("https://"):
        raise MeetingError("The link must start with https://")
    if not (place or link):
        raise MeetingError("Give the meeting's place, or a link to join it.")
    clusters = _ids(fields.get("clusters"))
    if not clusters <= set(project.cluster_participations.values_list("cluster_id", flat=True)):
        raise MeetingError("Choose from the clusters taking part in this project.")
    if kind == MeetingKind.SURGERY and not 1 <= len(clusters) <= 2:
        raise MeetingError("A surgery is for one or two clusters: choose them.")
    attendees = _ids(fields.get("attendees"))
    if attendees and len(project_people(project).filter(pk__in=attendees)) != len(attendees):
        raise MeetingError("Choose attendees from the people of this project.")
    papers = _ids(fields.get("papers"))
    if papers and ArchiveItem.objects.filter(project=project, pk__in=papers).count() != len(papers):
        raise MeetingError("Choose papers from this project's research archive.")
    return {
        "kind": kind,
        "title": line(fields["title"], "title"),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "place": place,
        "link": link,
        "agenda": text(fields.get("agenda", ""), "agenda", required=False, max_length=8000),
        "clusters": clusters,
        "attendees": attendees,
        "papers": papers,
    }


def _changes(meeting: Meeting, values: dict) -> dict:
    return {
        name: str(value)
        for name, value in values.items()
        if name not in ("clusters", "attendees", "papers")
    } | {name: sorted(values[name]) for name in ("clusters", "attendees", "papers")}


@transaction.atomic
def meeting_create(*, actor, project: Project, **fields) -> Meeting:
    require(rules.manages_project(actor, project))
    values = _checked(project, fields)
    relations = {name: values.pop(name) for name in ("clusters", "attendees", "papers")}
    meeting = Meeting.objects.create(project=project, created_by=actor, **values)
    for name, ids in relations.items():
        getattr(meeting, name).set(ids)
    audit(
        actor,
        "meetings.meeting.created",
        meeting,
        _changes(meeting, {**values, **relations}),
        la=project.la_id,
    )
    return meeting


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, **fields) -> Meeting:
    require(rules.manages_meeting(actor, meeting))
    values = _checked(meeting.project, fields)
    notes = getattr(meeting, "notes", None)
    clusters = values["clusters"]
    if notes is not None and not notes.is_draft:
        checking = set(notes.checks.values_list("cluster_id", flat=True))
        if clusters != checking:
            raise MeetingError(
                "The notes have gone to the clusters: the meeting's clusters cannot change now."
            )
    relations = {name: values.pop(name) for name in ("clusters", "attendees", "papers")}
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.save()
    for name, ids in relations.items():
        getattr(meeting, name).set(ids)
    audit(
        actor,
        "meetings.meeting.updated",
        meeting,
        _changes(meeting, {**values, **relations}),
        la=meeting.project.la_id,
    )
    return meeting
