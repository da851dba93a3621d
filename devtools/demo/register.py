"""Demo data for the register and the people: LAs, schools, clusters and demo sign-ins.

Everything here is keyed on natural keys (LA code, URN, cluster host LA + name, email),
so `seed_demo` can run on every `make run` and changes nothing the second time.

Schools are real (names, URNs, towns, postcodes from a 2022 register extract); the LA
each belongs to is worked out from its postcode district, which is close enough for a
demo. Phase, ages and pupil numbers are guessed from the name, deterministically.
Clusters, descriptions and people are invented for the demo.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction

from networks.models import Cluster, LocalAuthority, Membership, Role, RoleAssignment, School, User
from networks.reference_data import reference_data_dir

DEMO_PASSWORD = "enquiry-demo-2026"  # noqa: S105 - a published demo password, DEBUG only
DEMO_DOMAIN = "demo.enquiry-networks.test"

# The sign-ins README.md lists, in its order: (label, email local part).
DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("National facilitator", "facilitator"),
    ("LA co-leader (Essex)", "coleader"),
    ("LA officer (Essex)", "officer"),
    ("LA-to-LA facilitator (Kirklees, facilitating Essex)", "la-facilitator"),
    ("Consultant (Essex clusters)", "consultant"),
    ("Link adviser (Essex clusters)", "link-adviser"),
    ("Cluster lead (Harlow Learning Partnership)", "cluster-lead"),
    ("Cluster member (Harlow Learning Partnership)", "cluster-member"),
    ("School contact (Harlow)", "school-contact"),
    ("Administrator (Django admin at /admin/)", "admin"),
]


def demo_email(local: str) -> str:
    return f"{local}@{DEMO_DOMAIN}"


DEMO_EMAILS = [demo_email(local) for _, local in DEMO_ACCOUNTS]

ESSEX = "881"
KIRKLEES = "382"
HARLOW_CLUSTER = "Harlow Learning Partnership"

# The LAs of the national initiative (the 19 that stayed the course, plus
# Northamptonshire, whose area partnership came later). The LA list predates the
# 2009-2023 mergers, so Cheshire is its eastern successor's row and Cumbria and
# Dorset keep their old county codes.
PARTICIPATING_LA_CODES = [
    "889",  # Blackburn with Darwen
    "303",  # Bexley
    "350",  # Bolton
    "873",  # Cambridgeshire
    "895",  # Cheshire (Cheshire East)
    "908",  # Cornwall
    "909",  # Cumbria
    "835",  # Dorset
    "881",  # Essex
    "390",  # Gateshead
    "382",  # Kirklees
    "340",  # Knowsley
    "888",  # Lancashire
    "205",  # Hammersmith and Fulham
    "850",  # Hampshire
    "314",  # Kingston upon Thames
    "333",  # Sandwell
    "212",  # Wandsworth
    "938",  # West Sussex
    "928",  # Northamptonshire
]

# Postcode districts (outward codes) that fall mostly inside each participating LA.
_DISTRICTS = {
    "889": r"BB[123]",
    "303": r"DA(5|6|7|8|14|15|16|17|18)",
    "350": r"BL[1-7]",
    "873": r"CB[1-9]|CB2[1-5]|PE(1[3-9]|2[6-9])",
    "895": r"CW(1|2|3|4|11|12)|SK(9|10|11)",
    "908": r"TR\d+|PL(1[3-9]|2\d|3[0-5])",
    "909": r"CA\d+|LA(8|9|1\d|2[0-3])",
    "835": r"DT\d+|BH(16|18|19|20|21|22|24|31)",
    "881": r"CM([0-9]|1[0-9]|2[0-2]|7[7-9])|CO\d+|SS([4-9]|1[1-5])|IG10|EN9|CB1[01]",
    "390": r"NE(8|9|10|11|16|21|39|40)",
    "382": r"HD\d+|WF1[2-7]",
    "340": r"L(28|3[2-6])",
    "888": r"PR\d+|LA[1-6]|BB([4-9]|1[0-2]|18)|FY[5-8]|L(39|40)|WN8",
    "205": r"W(6|12|14)|SW6",
    "850": r"SO(2[0-4]|3[0-2]|4[0-3]|5[0-3])|GU(1[1-4]|3[0-5]|46|51|52)|RG2[0-9]|PO(7|8|9|1[0-7])",
    "314": r"KT[1-69]",
    "333": r"B(6[4-9]|7[01])",
    "212": r"SW(11|12|15|17|18)",
    "938": r"RH(1[0-7]|20)|BN(1[1-8]|4[3-5])|PO(1[89]|2[0-2])|GU2[7-9]",
    "928": r"NN\d+",
}
# One pattern with a named group per LA: m.lastgroup says which LA matched.
_DISTRICT_RE = re.compile(
    "|".join(f"(?P<la{code}>(?:{pattern})$)" for code, pattern in _DISTRICTS.items())
)

# Not schools, or not the kind of establishment that joins a cluster.
_NOT_A_SCHOOL = re.compile(
    r"\b(ltd|limited|tuition|training|services|day nursery|hospital|ysgol|unit|centre)\b", re.I
)


def write_data_subset(target: Path, source: Path | None = None) -> int:
    """Copy the LA list and the establishments the demo can use into `target`.

    The demo reads only rows in the participating LAs' postcode districts, so it
    builds exactly the same data from this subset (about 7,000 rows) as from the
    full file; vendor it in the repository so a fresh clone can seed.
    """
    source = source or reference_data_dir()
    target.mkdir(parents=True, exist_ok=True)
    (target / "local-authorities-england.csv").write_bytes(
        (source / "local-authorities-england.csv").read_bytes()
    )
    kept = 0
    with (
        open(source / "establishments-2022.csv", encoding="utf-8", newline="") as fh,
        open(target / "establishments-2022.csv", "w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(fh)
        writer = csv.DictWriter(out, fieldnames=cast(list[str], reader.fieldnames))
        writer.writeheader()
        for raw in reader:
            if _DISTRICT_RE.match(raw["postcode"].split(" ")[0]):
                writer.writerow(raw)
                kept += 1
    return kept


def stable(text: str, modulo: int) -> int:
    """A number from text that is the same on every run and every machine."""
    return zlib.crc32(text.encode()) % modulo


def _date(value: str) -> dt.date | None:
    if not value:
        return None
    day, month, year = value.split("-")
    return dt.date(int(year), int(month), int(day))


# --- Guessing a school's phase from its name ----------------------------------------


@dataclass(frozen=True)
class Profile:
    phase: str
    low: int
    high: int
    pupils: tuple[int, int]  # a plausible range of numbers on roll


P = School.Phase
PROFILES = {
    "nursery": Profile(P.NURSERY, 2, 5, (40, 110)),
    "infant": Profile(P.PRIMARY, 4, 7, (80, 300)),
    "junior": Profile(P.PRIMARY, 7, 11, (120, 380)),
    "first": Profile(P.PRIMARY, 4, 9, (90, 300)),
    "primary": Profile(P.PRIMARY, 4, 11, (90, 460)),
    "small_primary": Profile(P.PRIMARY, 4, 11, (34, 110)),
    "middle": Profile(P.MIDDLE_DEEMED_SECONDARY, 9, 13, (300, 650)),
    "secondary": Profile(P.SECONDARY, 11, 16, (600, 1300)),
    "secondary_sixth": Profile(P.SECONDARY, 11, 18, (800, 1750)),
    "sixth_form": Profile(P.SIXTEEN_PLUS, 16, 19, (400, 1400)),
    "all_through": Profile(P.ALL_THROUGH, 4, 18, (900, 1800)),
    "special": Profile(P.NOT_APPLICABLE, 3, 19, (40, 220)),
    "alternative": Profile(P.NOT_APPLICABLE, 11, 16, (15, 90)),
}


def profile_for(name: str) -> str:
    n = name.lower()
    if "special" in n or "fields school" in n:
        return "special"
    if "pupil referral" in n or " ap " in f" {n} " or "support centre" in n:
        return "alternative"
    if "all-through" in n or "all through" in n:
        return "all_through"
    if "sixth form" in n:
        return "sixth_form"
    if "infant" in n:
        return "infant"
    if "junior" in n:
        return "junior"
    if "first school" in n:
        return "first"
    if "middle" in n:
        return "middle"
    if "primary" in n:
        return "primary"
    if "nursery school" in n and "primary" not in n:
        return "nursery"
    if "grammar" in n or "utc" in n or "catholic school" in n or "girls' school" in n:
        return "secondary_sixth"
    if "college" in n:
        # "Harlow College", "X Sixth Form College" are further education; a school
        # that calls itself a college usually says what kind ("Catholic College").
        if re.search(
            r"school|academy|high|catholic|community|technology|sports?|arts|"
            r"language|science|business|specialist|church",
            n,
        ):
            return "secondary_sixth"
        return "sixth_form"
    if any(
        word in n
        for word in (
            "high school",
            "academy",
            "secondary",
            "comprehensive",
            "technology",
            "upper school",
            "community school",
        )
    ):
        return "secondary"
    # Most establishments named just "X School" or "St Y's CofE School" are primaries.
    return "primary"


def type_for(name: str, profile: str) -> tuple[str, str]:
    """(type of establishment, type group), guessed from the name."""
    n = name.lower()
    if profile == "special":
        if "academy" in n:
            return "Academy special converter", "Special schools"
        return "Community special school", "Special schools"
    if profile == "alternative":
        return "Pupil referral unit", "Local authority maintained schools"
    if "free school" in n:
        return "Free schools", "Free Schools"
    if "academy" in n or "utc" in n:
        return "Academy converter", "Academies"
    if "sixth form college" in n:
        return "Sixth form centres", "Colleges"
    if "catholic" in n or re.search(r"\brc\b", n) or "voluntary aided" in n:
        return "Voluntary aided school", "Local authority maintained schools"
    if re.search(r"\b(cofe|ce|c of e|church of england)\b", n):
        return "Voluntary controlled school", "Local authority maintained schools"
    if "foundation" in n:
        return "Foundation school", "Local authority maintained schools"
    return "Community school", "Local authority maintained schools"


# --- The register ------------------------------------------------------------------


@dataclass
class Row:
    urn: int
    name: str
    town: str
    postcode: str
    opened_on: dt.date | None
    closed_on: dt.date | None

    @property
    def district(self) -> str:
        return self.postcode.split(" ")[0] if self.postcode else ""

    @property
    def profile(self) -> str:
        return profile_for(self.name)


def _town(raw: str) -> str:
    """'BOLTON' -> 'Bolton'; 'Horwich, Bolton' -> 'Horwich'."""
    town = raw.split(",")[0].strip()
    return town.title() if town.isupper() else town


def read_las(folder: Path) -> list[dict]:
    with open(folder / "local-authorities-england.csv", encoding="utf-8", newline="") as fh:
        return [
            {"code": row["la_code"], "name": row["la_name"], "region": row["region"]}
            for row in csv.DictReader(fh)
        ]


def read_candidates(folder: Path) -> dict[str, list[Row]]:
    """Establishments of each participating LA, sorted by URN."""
    by_la: dict[str, list[Row]] = defaultdict(list)
    with open(folder / "establishments-2022.csv", encoding="utf-8", newline="") as fh:
        for raw in csv.DictReader(fh):
            district = raw["postcode"].split(" ")[0]
            if not district or _NOT_A_SCHOOL.search(raw["name"]):
                continue
            match = _DISTRICT_RE.match(district)
            if match is None:
                continue
            by_la[cast(str, match.lastgroup)[2:]].append(
                Row(
                    urn=int(raw["urn"]),
                    name=raw["name"].strip(),
                    town=_town(raw["town"]),
                    postcode=raw["postcode"].strip(),
                    opened_on=_date(raw["open_date"]),
                    closed_on=_date(raw["close_date"]),
                )
            )
    for rows in by_la.values():
        rows.sort(key=lambda r: r.urn)
    return by_la


# --- Clusters ----------------------------------------------------------------------


@dataclass
class ClusterSpec:
    la: str
    name: str
    kind: str
    founded: dt.date
    description: str
    # (postcode-district regex, profiles, how many) picked in URN order.
    picks: list[tuple[str, tuple[str, ...], int]]
    # How many members joined later than the founders, and how many have left.
    late_joiners: int = 0
    leavers: int = 0
    also: list[tuple[str, str, tuple[str, ...], int]] = field(default_factory=list)  # other LAs
    small_schools: bool = False
    trust: str = ""
    dissolved: dt.date | None = None
    match_on: str = "district"  # or "town"
    urns: tuple[int, ...] = ()  # named schools, picked first (the first is the lead)

    @property
    def key(self) -> tuple[str, str]:
        return (self.la, self.name)


PRIMARYISH = ("primary", "infant", "junior", "first")
SECONDARYISH = ("secondary", "secondary_sixth")
K = Cluster.Kind

ESSEX_CLUSTERS = [
    ClusterSpec(
        ESSEX,
        HARLOW_CLUSTER,
        K.PARTNERSHIP,
        dt.date(2001, 9, 1),
        "A cross-phase partnership across the new town: two secondary academies and the "
        "primaries that feed them. Heads meet twice a term; a shared family-support worker "
        "follows children through the move to secondary school.",
        [(r"CM(17|18|19|20)", PRIMARYISH, 9)],
        late_joiners=3,
        leavers=1,
        urns=(137445, 137694),  # Passmores Academy, Burnt Mill Academy
    ),
    ClusterSpec(
        ESSEX,
        "Dengie Small Schools Cluster",
        K.CLUSTER,
        dt.date(1996, 4, 1),
        "Eight small village primaries on the Dengie peninsula and around Maldon. Most have "
        "fewer than a hundred pupils; sharing a bursar, subject leadership and moderation "
        "lets each keep its doors open.",
        [(r"CM(0|9)", PRIMARYISH, 8)],
        small_schools=True,
    ),
    ClusterSpec(
        ESSEX,
        "Colchester Schools Federation",
        K.FEDERATION,
        dt.date(2003, 1, 15),
        "A loose federation of town schools around Colchester: no shared governing body, "
        "but a standing agreement to share training days, a supply pool and an "
        "attendance officer. Membership is wide and participation uneven.",
        [(r"CO[1-4]", PRIMARYISH, 11), (r"CO[1-4]", SECONDARYISH, 3)],
        late_joiners=4,
        leavers=2,
    ),
    ClusterSpec(
        ESSEX,
        "Tendring Coast Learning Network",
        K.NLC,
        dt.date(2003, 9, 1),
        "Coastal schools from Clacton to Harwich that applied to become a networked learning "
        "community and were not funded. They kept meeting anyway and now focus on "
        "aspiration in communities with high seasonal unemployment.",
        [(r"CO1[2-6]", PRIMARYISH, 6), (r"CO1[2-6]", SECONDARYISH, 1)],
        late_joiners=1,
        leavers=1,
    ),
    ClusterSpec(
        ESSEX,
        "Chelmsford Villages Cluster",
        K.CLUSTER,
        dt.date(2025, 1, 10),
        "The newest cluster: five village schools north and east of Chelmsford that first "
        "met in January 2025 to plan joint moderation. Relationships are still forming.",
        [(r"CM[13]", PRIMARYISH, 5)],
    ),
    ClusterSpec(
        ESSEX,
        "Uttlesford Rural Partnership",
        K.PARTNERSHIP,
        dt.date(2004, 6, 1),
        "Rural schools around Saffron Walden and Great Dunmow with one secondary. Long "
        "distances make face-to-face meetings hard; much of the work happens in pairs.",
        [(r"CB1[01]|CM6", SECONDARYISH, 1), (r"CB1[01]|CM6", PRIMARYISH, 6)],
        late_joiners=1,
    ),
    ClusterSpec(
        ESSEX,
        "Basildon Infant and Junior Cluster",
        K.CLUSTER,
        dt.date(1999, 9, 1),
        "Single-phase: infant, junior and primary schools in Basildon and Billericay that "
        "have worked together on early reading for many years.",
        [(r"SS1[2-6]|CM1[12]", PRIMARYISH, 8)],
        late_joiners=2,
        leavers=1,
    ),
    ClusterSpec(
        ESSEX,
        "Braintree and Witham Extended Schools Partnership",
        K.PARTNERSHIP,
        dt.date(2005, 3, 1),
        "Schools in Braintree and Witham working with the youth service, a health visitor "
        "team and a local college to offer extended services around the school day.",
        [(r"CM(7|8|77)", SECONDARYISH, 2), (r"CM(7|8|77)", PRIMARYISH, 7)],
        late_joiners=2,
    ),
]


def other_la_clusters(names: dict[str, str], candidates: dict[str, list[Row]]) -> list[ClusterSpec]:
    """One to three clusters in each other participating LA, plus a cross-LA trust."""
    specs: list[ClusterSpec] = []
    kinds = [K.CLUSTER, K.PARTNERSHIP, K.NLC, K.FEDERATION]
    for code in PARTICIPATING_LA_CODES:
        if code in (ESSEX, "928"):
            continue
        rows = [r for r in candidates.get(code, []) if r.closed_on is None]
        towns: dict[str, int] = defaultdict(int)
        for r in rows:
            if r.town and r.town != "London":
                towns[r.town] += 1
        # Towns big enough to hold a cluster; London boroughs are named after themselves.
        top_towns = [t for t in sorted(towns, key=lambda t: (-towns[t], t)) if towns[t] >= 10]
        for i in range(1 + stable(code, 3)):
            town = top_towns[i] if i < len(top_towns) else names[code]
            kind = kinds[(stable(code, 4) + i) % len(kinds)]
            town_rx = re.escape(town) if town != names[code] else ".*"
            if i == 0:
                name = f"{town} Cross-Phase Partnership"
                picks = [(town_rx, SECONDARYISH, 1), (town_rx, PRIMARYISH, 5)]
                desc = (
                    f"A secondary school and the primaries around it in {town}, working "
                    "on the move from primary to secondary school."
                )
            elif i == 1:
                name = f"{town} Primary Network"
                picks = [(town_rx, PRIMARYISH, 6)]
                desc = (
                    f"Primary heads in {town} who share moderation, training days and a "
                    "pupil-voice project."
                )
            else:
                name = f"{town} and District Schools Cluster"
                picks = [(town_rx, PRIMARYISH + SECONDARYISH, 5)]
                desc = f"A mixed cluster of schools in and around {town}."
            specs.append(
                ClusterSpec(
                    code,
                    name,
                    kind,
                    dt.date(1998 + stable(name, 10), 9, 1),
                    desc,
                    [(p, profs, n) for p, profs, n in picks],
                    late_joiners=1,
                    leavers=1 if i == 0 else 0,
                    match_on="town",
                )
            )
    specs.append(
        ClusterSpec(
            "928",
            "Northampton Area Improvement Partnership",
            K.AIP,
            dt.date(2009, 4, 1),
            "Every school and setting in the town, with area teams from social care, health and "
            "inclusion. A strategic group commissions support on the partnership's behalf; "
            "schools pool money for intensive help to the schools that need it most.",
            [("Northampton", PRIMARYISH, 22), ("Northampton", SECONDARYISH, 6)],
            late_joiners=5,
            match_on="town",
        )
    )
    specs.append(
        ClusterSpec(
            "889",
            "Pennine Lancashire Learning Trust",
            K.TRUST,
            dt.date(2017, 9, 1),
            "A multi-academy trust whose schools sit on both sides of the boundary between "
            "Blackburn with Darwen and Lancashire.",
            [("Blackburn|Darwen", PRIMARYISH, 3), ("Blackburn|Darwen", SECONDARYISH, 1)],
            also=[("888", "Burnley|Accrington", PRIMARYISH, 3)],
            late_joiners=2,
            trust="Pennine Lancashire Learning Trust",
            match_on="town",
        )
    )
    return specs


@dataclass
class PlannedMember:
    row: Row
    la: str
    joined: dt.date
    left: dt.date | None = None
    lead: bool = False


def _pick(
    rows: Iterable[Row],
    pattern: str,
    profiles: tuple[str, ...],
    n: int,
    taken: set[int],
    match: Callable[[Row], str],
) -> list[Row]:
    rx = re.compile(f"(?:{pattern})$", re.I)
    chosen: list[Row] = []
    for r in rows:
        if len(chosen) == n:
            break
        if r.urn in taken or r.closed_on is not None or r.profile not in profiles:
            continue
        if rx.match(match(r)):
            chosen.append(r)
            taken.add(r.urn)
    return chosen


def plan_members(spec: ClusterSpec, candidates: dict[str, list[Row]], taken: set[int]):
    def match(r: Row) -> str:
        return r.district if spec.match_on == "district" else r.town

    chosen: list[tuple[Row, str]] = []
    by_urn = {r.urn: r for r in candidates.get(spec.la, [])}
    for urn in spec.urns:
        if urn in by_urn and urn not in taken:
            chosen.append((by_urn[urn], spec.la))
            taken.add(urn)
    for pattern, profiles, n in spec.picks:
        chosen += [
            (r, spec.la)
            for r in _pick(candidates.get(spec.la, []), pattern, profiles, n, taken, match)
        ]
    for la, pattern, profiles, n in spec.also:
        chosen += [
            (r, la)
            for r in _pick(candidates.get(la, []), pattern, profiles, n, taken, lambda r: r.town)
        ]
    members: list[PlannedMember] = []
    today = dt.date(2026, 9, 1)
    span = max((today - spec.founded).days, 60)
    for i, (row, la) in enumerate(chosen):
        founder = i < len(chosen) - spec.late_joiners
        joined = (
            spec.founded
            if founder
            else spec.founded + dt.timedelta(days=span * (i + 1) // (len(chosen) + 2))
        )
        members.append(PlannedMember(row, la, joined, lead=(i == 0)))
    # Leavers: founders (never the lead) who left part-way; they stay on record.
    for k in range(spec.leavers):
        idx = len(members) - spec.late_joiners - 1 - k
        if idx > 0:
            m = members[idx]
            m.left = m.joined + dt.timedelta(days=max(span // 2 + 30 * k, 30))
    return members


# --- Seeding -----------------------------------------------------------------------


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)


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


# --- People ------------------------------------------------------------------------


@dataclass
class Person:
    email: str
    name: str
    job_title: str
    organisation: str
    roles: list[tuple[str, dict]] = field(default_factory=list)
    is_staff: bool = False
    sign_in: bool = True  # one of README's demo sign-ins


FIRST = (
    "Alison Ben Chidi Deborah Eamon Farah Graham Hannah Imran Joanne Kieran Lorna Martin "
    "Nadia Owen Priya Rachel Stephen Tessa Umar Vanessa William Yvonne Zoe"
).split()
LAST = (
    "Ashworth Bhatti Carr Dunmore Ellison Fairbrother Gill Hartley Iqbal Jennings Kaur Lomax "
    "McAllister Nwosu Okonjo Pennington Quayle Rowntree Shah Thorne Underwood Varley Whitaker "
    "Yates"
).split()


def invented_name(key: str) -> str:
    return f"{FIRST[stable('f' + key, len(FIRST))]} {LAST[stable('l' + key, len(LAST))]}"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def people(las, clusters: dict[tuple[str, str], Cluster], plans) -> list[Person]:
    essex = las[ESSEX]
    harlow = clusters[(ESSEX, HARLOW_CLUSTER)]
    harlow_current = [m for m in plans[(ESSEX, HARLOW_CLUSTER)] if m.left is None]
    lead_school = next(m.row for m in harlow_current if m.lead)
    member_school = harlow_current[1].row
    contact_school = harlow_current[3].row
    essex_clusters = [clusters[s.key] for s in ESSEX_CLUSTERS]
    council = "Essex County Council"
    result = [
        Person(
            demo_email("facilitator"),
            "Ruth Adeyemi",
            "National facilitator",
            "National Leadership College",
            [(Role.NATIONAL_FACILITATOR, {})],
        ),
        Person(
            demo_email("coleader"),
            "Margaret Hollis",
            "Principal adviser",
            council,
            [(Role.LA_COLEADER, {"la": essex})],
        ),
        Person(
            demo_email("officer"),
            "Sanjay Mehta",
            "Strategic core team officer, children's services",
            council,
            [(Role.LA_OFFICER, {"la": essex})],
        ),
        # Their LA-to-LA facilitation of the Essex project is granted once the project
        # exists (enquiries/demo.py).
        Person(
            demo_email("la-facilitator"),
            "Gareth Lindley",
            "School improvement officer",
            "Kirklees Council",
            [(Role.LA_OFFICER, {"la": las[KIRKLEES]})],
        ),
        Person(
            demo_email("consultant"),
            "Patricia Oduya",
            "Headteacher consultant (former secondary head)",
            council,
            [(Role.CONSULTANT, {"cluster": c}) for c in essex_clusters[:5]],
        ),
        Person(
            demo_email("link-adviser"),
            "Colin Banner",
            "Link adviser",
            council,
            [(Role.LINK_ADVISER, {"cluster": c}) for c in essex_clusters[::2]],
        ),
        Person(
            demo_email("cluster-lead"),
            "Fiona Castell",
            "Headteacher",
            lead_school.name,
            [(Role.CLUSTER_LEAD, {"cluster": harlow})],
        ),
        Person(
            demo_email("cluster-member"),
            "Tomasz Nowak",
            "Deputy headteacher",
            member_school.name,
            [(Role.CLUSTER_MEMBER, {"cluster": harlow})],
        ),
        Person(
            demo_email("school-contact"),
            "Aisha Rahman",
            "Assistant headteacher",
            contact_school.name,
            [(Role.SCHOOL_CONTACT, {"school": contact_school.urn})],
        ),
        Person(
            demo_email("admin"),
            "Demo Administrator",
            "Platform administrator",
            "Enquiry Networks",
            [],
            is_staff=True,
        ),
    ]
    # People behind the scenes (no demo sign-in): a co-leader for every other LA in the
    # initiative, and a lead for every other cluster, so the enquiry history has authors.
    for code in PARTICIPATING_LA_CODES:
        if code == ESSEX:
            continue
        la = las[code]
        result.append(
            Person(
                f"coleader.{slug(la.name)}@{DEMO_DOMAIN}",
                invented_name(code),
                "LA co-leader",
                f"{la.name} Council",
                [(Role.LA_COLEADER, {"la": la})],
                sign_in=False,
            )
        )
    for key, cluster in clusters.items():
        if key == (ESSEX, HARLOW_CLUSTER):
            continue
        name = cluster.name
        lead = next(m.row for m in plans[key] if m.lead)
        result.append(
            Person(
                f"lead.{slug(name)}@{DEMO_DOMAIN}",
                invented_name(name),
                "Headteacher",
                lead.name,
                [(Role.CLUSTER_LEAD, {"cluster": cluster})],
                sign_in=False,
            )
        )
    return result


def grant(user: User, role: str, **scope) -> RoleAssignment:
    """The user's current assignment of this role at this scope, made if missing."""
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user,
        role=role,
        ended_on=None,
        la=scope.get("la"),
        cluster=scope.get("cluster"),
        school=scope.get("school"),
        defaults={"started_on": dt.date(2025, 9, 1)},
    )
    return assignment


