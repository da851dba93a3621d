"""A national-scale benchmark of the main pages, in a database of its own.

`python manage.py bench` creates a fresh database beside the configured one (a temp
file for SQLite; "<name>_bench" on PostgreSQL, created and dropped with Django's own
test-database machinery), fills it with about England's size of register and enquiry
work using bulk inserts, then requests each main page in-process with the test
Client and reports server time and query count against the signed-in floor
(/floor/: session, user, unread count, the base layout; /healthz/ kept as a row).

Data built at scale 1 (everything scales with --scale, with small floors so every
page has something to show):

- 152 LAs; 24,000 open schools plus 10% closed; 3,000 clusters of 5-10 schools
  (a few cross LA boundaries, some members have left);
- a national initiative with 3 key questions; every LA with a project and an LA
  question; every cluster in its host LA's project with its own question; about
  15,000 revisions, 10,000 alignment reviews, links to key questions and events;
- people: a national facilitator, a co-leader per LA, a lead per cluster, an
  LA-to-LA facilitator;
- plans: about 50,000 plan items (twice the share in the focus LA's project), their
  dependencies and milestones, and four feedback loops a project answered by most
  clusters (devtools/bench/plans_data.py);
- brokerage: per LA about 50 activities (10 per role), 20 partners with
  partnerships to its clusters, 10 resource allocations, 5 commissioned services with
  an impact review, and LA-to-LA visits to the focus project
  (devtools/bench/brokerage_data.py);
- the focus project's case study, built once (devtools/bench/report_data.py), which
  its page shows.

The "focus" LA (the one measured) is the biggest, like Essex.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connections, transaction

from networks.models import Cluster, LocalAuthority, Membership, Role, RoleAssignment, School, User

from .brokerage_data import build_brokerage
from .enquiry_data import build_enquiries
from .evidence_data import build_evidence
from .log_data import build_logs
from .meetings_data import build_meetings
from .plans_data import build_plans
from .report_data import build_case_study
from .words import BATCH, PLACES

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
    archive_item_id: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    feedback_loop_id: int | None = None
    meeting_id: int | None = None


# --- Its own database -------------------------------------------------------------


@contextmanager
def bench_database(
    alias: str = "default", *, keep: bool = False, reuse: bool = False
) -> Iterator[str]:
    """Point `alias` at a new, migrated database for the duration; drop it afterwards.

    Reuses Django's test-database machinery (create_test_db / destroy_test_db), with
    the test database's name set to a temp file (SQLite) or "<name>_bench".
    `keep` leaves the database behind afterwards (SQLite: var/bench.sqlite3), for
    `--reuse` or the load test; `reuse` opens the one kept last time instead of
    building anew.
    """
    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    tmpdir = None
    if connection.vendor == "sqlite":
        if keep or reuse:
            test_settings["NAME"] = str(kept_sqlite_path())
        else:
            tmpdir = tempfile.mkdtemp(prefix="enquiry-bench-")
            test_settings["NAME"] = os.path.join(tmpdir, "bench.sqlite3")
    else:
        test_settings["NAME"] = f"{old_name}_bench"
    try:
        name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False, keepdb=reuse
        )
        try:
            yield name
        finally:
            if keep or reuse:
                connection.close()
                connection.settings_dict["NAME"] = old_name
            else:
                connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
    finally:
        test_settings.clear()
        if tmpdir:
            shutil.rmtree(tmpdir, ignore_errors=True)


def kept_sqlite_path() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "bench.sqlite3"


def kept_built_path(database: str) -> Path:
    """Where `--keep` records what it built, for `--reuse` and the load test."""
    from django.conf import settings

    return Path(settings.VAR_DIR) / f"bench-built-{Path(str(database)).name}.json"


def save_built(built: Built, database: str) -> None:
    data = {
        "focus_la": built.focus_la.pk,
        "cluster": built.cluster.pk,
        "school": built.school.pk,
        "facilitator": built.facilitator.pk,
        "coleader": built.coleader.pk,
        "initiative_id": built.initiative_id,
        "project_id": built.project_id,
        "enquiry_id": built.enquiry_id,
        "archive_item_id": built.archive_item_id,
        "feedback_loop_id": built.feedback_loop_id,
        "counts": built.counts,
    }
    path = kept_built_path(database)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def load_built(database: str) -> Built:
    path = kept_built_path(database)
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: build with --keep first")
    data = json.loads(path.read_text())
    return Built(
        focus_la=LocalAuthority.objects.get(pk=data.pop("focus_la")),
        cluster=Cluster.objects.get(pk=data.pop("cluster")),
        school=School.objects.get(pk=data.pop("school")),
        facilitator=User.objects.get(pk=data.pop("facilitator")),
        coleader=User.objects.get(pk=data.pop("coleader")),
        **data,
    )


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


def build(scale: float, *, seed: int = 2026, log: Callable[[str], None] = print) -> Built:
    rng = random.Random(seed)
    sizes = Sizes.at(scale)
    started = time.perf_counter()
    with transaction.atomic():
        las, clusters, memberships = build_register(sizes, rng)
        facilitator, la_facilitator, coleaders, leads = build_people(las, clusters)
        extra = build_enquiries(rng, las, clusters, facilitator, la_facilitator, coleaders, leads)
        plans: dict = {}
        meetings: dict = {}
        if extra.get("initiative_id"):
            people: dict[int, list] = {la.pk: [u] for la, u in zip(las, coleaders, strict=True)}
            for c, lead in zip(clusters, leads, strict=True):
                people[c.host_la_id].append(lead)
            plans = build_plans(
                rng,
                initiative_id=extra["initiative_id"],
                focus_project_id=extra["project_id"],
                scale=scale,
                people=people,
            )
            meetings = build_meetings(
                rng,
                initiative_id=extra["initiative_id"],
                focus_project_id=extra["project_id"],
                scale=scale,
                people=people,
            )
        logs = build_logs(rng, las, coleaders, leads, extra.get("project_id"))
        evidence = build_evidence(rng, extra.get("project_id"), scale, facilitator)
        brokerage = build_brokerage(
            rng,
            las,
            clusters,
            coleaders,
            scale=scale,
            la_facilitator=la_facilitator,
            focus_project_id=extra.get("project_id"),
        )
    if connections["default"].vendor == "postgresql":
        # Autovacuum would analyse the new tables in a while; a live database has
        # statistics, so plan with them now.
        with connections["default"].cursor() as cursor:
            cursor.execute("ANALYZE")
    if extra.get("project_id"):
        build_case_study(extra["project_id"], coleaders[0], log=log)
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
        **plans.get("counts", {}),
        **logs.get("counts", {}),
        **meetings.get("counts", {}),
        **evidence.get("counts", {}),
        **brokerage["counts"],
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
        archive_item_id=logs.get("archive_item_id"),
        counts=counts,
        feedback_loop_id=plans.get("feedback_loop_id"),
        meeting_id=meetings.get("meeting_id"),
    )
