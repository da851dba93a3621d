"""Where the demo's register comes from: the reference data beside the repo (real
schools and LAs), read and profiled; the demo's fixed names and sign-ins.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from networks.models import School
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


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)

    def add(self, line: str) -> None:
        self.lines.append(line)
