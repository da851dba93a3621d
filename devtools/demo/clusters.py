"""The demo's clusters: Essex's eight, and a few in every other LA taking part, with
the schools each takes in."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from networks.models import Cluster

from .sources import ESSEX, HARLOW_CLUSTER, PARTICIPATING_LA_CODES, Row, stable

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