def seed_people(
    persons: list[Person], schools: dict[int, School], report: Report
) -> dict[str, User]:
    users: dict[str, User] = {}
    demo = bool(settings.DEBUG)
    verified: set[str] = set()
    encoded: str | None = None
    for person in persons:
        user, _ = User.objects.get_or_create(email=person.email, defaults={"name": person.name})
        wanted = {
            "name": person.name,
            "job_title": person.job_title,
            "organisation": person.organisation,
            "is_staff": person.is_staff,
            "is_superuser": person.is_staff,
        }
        changed = [k for k, v in wanted.items() if getattr(user, k) != v]
        for key in changed:
            setattr(user, key, wanted[key])
        if demo and person.sign_in:
            # Hash once and share it; check an existing hash once, so a re-run changes
            # nothing and costs one check, not one per account.
            if user.password not in verified:
                if user.password and check_password(DEMO_PASSWORD, user.password):
                    verified.add(user.password)
                else:
                    encoded = encoded or make_password(DEMO_PASSWORD)
                    user.password = encoded
                    verified.add(encoded)
                    changed.append("password")
        elif user.has_usable_password():
            user.set_unusable_password()
            changed.append("password")
        if changed:
            user.save(update_fields=changed)
        for role, scope in person.roles:
            if "school" in scope:
                scope = {"school": schools[scope["school"]]}
            grant(user, role, **scope)
        users[person.email] = user
    if not demo:
        report.add(
            "DJANGO_DEBUG is off: demo accounts exist but cannot sign in (no usable passwords)."
        )
    return users


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
