"""A national-scale benchmark of the main pages, in a database of its own.

`python manage.py bench` creates a fresh database beside the configured one (a temp
file for SQLite; "<name>_bench" on PostgreSQL, created and dropped with Django's own
test-database machinery), fills it with about England's size of register and enquiry
work using bulk inserts, then requests each main page in-process with the test
Client and reports server time and query count against /healthz/ as the floor.

Data built at scale 1 (everything scales with --scale, with small floors so every
page has something to show):

- 152 LAs; 24,000 open schools plus 10% closed; 3,000 clusters of 5-10 schools
  (a few cross LA boundaries, some members have left);
- a national initiative with 3 key questions; every LA with a project and an LA
  question; every cluster in its host LA's project with its own question; about
  15,000 revisions, 10,000 alignment reviews, links to key questions and events;
- people: a national facilitator, a co-leader per LA, a lead per cluster, an
  LA-to-LA facilitator.

The "focus" LA (the one measured) is the biggest, like Essex.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Field, OuterRef, Subquery
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from .models import Cluster, LocalAuthority, Membership, Role, RoleAssignment, School, User

if TYPE_CHECKING:
    # Looked up through the app registry at run time: networks does not import them.
    import notifications.models
    from enquiries import models as em

BATCH = 1000
REGIONS = [
    "North East",
    "North West",
    "Yorkshire and the Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "Inner London",
    "Outer London",
    "South East",
    "South West",
]
PLACES = (
    "Ash Beech Birch Brook Cedar Chapel Church Clay Cliff Deer Elm Fern Field Ford Glebe "
    "Green Hall Hazel Heath Hill Holly Kings Lark Lea Manor Mead Mill Moor Oak Orchard Park "
    "Pine Queens Rose Stone Thorn Vale Water Well West Willow Wood"
).split()
SUFFIXES = ["", "field", "ton", "ley", "bury", "wood", "gate", "side", "mead", " Green"]
# (name ending, phase, low age, high age, pupils range, weight)
KINDS = [
    ("Primary School", School.Phase.PRIMARY, 4, 11, (90, 460), 50),
    ("Infant School", School.Phase.PRIMARY, 4, 7, (80, 300), 8),
    ("Junior School", School.Phase.PRIMARY, 7, 11, (120, 380), 8),
    ("Church of England Primary School", School.Phase.PRIMARY, 4, 11, (60, 300), 10),
    ("Catholic Primary School", School.Phase.PRIMARY, 4, 11, (90, 420), 5),
    ("Academy", School.Phase.SECONDARY, 11, 18, (700, 1700), 7),
    ("High School", School.Phase.SECONDARY, 11, 16, (600, 1300), 6),
    ("Nursery School", School.Phase.NURSERY, 2, 5, (40, 110), 2),
    ("Special School", School.Phase.NOT_APPLICABLE, 3, 19, (40, 220), 2),
    ("Sixth Form College", School.Phase.SIXTEEN_PLUS, 16, 19, (400, 1400), 1),
]
SEARCH_TERM = "Oak"


@dataclass
class Sizes:
    las: int
    open_schools: int
    closed_schools: int
    clusters: int

    @classmethod
    def at(cls, scale: float) -> Sizes:
        open_schools = max(120, round(24_000 * scale))
        return cls(
            las=max(3, round(152 * scale)),
            open_schools=open_schools,
            closed_schools=max(6, round(open_schools * 0.1)),
            clusters=max(16, round(3_000 * scale)),
        )


@dataclass
class Built:
    """What the pages are measured on."""

    focus_la: LocalAuthority
    cluster: Cluster
    school: School
    facilitator: User
    coleader: User
    initiative_id: int | None = None
    project_id: int | None = None
    enquiry_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


# --- Its own database -------------------------------------------------------------


@contextmanager
def bench_database(alias: str = "default") -> Iterator[str]:
    """Point `alias` at a new, migrated database for the duration; drop it afterwards.

    Reuses Django's test-database machinery (create_test_db / destroy_test_db), with
    the test database's name set to a temp file (SQLite) or "<name>_bench".
    """
    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved = dict(test_settings)
    tmpdir = None
    if connection.vendor == "sqlite":
        tmpdir = tempfile.mkdtemp(prefix="enquiry-bench-")
        test_settings["NAME"] = os.path.join(tmpdir, "bench.sqlite3")
    else:
        test_settings["NAME"] = f"{old_name}_bench"
    try:
        name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=False
        )
        try:
            yield name
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
    finally:
        test_settings.clear()
        test_settings.update(saved)
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


# --- Building the data ------------------------------------------------------------


def _school_name(rng: random.Random, kind: str) -> str:
    place = rng.choice(PLACES) + rng.choice(SUFFIXES)
    if rng.random() < 0.15:
        place = f"St {rng.choice(['Mary', 'John', 'Peter', 'Anne', 'Luke', 'George'])}'s"
    return f"{place} {kind}"


def build_register(sizes: Sizes, rng: random.Random) -> tuple[list, list, list]:
    las = [
        LocalAuthority(
            code=f"{100 + i:03d}", name=f"Authority {i + 1:03d}", region=REGIONS[i % len(REGIONS)]
        )
        for i in range(sizes.las)
    ]
    # The names sort the focus LA first in the directory, as "Authority 001".
    LocalAuthority.objects.bulk_create(las, batch_size=BATCH)
    las = list(LocalAuthority.objects.order_by("code"))

    # Uneven LAs, like England's: the focus LA is the biggest (a county).
    weights = [rng.uniform(0.3, 1.7) for _ in las]
    weights[0] = max(weights) * 2.5
    kinds, kind_weights = KINDS, [k[5] for k in KINDS]
    schools = []
    urn = 100000
    for status, count in (
        (School.Status.OPEN, sizes.open_schools),
        (School.Status.CLOSED, sizes.closed_schools),
    ):
        for _ in range(count):
            la = rng.choices(las, weights=weights)[0]
            kind = rng.choices(kinds, weights=kind_weights)[0]
            ending, phase, low, high, (p_low, p_high), _w = kind
            closed = status == School.Status.CLOSED
            schools.append(
                School(
                    urn=urn,
                    name=_school_name(rng, ending),
                    la=la,
                    status=status,
                    phase=phase,
                    type="Academy converter" if ending == "Academy" else "Community school",
                    type_group="Academies"
                    if ending == "Academy"
                    else "Local authority maintained schools",
                    statutory_low_age=low,
                    statutory_high_age=high,
                    pupils=None if closed else rng.randint(p_low, p_high),
                    town=f"{rng.choice(PLACES)}{rng.choice(SUFFIXES)}",
                    postcode=f"ZZ{rng.randint(1, 99)} {rng.randint(1, 9)}AA",
                    opened_on=dt.date(rng.randint(1950, 2020), 9, 1),
                    closed_on=dt.date(rng.randint(2000, 2024), 8, 31) if closed else None,
                )
            )
            urn += 1
    School.objects.bulk_create(schools, batch_size=BATCH)
    schools = list(School.objects.only("pk", "la_id", "status").order_by("urn"))

    open_by_la: dict[int, list[int]] = {la.pk: [] for la in las}
    for s in schools:
        if s.status == School.Status.OPEN:
            open_by_la[s.la_id].append(s.pk)
    # Clusters: hosted in proportion to schools; the focus LA has at least eight.
    host_weights = [len(open_by_la[la.pk]) or 1 for la in las]
    focus_share = max(8, round(sizes.clusters * host_weights[0] / sum(host_weights)))
    hosts = [las[0]] * focus_share + rng.choices(
        las[1:], weights=host_weights[1:], k=sizes.clusters - focus_share
    )
    kinds_c = list(Cluster.Kind.values)
    clusters = [
        Cluster(
            name=f"{rng.choice(PLACES)}{rng.choice(SUFFIXES)} Cluster {n + 1}",
            host_la=la,
            kind=kinds_c[n % len(kinds_c)],
            description="A benchmark cluster of schools working together.",
            founded_on=dt.date(rng.randint(1995, 2025), 9, 1),
        )
        for n, la in enumerate(hosts)
    ]
    Cluster.objects.bulk_create(clusters, batch_size=BATCH)
    clusters = list(Cluster.objects.order_by("pk"))

    memberships = []
    all_open = [pk for pks in open_by_la.values() for pk in pks]
    for cluster in clusters:
        pool = open_by_la[cluster.host_la_id] or all_open
        size = min(rng.randint(5, 10), len(pool))
        members = rng.sample(pool, size)
        if rng.random() < 0.05:  # a trust across an LA boundary
            members += rng.sample(all_open, 2)
        assert cluster.founded_on is not None  # every bench cluster is given one
        for i, school_id in enumerate(dict.fromkeys(members)):
            joined = cluster.founded_on + dt.timedelta(days=rng.randint(0, 600))
            left = (
                joined + dt.timedelta(days=rng.randint(200, 900)) if rng.random() < 0.08 else None
            )
            memberships.append(
                Membership(
                    cluster=cluster,
                    school_id=school_id,
                    joined_on=joined,
                    left_on=left if i else None,
                    is_lead=(i == 0),
                )
            )
    Membership.objects.bulk_create(memberships, batch_size=BATCH)
    return las, clusters, memberships


def build_people(las, clusters) -> tuple[User, User, list[User], list[User]]:
    password = "!bench-no-sign-in"  # unusable: people are signed in with force_login
    facilitator = User(email="facilitator@bench.test", name="Bench Facilitator", password=password)
    la_facilitator = User(
        email="la-facilitator@bench.test", name="Bench LA Facilitator", password=password
    )
    coleaders = [
        User(email=f"coleader-{la.code}@bench.test", name=f"Co-leader {la.code}", password=password)
        for la in las
    ]
    leads = [
        User(email=f"lead-{c.pk}@bench.test", name=f"Lead {c.pk}", password=password)
        for c in clusters
    ]
    User.objects.bulk_create([facilitator, la_facilitator, *coleaders, *leads], batch_size=BATCH)
    by_email = {u.email: u for u in User.objects.all()}
    facilitator = by_email["facilitator@bench.test"]
    coleaders = [by_email[f"coleader-{la.code}@bench.test"] for la in las]
    leads = [by_email[f"lead-{c.pk}@bench.test"] for c in clusters]
    roles = [RoleAssignment(user=facilitator, role=Role.NATIONAL_FACILITATOR)]
    roles += [
        RoleAssignment(user=u, role=Role.LA_COLEADER, la=la)
        for u, la in zip(coleaders, las, strict=True)
    ]
    roles += [
        RoleAssignment(user=u, role=Role.CLUSTER_LEAD, cluster=c)
        for u, c in zip(leads, clusters, strict=True)
    ]
    roles.append(
        RoleAssignment(user=by_email["la-facilitator@bench.test"], role=Role.LA_OFFICER, la=las[-1])
    )
    RoleAssignment.objects.bulk_create(roles, batch_size=BATCH)
    return facilitator, by_email["la-facilitator@bench.test"], coleaders, leads


def build_enquiries(
    rng: random.Random, las, clusters, facilitator, la_facilitator, coleaders, leads
) -> dict:
    """Issue-3 scale enquiry work, bulk-created (not through services)."""
    m = apps.get_app_config("enquiries")
    Initiative = cast("type[em.Initiative]", m.get_model("Initiative"))
    Project = cast("type[em.Project]", m.get_model("Project"))
    ClusterParticipation = cast(
        "type[em.ClusterParticipation]", m.get_model("ClusterParticipation")
    )
    Enquiry = cast("type[em.Enquiry]", m.get_model("Enquiry"))
    QuestionRevision = cast("type[em.QuestionRevision]", m.get_model("QuestionRevision"))
    EnquiryLink = cast("type[em.EnquiryLink]", m.get_model("EnquiryLink"))
    EnquiryEvent = cast("type[em.EnquiryEvent]", m.get_model("EnquiryEvent"))
    AlignmentReview = cast("type[em.AlignmentReview]", m.get_model("AlignmentReview"))
    Rating = cast(Field, m.get_model("AlignmentReview")._meta.get_field("rating")).choices
    ratings = [value for value, _ in Rating]  # type: ignore[union-attr]  # rating has choices
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
    RoleAssignment.objects.create(
        user=la_facilitator, role=Role.LA_FACILITATOR, project=project_of[las[0].pk]
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
    revisions, events = [], []
    for e in enquiries:
        n = 1 if e.level == Level.NATIONAL else rng.randint(1, 9)
        for number in range(1, n + 1):
            revisions.append(
                QuestionRevision(
                    enquiry=e,
                    number=number,
                    author=owner_of[e.pk],
                    text=f"How can we learn more about {rng.choice(PLACES).lower()} "
                    f"working, take {number}?",
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
    EnquiryEvent.objects.bulk_create(events, batch_size=BATCH)

    # Notifications for the people measured, so "My work" has a backlog to show.
    try:
        Notification = cast(
            "type[notifications.models.Notification]",
            apps.get_model("notifications", "Notification"),
        )
    except LookupError:  # pragma: no cover - the app is always installed today
        Notification = None
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


def build(scale: float, *, seed: int = 2026, log: Callable[[str], None] = print) -> Built:
    rng = random.Random(seed)
    sizes = Sizes.at(scale)
    started = time.perf_counter()
    with transaction.atomic():
        las, clusters, memberships = build_register(sizes, rng)
        facilitator, la_facilitator, coleaders, leads = build_people(las, clusters)
        extra = {}
        if apps.is_installed("enquiries"):
            extra = build_enquiries(
                rng, las, clusters, facilitator, la_facilitator, coleaders, leads
            )
    if connections["default"].vendor == "postgresql":
        # Autovacuum would analyse the new tables in a while; a live database has
        # statistics, so plan with them now.
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    focus = las[0]
    focus_clusters = [c for c in clusters if c.host_la_id == focus.pk]
    size: dict[int, int] = {}
    for ms in memberships:
        size[ms.cluster_id] = size.get(ms.cluster_id, 0) + 1
    cluster = max(focus_clusters, key=lambda c: (size.get(c.pk, 0), -c.pk))
    school = School.objects.get(
        pk=Membership.objects.filter(cluster=cluster, is_lead=True).values("school_id")[:1]
    )
    counts = {
        "LAs": len(las),
        "open schools": sizes.open_schools,
        "closed schools": sizes.closed_schools,
        "clusters": len(clusters),
        "memberships": len(memberships),
        **extra.get("counts", {}),
    }
    log(
        f"Built in {time.perf_counter() - started:.1f}s: "
        + ", ".join(f"{n:,} {what}" for what, n in counts.items())
    )
    return Built(
        focus_la=focus,
        cluster=cluster,
        school=school,
        facilitator=facilitator,
        coleader=coleaders[0],
        initiative_id=extra.get("initiative_id"),
        project_id=extra.get("project_id"),
        enquiry_id=extra.get("enquiry_id"),
        counts=counts,
    )


# --- Measuring -------------------------------------------------------------------


@dataclass
class PageSpec:
    label: str
    url_name: str
    args: Callable[[Built], list]
    persona: str = "facilitator"  # or "coleader"
    query: str = ""


PAGES = [
    PageSpec("LA directory", "networks:la_list", lambda b: []),
    PageSpec("LA page", "networks:la_detail", lambda b: [b.focus_la.code]),
    PageSpec("LA page (co-leader)", "networks:la_detail", lambda b: [b.focus_la.code], "coleader"),
    PageSpec("LA schools", "networks:la_schools", lambda b: [b.focus_la.code]),
    PageSpec("LA isolated schools", "networks:la_isolated", lambda b: [b.focus_la.code]),
    PageSpec("cluster page", "networks:cluster_detail", lambda b: [b.cluster.pk]),
    PageSpec("school page", "networks:school_detail", lambda b: [b.school.urn]),
    PageSpec("search", "networks:search", lambda b: [], query=f"q={SEARCH_TERM}"),
    PageSpec("home: my work", "networks:home", lambda b: []),
    PageSpec("home: my work (co-leader)", "networks:home", lambda b: [], "coleader"),
    PageSpec("initiative matrix", "enquiries:initiative_detail", lambda b: [b.initiative_id]),
    PageSpec("project page", "enquiries:project_detail", lambda b: [b.project_id]),
    PageSpec(
        "project page (co-leader)", "enquiries:project_detail", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("project map", "enquiries:project_map", lambda b: [b.project_id]),
    PageSpec("enquiry page", "enquiries:enquiry_detail", lambda b: [b.enquiry_id]),
    PageSpec("review queue", "enquiries:review_queue", lambda b: []),
    PageSpec("review queue (co-leader)", "enquiries:review_queue", lambda b: [], "coleader"),
]


@dataclass
class Result:
    page: str
    median_ms: float
    p95_ms: float
    queries: int
    floor_ratio: float = 1.0
    status: int = 200

    def as_dict(self) -> dict:
        return {
            "page": self.page,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "queries": self.queries,
            "floor_ratio": round(self.floor_ratio, 2),
        }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure(client: Client, url: str, repeat: int, alias: str = "default") -> Result:
    client.get(url, secure=True)  # warm caches, compile templates
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url, secure=True)
        timings.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connections[alias]) as captured:
        response = client.get(url, secure=True)
    return Result(
        page=url,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=len(captured),
        status=response.status_code,
    )


def run_pages(built: Built, repeat: int, log: Callable[[str], None] = print) -> list[Result]:
    # A broken page answers 500 and is reported, rather than stopping the run.
    clients = {
        "facilitator": Client(raise_request_exception=False),
        "coleader": Client(raise_request_exception=False),
    }
    clients["facilitator"].force_login(built.facilitator)
    clients["coleader"].force_login(built.coleader)

    floor = measure(Client(), reverse("healthz"), repeat)
    floor.page = "healthz (floor)"
    results = [floor]
    skipped = []
    for spec in PAGES:
        args = spec.args(built)
        if any(a is None for a in args):
            skipped.append(f"{spec.label}: no data (its app is not installed)")
            continue
        try:
            url = reverse(spec.url_name, args=args)
        except NoReverseMatch:
            skipped.append(f"{spec.label}: no URL named {spec.url_name}")
            continue
        if spec.query:
            url = f"{url}?{spec.query}"
        result = measure(clients[spec.persona], url, repeat)
        if result.status != 200:
            log(f"  note: {spec.label} ({url}) answered {result.status}")
        result.page = spec.label
        result.floor_ratio = result.median_ms / floor.median_ms if floor.median_ms else 0.0
        results.append(result)
    for note in skipped:
        log(f"  skipped {note}")
    return results


def table(results: list[Result]) -> str:
    width = max(len(r.page) for r in results)
    lines = [
        f"{'page':<{width}}  {'median_ms':>9}  {'p95_ms':>8}  {'queries':>7}  {'floor_ratio':>11}"
    ]
    for r in results:
        lines.append(
            f"{r.page:<{width}}  {r.median_ms:>9.2f}  {r.p95_ms:>8.2f}  {r.queries:>7}  "
            f"{r.floor_ratio:>11.1f}"
        )
    return "\n".join(lines)


@contextmanager
def measuring_settings():
    """Production-like request handling, but reachable from the in-process Client."""
    storages = {**settings.STORAGES}
    # The manifest storage needs collectstatic; the page work is the same without it.
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    with override_settings(
        DEBUG=False,
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        STORAGES=storages,
        AXES_ENABLED=False,
    ):
        yield


def run(scale: float = 1.0, repeat: int = 30, log: Callable[[str], None] = print) -> list[Result]:
    with bench_database() as name:
        log(f"Benchmark database: {name}")
        built = build(scale, log=log)
        with measuring_settings():
            results = run_pages(built, repeat, log=log)
    return results
