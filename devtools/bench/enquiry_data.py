"""The enquiry work of the benchmark: an initiative, a project per LA, a question per
cluster, revisions, links, alignment reviews, events and notifications, bulk-created
(not through the services: at this size that would take hours)."""

from __future__ import annotations

import datetime as dt
import random

from django.db.models import Exists, OuterRef, Q, Subquery

from enquiries.models import (
    AlignmentRating,
    AlignmentReview,
    ClusterParticipation,
    Enquiry,
    EnquiryEvent,
    EnquiryLink,
    Facilitation,
    Initiative,
    Project,
    QuestionRevision,
)
from networks.models import User
from notifications.models import Notification

from .words import BATCH, PLACES

# What questions are about, for search to find (devtools/bench/measure.py).
THEMES = (
    "pupil voice",
    "transition to secondary school",
    "reading for pleasure",
    "better attendance",
    "assessment for learning",
    "parents as partners",
    "outdoor learning",
    "pupils' wellbeing",
    "writing in Key Stage 2",
    "multi-agency working",
    "the École-style nurture group",
    "coaching between schools",
)


def build_enquiries(
    rng: random.Random, las, clusters, facilitator, la_facilitator, coleaders, leads
) -> dict:
    """Issue-3 scale enquiry work, bulk-created (not through services)."""
    ratings = AlignmentRating.values
    Level, Status, Kind = Enquiry.Level, Enquiry.Status, EnquiryEvent.Kind

    initiative = Initiative.objects.create(
        name="Benchmark initiative",
        sponsors="Bench",
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2027, 7, 31),
        description="A national-scale benchmark initiative.",
    )
    initiative.participating_las.set(las)
    projects = [
        Project(
            initiative=initiative,
            la=la,
            title=f"{la.name} project",
            development_focus="Clusters working on shared priorities.",
            status=Project.Status.ACTIVE,
        )
        for la in las
    ]
    Project.objects.bulk_create(projects, batch_size=BATCH)
    project_of = {p.la_id: p for p in Project.objects.filter(initiative=initiative)}
    Facilitation.objects.create(
        user=la_facilitator, kind=Facilitation.Kind.PROJECT, project=project_of[las[0].pk]
    )
    participations = [
        ClusterParticipation(
            project=project_of[c.host_la_id],
            cluster=c,
            ecm_outcomes=["enjoy_and_achieve"],
            networking_kinds=["cross_phase"],
        )
        for c in clusters
    ]
    ClusterParticipation.objects.bulk_create(participations, batch_size=BATCH)
    participation_of = {
        p.cluster_id: p for p in ClusterParticipation.objects.filter(project__initiative=initiative)
    }

    # Enquiries: 3 national, one per LA, one per cluster.
    national = [
        Enquiry(level=Level.NATIONAL, initiative=initiative, position=n, status=Status.AGREED)
        for n in (1, 2, 3)
    ]
    Enquiry.objects.bulk_create(national)
    national = list(
        Enquiry.objects.filter(initiative=initiative, level=Level.NATIONAL).order_by("position")
    )
    statuses = list(Status.values)
    la_enquiries = [
        Enquiry(
            level=Level.LA,
            initiative=initiative,
            project=project_of[la.pk],
            status=rng.choice(statuses),
        )
        for la in las
    ]
    Enquiry.objects.bulk_create(la_enquiries, batch_size=BATCH)
    la_enquiry_of = {
        e.project_id: e for e in Enquiry.objects.filter(initiative=initiative, level=Level.LA)
    }
    cluster_enquiries = [
        Enquiry(
            level=Level.CLUSTER,
            initiative=initiative,
            project=project_of[c.host_la_id],
            cluster_participation=participation_of[c.pk],
            parent=la_enquiry_of[project_of[c.host_la_id].pk],
            status=rng.choice(statuses),
        )
        for c in clusters
    ]
    Enquiry.objects.bulk_create(cluster_enquiries, batch_size=BATCH)
    enquiries = list(Enquiry.objects.filter(initiative=initiative).order_by("pk"))

    owner_of: dict[int, User] = {}
    coleader_of = {la.pk: u for la, u in zip(las, coleaders, strict=True)}
    lead_of = {c.pk: u for c, u in zip(clusters, leads, strict=True)}
    # Keyed for lookups by a nullable FK: the check constraint makes it set for these levels.
    cluster_of_participation: dict[int | None, int] = {
        p.pk: cid for cid, p in participation_of.items()
    }
    la_of_project: dict[int | None, int] = {p.pk: la_id for la_id, p in project_of.items()}
    for e in enquiries:
        if e.level == Level.NATIONAL:
            owner_of[e.pk] = facilitator
        elif e.level == Level.LA:
            owner_of[e.pk] = coleader_of[la_of_project[e.project_id]]
        else:
            owner_of[e.pk] = lead_of[cluster_of_participation[e.cluster_participation_id]]

    # Revisions: about five per cluster question (15,000 at scale 1), fewer for the rest.
    # Themes from a generator of their own, so the rest of the data stays as it was.
    themes = random.Random(len(enquiries))
    revisions, events = [], []
    for e in enquiries:
        n = 1 if e.level == Level.NATIONAL else rng.randint(1, 9)
        for number in range(1, n + 1):
            revisions.append(
                QuestionRevision(
                    enquiry=e,
                    number=number,
                    author=owner_of[e.pk],
                    text=f"How can {themes.choice(THEMES)} help us learn more about "
                    f"{rng.choice(PLACES).lower()} working, take {number}?",
                    rationale="Narrowed after the surgery." if number > 1 else "",
                )
            )
    QuestionRevision.objects.bulk_create(revisions, batch_size=BATCH)
    Enquiry.objects.filter(initiative=initiative).update(
        current_revision=Subquery(
            QuestionRevision.objects.filter(enquiry=OuterRef("pk"))
            .order_by("-number")
            .values("pk")[:1]
        )
    )
    revisions_of: dict[int, list[int]] = {}
    for enquiry_id, pk in (
        QuestionRevision.objects.filter(enquiry__initiative=initiative)
        .order_by("enquiry_id", "number")
        .values_list("enquiry_id", "pk")
    ):
        revisions_of.setdefault(enquiry_id, []).append(pk)
    for e in enquiries:
        for i, pk in enumerate(revisions_of[e.pk]):
            events.append(
                EnquiryEvent(
                    enquiry_id=e.pk,
                    kind=Kind.CREATED if i == 0 else Kind.REVISED,
                    actor=owner_of[e.pk],
                    revision_id=pk,
                )
            )
        if e.status != Status.DRAFT and e.level != Level.NATIONAL:
            events.append(
                EnquiryEvent(
                    enquiry_id=e.pk,
                    kind=Kind.SUBMITTED,
                    actor=owner_of[e.pk],
                    revision_id=revisions_of[e.pk][-1],
                )
            )
        if e.status in (Status.AGREED, Status.CHANGES_REQUESTED) and e.level != Level.NATIONAL:
            kind = Kind.AGREED if e.status == Status.AGREED else Kind.CHANGES_REQUESTED
            events.append(
                EnquiryEvent(
                    enquiry_id=e.pk,
                    kind=kind,
                    actor=facilitator,
                    revision_id=revisions_of[e.pk][-1],
                    comment="Reviewed.",
                )
            )
    # Links to the key questions, and alignment reviews (about 10,000 at scale 1).
    links, reviews = [], []
    current = {e.pk: revisions_of[e.pk][-1] for e in enquiries}
    for e in enquiries:
        if e.level == Level.NATIONAL:
            continue
        targets = rng.sample(national, rng.randint(1, 2))
        for t in targets:
            links.append(EnquiryLink(enquiry_id=e.pk, target=t, created_by=owner_of[e.pk]))
            events.append(
                EnquiryEvent(
                    enquiry_id=e.pk,
                    kind=Kind.LINKED,
                    actor=owner_of[e.pk],
                    revision_id=current[e.pk],
                    comment="Serves a key question",
                )
            )
        served = [*(t.pk for t in targets), *([e.parent_id] if e.parent_id else [])]
        for _ in range(rng.choice([2, 3, 3, 4])):
            target_id = rng.choice(served)
            # Mostly the current wording; sometimes an older one (a stale review).
            revision = rng.choice(revisions_of[e.pk]) if rng.random() < 0.3 else current[e.pk]
            reviewer = facilitator if rng.random() < 0.7 else la_facilitator
            reviews.append(
                AlignmentReview(
                    enquiry_id=e.pk,
                    target_id=target_id,
                    reviewer=reviewer,
                    revision_id=revision,
                    target_revision_id=current[target_id],
                    rating=rng.choice(ratings),
                    comment="Looks well aligned." if rng.random() < 0.5 else "",
                )
            )
            events.append(
                EnquiryEvent(
                    enquiry_id=e.pk,
                    kind=Kind.ALIGNMENT_REVIEWED,
                    actor=reviewer,
                    revision_id=revision,
                    comment="Reviewed",
                )
            )
    EnquiryLink.objects.bulk_create(links, batch_size=BATCH)
    AlignmentReview.objects.bulk_create(reviews, batch_size=BATCH)
    mark_latest_reviews()
    EnquiryEvent.objects.bulk_create(events, batch_size=BATCH)

    # Notifications for the people measured, so "My work" has a backlog to show.
    if Notification is not None:
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=user,
                    category="review",
                    event_key=f"bench:{n}",
                    subject=f"Please review question {n}",
                    body="A benchmark notice.",
                )
                for user in (facilitator, coleaders[0])
                for n in range(200)
            ],
            batch_size=BATCH,
        )

    # The enquiry measured: the focus LA's cluster question with the longest history.
    focus_enquiries = [
        e
        for e in enquiries
        if e.level == Level.CLUSTER and e.project_id == project_of[las[0].pk].pk
    ]
    enquiry = max(focus_enquiries, key=lambda e: (len(revisions_of[e.pk]), -e.pk))
    return {
        "initiative_id": initiative.pk,
        "project_id": project_of[las[0].pk].pk,
        "enquiry_id": enquiry.pk,
        "counts": {
            "projects": len(projects),
            "enquiries": len(enquiries),
            "revisions": len(revisions),
            "alignment reviews": len(reviews),
            "links": len(links),
            "events": len(events),
        },
    }


def mark_latest_reviews() -> None:
    """What the review service keeps for each pair: its newest review is_latest."""
    newer = AlignmentReview.objects.filter(
        enquiry=OuterRef("enquiry"), target=OuterRef("target")
    ).filter(
        Q(created_at__gt=OuterRef("created_at"))
        | Q(created_at=OuterRef("created_at"), pk__gt=OuterRef("pk"))
    )
    AlignmentReview.objects.exclude(Exists(newer)).update(is_latest=True)
