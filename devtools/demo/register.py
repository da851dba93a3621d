"""Demo data for the register and the people: LAs, schools, clusters and demo sign-ins.

Everything here is keyed on natural keys (LA code, URN, cluster host LA + name, email),
so `seed_demo` can run on every `make run` and changes nothing the second time.

Schools are real (names, URNs, towns, postcodes from a 2022 register extract); the LA
each belongs to is worked out from its postcode district, which is close enough for a
demo. Phase, ages and pupil numbers are guessed from the name, deterministically.
Clusters, descriptions and people are invented for the demo.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from networks.models import Cluster, LocalAuthority, Membership, School, User
from networks.reference_data import reference_data_dir

from .clusters import ESSEX_CLUSTERS, ClusterSpec, PlannedMember, other_la_clusters, plan_members
from .people import grant, people, seed_people, slug
from .sources import (
    DEMO_ACCOUNTS,
    DEMO_DOMAIN,
    DEMO_EMAILS,
    DEMO_PASSWORD,
    ESSEX,
    HARLOW_CLUSTER,
    KIRKLEES,
    PARTICIPATING_LA_CODES,
    PROFILES,
    Report,
    Row,
    demo_email,
    read_candidates,
    read_las,
    stable,
    type_for,
    write_data_subset,
)

# What callers (seed_demo, the enquiry demo, tests) use from here.
__all__ = [
    "DEMO_DOMAIN",
    "DEMO_EMAILS",
    "DEMO_PASSWORD",
    "ESSEX",
    "HARLOW_CLUSTER",
    "KIRKLEES",
    "PARTICIPATING_LA_CODES",
    "Seeded",
    "accounts_table",
    "demo_email",
    "grant",
    "seed_register",
    "slug",
    "write_data_subset",
]


# --- Seeding -----------------------------------------------------------------------


def seed_las(folder: Path) -> dict[str, LocalAuthority]:
    rows = read_las(folder)
    existing = {la.code: la for la in LocalAuthority.objects.all()}
    create, update = [], []
    for row in rows:
        la = existing.get(row["code"])
        if la is None:
            create.append(LocalAuthority(**row))
        elif (la.name, la.region) != (row["name"], row["region"]):
            la.name, la.region = row["name"], row["region"]
            update.append(la)
    LocalAuthority.objects.bulk_create(create)
    LocalAuthority.objects.bulk_update(update, ["name", "region"])
    return {la.code: la for la in LocalAuthority.objects.all()}


def _target_size(code: str) -> int:
    if code == ESSEX:
        return 150
    return 40 + stable(f"size-{code}", 81)  # 40 to 120 schools


def choose_schools(candidates: dict[str, list[Row]], members: list[PlannedMember]):
    """(row, LA code) for every school the demo holds: cluster members plus a spread."""
    chosen: dict[int, tuple[Row, str]] = {m.row.urn: (m.row, m.la) for m in members}
    for code in PARTICIPATING_LA_CODES:
        rows = candidates.get(code, [])
        open_rows = [r for r in rows if r.closed_on is None]
        target = _target_size(code)
        have = sum(1 for _, la in chosen.values() if la == code)
        step = max(1, len(open_rows) // max(target - have, 1))
        for r in open_rows[::step]:
            if have >= target:
                break
            if r.urn not in chosen:
                chosen[r.urn] = (r, code)
                have += 1
        # A few closed schools, recently closed, so the register shows some history.
        closed = sorted(
            (r for r in rows if r.closed_on and r.closed_on.year >= 2008),
            key=lambda r: (r.closed_on, r.urn),
            reverse=True,
        )
        for r in closed[: 2 + stable(f"closed-{code}", 3)]:
            chosen.setdefault(r.urn, (r, code))
    return list(chosen.values())


def school_fields(row: Row, la: LocalAuthority, *, small: bool = False, trust: str = "") -> dict:
    profile = "small_primary" if small else row.profile
    spec = PROFILES[profile]
    low, high = spec.pupils
    type_, group = type_for(row.name, row.profile)
    return {
        "name": row.name,
        "la": la,
        "type": type_,
        "type_group": group,
        "status": School.Status.CLOSED if row.closed_on else School.Status.OPEN,
        "phase": spec.phase,
        "statutory_low_age": spec.low,
        "statutory_high_age": spec.high,
        "pupils": None if row.closed_on else low + stable(f"pupils-{row.urn}", high - low),
        "town": row.town,
        "postcode": row.postcode,
        "opened_on": row.opened_on,
        "closed_on": row.closed_on,
        "trust_name": trust,
    }


SCHOOL_FIELDS = [
    "name",
    "la",
    "type",
    "type_group",
    "status",
    "phase",
    "statutory_low_age",
    "statutory_high_age",
    "pupils",
    "town",
    "postcode",
    "opened_on",
    "closed_on",
    "trust_name",
]


def seed_schools(chosen, las, small_urns: set[int], trust_of: dict[int, str]) -> dict[int, School]:
    existing = {s.urn: s for s in School.objects.filter(urn__in=[r.urn for r, _ in chosen])}
    create, update = [], []
    for row, code in chosen:
        values = school_fields(
            row, las[code], small=row.urn in small_urns, trust=trust_of.get(row.urn, "")
        )
        school = existing.get(row.urn)
        if school is None:
            create.append(School(urn=row.urn, **values))
            continue
        changed = False
        for name, value in values.items():
            current = school.la_id if name == "la" else getattr(school, name)
            wanted = value.pk if name == "la" else value
            if current != wanted:
                setattr(school, name, value)
                changed = True
        if changed:
            update.append(school)
    School.objects.bulk_create(create, batch_size=500)
    School.objects.bulk_update(update, SCHOOL_FIELDS, batch_size=500)
    return {s.urn: s for s in School.objects.filter(urn__in=[r.urn for r, _ in chosen])}


def seed_clusters(
    specs: list[ClusterSpec],
    plans: dict[tuple[str, str], list[PlannedMember]],
    las,
    schools: dict[int, School],
) -> dict[tuple[str, str], Cluster]:
    clusters: dict[tuple[str, str], Cluster] = {}
    for spec in specs:
        cluster, _ = Cluster.objects.update_or_create(
            host_la=las[spec.la],
            name=spec.name,
            defaults={
                "kind": spec.kind,
                "description": spec.description,
                "founded_on": spec.founded,
                "dissolved_on": spec.dissolved,
            },
        )
        clusters[spec.key] = cluster
        existing = {(m.school_id, m.joined_on): m for m in cluster.memberships.all()}
        for planned in plans[spec.key]:
            school = schools[planned.row.urn]
            membership = existing.get((school.pk, planned.joined))
            if membership is None:
                Membership.objects.create(
                    cluster=cluster,
                    school=school,
                    joined_on=planned.joined,
                    left_on=planned.left,
                    is_lead=planned.lead,
                )
            elif (membership.left_on, membership.is_lead) != (planned.left, planned.lead):
                membership.left_on, membership.is_lead = planned.left, planned.lead
                membership.save(update_fields=["left_on", "is_lead"])
    return clusters


@dataclass
class Seeded:
    las: dict[str, LocalAuthority]
    clusters: dict[tuple[str, str], Cluster]  # by (host LA code, name)
    users: dict[str, User]
    report: Report


@transaction.atomic
def seed_register(folder: Path | None = None) -> Seeded:
    report = Report()
    folder = folder or reference_data_dir()
    las = seed_las(folder)
    candidates = read_candidates(folder)
    names = {code: la.name for code, la in las.items()}

    specs = ESSEX_CLUSTERS + other_la_clusters(names, candidates)
    taken: set[int] = set()
    plans = {spec.key: plan_members(spec, candidates, taken) for spec in specs}
    members = [m for spec in specs for m in plans[spec.key]]
    small = {m.row.urn for spec in specs if spec.small_schools for m in plans[spec.key]}
    trust_of = {m.row.urn: spec.trust for spec in specs if spec.trust for m in plans[spec.key]}

    schools = seed_schools(choose_schools(candidates, members), las, small, trust_of)
    clusters = seed_clusters(specs, plans, las, schools)
    users = seed_people(people(las, clusters, plans), schools, report)

    report.add(
        f"{len(las)} LAs, {len(schools)} schools in {len(PARTICIPATING_LA_CODES)} "
        f"participating LAs, {len(clusters)} clusters, {len(users)} people."
    )
    return Seeded(las=las, clusters=clusters, users=users, report=report)


def accounts_table() -> str:
    """README's demo sign-ins as an aligned two-column table."""
    width = max(len(label) for label, _ in DEMO_ACCOUNTS)
    lines = [f"    {'role':<{width}}  email"]
    lines += [f"    {label:<{width}}  {demo_email(local)}" for label, local in DEMO_ACCOUNTS]
    return "\n".join(lines)
