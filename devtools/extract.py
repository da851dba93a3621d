"""A realistic synthetic schools register extract (GIAS ``edubasealldata*.csv``).

``synthetic_extract_rows`` / ``write_extract`` make an extract in the real 139-column
format from the real names in the shared reference data, for tests, benchmarks and
demo data. The importer that reads it is ``networks.gias``.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cache
from typing import IO, Any

from networks.gias import LA_CODE, LA_NAME, NAME, REGION, STATUS, URN, parse_date
from networks.reference_data import reference_data_dir

# The register as it stood when the reference data was taken (July 2022): decides
# which real close/open dates make a school closed, closing or proposed.
EXTRACT_DATE = date(2022, 7, 1)

STATUS_CODES = {"Open": 1, "Closed": 2, "Open, but proposed to close": 3, "Proposed to open": 4}
PHASE_CODES = {
    "Not applicable": 0,
    "Nursery": 1,
    "Primary": 2,
    "Middle deemed primary": 3,
    "Secondary": 4,
    "Middle deemed secondary": 5,
    "16 plus": 6,
    "All-through": 7,
}
TRUST_WORDS = (
    "Beacon", "Compass", "Endeavour", "Horizon", "Unity", "Pioneer", "Oak", "Willow",
    "Harmony", "Inspire", "Evolve", "Northern Star", "Summit", "Keystone", "Riverside",
)  # fmt: skip
TRUST_KINDS = ("Academy Trust", "Learning Trust", "Multi Academy Trust", "Education Trust")


@cache
def extract_header() -> tuple[str, ...]:
    """The real 139-column header, from the published sample extract."""
    path = reference_data_dir() / "gias-edubasealldata-sample.csv"
    with path.open(encoding="cp1252", newline="") as sample:
        return tuple(next(csv.reader(sample)))


def _fit_cp1252(text: str) -> str:
    """Text that encodes as cp1252. A few reference names were mis-decoded as cp1251
    ("Franзaise"); re-encoding that way restores them ("Française")."""
    try:
        text.encode("cp1252")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("cp1251").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text.encode("cp1252", "replace").decode("cp1252")


def _parse_reference_date(raw: str) -> date | None:
    try:
        return parse_date(raw)
    except ValueError:
        return None


def synthetic_extract_rows(n: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``n`` realistic extract rows (dicts keyed by GIAS column) from real establishments.

    Names, URNs, towns, postcodes and open/close dates are real; LAs come from the
    English LA list (schools sharing a postcode district share an LA); type, phase,
    ages, pupils and trusts follow the name ("... Infant School", "... Academy").
    Beyond the 49,514 real establishments, rows are new schools proposed to open.
    The same ``n`` and ``seed`` give the same rows.
    """
    rng = random.Random(seed)
    data = reference_data_dir()
    with (data / "establishments-2022.csv").open(encoding="utf-8", newline="") as file:
        establishments = sorted(csv.DictReader(file), key=lambda e: int(e["urn"]))
    with (data / "local-authorities-england.csv").open(encoding="utf-8", newline="") as file:
        las = [
            (row["la_code"], row["la_name"], _gor(row["region"])) for row in csv.DictReader(file)
        ]
    london = [la for la in las if la[2] == "London"]
    by_name = {name.lower(): (code, name, region) for code, name, region in las}
    district_la: dict[str, tuple[str, str, str]] = {}
    trusts: dict[str, list[str]] = {}

    if n <= len(establishments):
        picked = [establishments[i] for i in sorted(rng.sample(range(len(establishments)), n))]
        extra = 0
    else:
        picked, extra = establishments, n - len(establishments)
    last_urn = int(establishments[-1]["urn"])

    def la_for(town: str, postcode: str) -> tuple[str, str, str]:
        if not postcode:
            return ("000", "Does not apply", "Not Applicable")  # overseas establishments
        if town.lower() in by_name:
            return by_name[town.lower()]
        district = postcode.split()[0]
        if district not in district_la:
            area = district.rstrip("0123456789")
            pool = london if town == "London" else las
            # Most of a postcode area is one LA; a few districts fall in a neighbour.
            area_la = district_la.setdefault(area, rng.choice(pool))
            district_la[district] = area_la if rng.random() < 0.8 else rng.choice(pool)
        return district_la[district]

    def trust_for(la_code: str) -> str:
        pool = trusts.setdefault(la_code, [])
        if len(pool) < 4 and (not pool or rng.random() < 0.3):
            pool.append(f"{rng.choice(TRUST_WORDS)} {rng.choice(TRUST_KINDS)}")
        return rng.choice(pool)

    def make(establishment: dict[str, str], urn: int, proposed: bool) -> dict[str, Any]:
        name = _fit_cp1252(establishment["name"])
        town = _fit_cp1252(establishment["town"])
        postcode = establishment["postcode"]
        opened = establishment["open_date"]
        closed = establishment["close_date"]
        if proposed:
            name, opened, closed = f"{name} (new site)", f"01-09-{rng.choice((2022, 2023))}", ""
        status = _synthetic_status(opened, closed)
        la_code, la_name, region = la_for(town, postcode)
        kind, group, phase, low, high = _synthetic_kind(name, urn, rng)
        trust = trust_for(la_code) if group in ("Academies", "Free Schools") else ""
        pupils = ""
        if status in ("Open", "Open, but proposed to close"):
            pupils = str(_synthetic_pupils(phase, group, rng))
        return {
            URN: urn,
            LA_CODE: la_code,
            LA_NAME: la_name,
            "EstablishmentNumber": f"{rng.randrange(1000, 8000):04d}",
            NAME: name,
            "TypeOfEstablishment (name)": kind,
            "EstablishmentTypeGroup (name)": group,
            "EstablishmentStatus (code)": str(STATUS_CODES[status]),
            STATUS: status,
            "OpenDate": opened,
            "CloseDate": closed,
            "PhaseOfEducation (code)": str(PHASE_CODES[phase]),
            "PhaseOfEducation (name)": phase,
            "StatutoryLowAge": low,
            "StatutoryHighAge": high,
            "NumberOfPupils": pupils,
            "Trusts (name)": trust,
            "Town": town,
            "Postcode": postcode,
            REGION: region,
        }

    for establishment in picked:
        yield make(establishment, int(establishment["urn"]), proposed=False)
    for k in range(extra):
        yield make(establishments[rng.randrange(len(establishments))], last_urn + 1 + k, True)


def _gor(region: str) -> str:
    # GIAS's government office regions have one London; the LA list splits it.
    return "London" if region.endswith("London") else region


def _synthetic_status(opened: str, closed: str) -> str:
    close_date, open_date = _parse_reference_date(closed), _parse_reference_date(opened)
    if close_date is not None:
        return "Closed" if close_date <= EXTRACT_DATE else "Open, but proposed to close"
    if open_date is not None and open_date > EXTRACT_DATE:
        return "Proposed to open"
    return "Open"


def _synthetic_kind(name: str, urn: int, rng: random.Random) -> tuple[str, str, str, int, int]:
    """(type, type group, phase, low age, high age), guessed from the name as a reader would."""
    lower = name.lower()
    if 400000 <= urn < 500000:
        phase, low, high = _synthetic_phase(lower, rng)
        return "Welsh establishment", "Welsh schools", phase, low, high
    if "university" in lower:
        return "Higher education institutions", "Universities", "Not applicable", 18, 99
    if "children's centre" in lower or "childrens centre" in lower:
        return "Children's centre", "Children's centres", "Not applicable", 0, 5
    if "pupil referral" in lower or lower.endswith(" pru"):
        return "Pupil referral unit", "Local authority maintained schools", "Not applicable", 5, 16
    if "special" in lower:
        kind, group = rng.choice(
            (("Community special school", "Special schools"),
             ("Academy special converter", "Special schools"),
             ("Non-maintained special school", "Special schools"))
        )  # fmt: skip
        return kind, group, "Not applicable", 2, 19
    if any(word in lower for word in ("preparatory", "prep school", "independent", " ltd")):
        return "Other independent school", "Independent schools", "Not applicable", 3, 13
    if "college" in lower and "sixth form" not in lower and rng.random() < 0.4:
        return "Further education", "Colleges", "16 plus", 16, 99
    phase, low, high = _synthetic_phase(lower, rng)
    if "free school" in lower:
        return "Free schools", "Free Schools", phase, low, high
    if "academy" in lower:
        kind = rng.choice(("Academy converter", "Academy sponsor led"))
        return kind, "Academies", phase, low, high
    if any(word in lower for word in ("church of england", "cofe", "c of e", "catholic")):
        kind = rng.choice(("Voluntary aided school", "Voluntary controlled school"))
        return kind, "Local authority maintained schools", phase, low, high
    kind, group = rng.choices(
        (("Community school", "Local authority maintained schools"),
         ("Foundation school", "Local authority maintained schools"),
         ("Academy converter", "Academies"),
         ("Other independent school", "Independent schools")),
        weights=(50, 10, 30, 10),
    )[0]  # fmt: skip
    if group == "Independent schools":
        phase, low, high = "Not applicable", rng.choice((2, 3, 4, 7)), rng.choice((11, 13, 18))
    return kind, group, phase, low, high


def _synthetic_phase(lower: str, rng: random.Random) -> tuple[str, int, int]:
    if "nursery" in lower and "primary" not in lower:
        return "Nursery", 2, 5
    if "infant" in lower:
        return "Primary", rng.choice((3, 4)), 7
    if "junior" in lower:
        return "Primary", 7, 11
    if "first" in lower:
        return "Primary", rng.choice((3, 4)), 9
    if "primary" in lower:
        return "Primary", rng.choice((3, 4)), 11
    if "middle" in lower:
        return rng.choice((("Middle deemed primary", 8, 12), ("Middle deemed secondary", 9, 13)))
    if "sixth form" in lower:
        return "16 plus", 16, 19
    if "all-through" in lower or "through school" in lower:
        return "All-through", 4, 18
    if any(word in lower for word in ("secondary", "high school", "grammar", "upper", "college")):
        return "Secondary", 11, rng.choice((16, 18))
    return rng.choices(
        (("Primary", 4, 11), ("Secondary", 11, 18), ("Not applicable", 5, 16)),
        weights=(60, 25, 15),
    )[0]


def _synthetic_pupils(phase: str, group: str, rng: random.Random) -> int:
    if group == "Special schools":
        return int(rng.triangular(20, 300, 100))
    if group == "Independent schools":
        return int(rng.triangular(15, 1500, 250))
    low, high, mode = {
        "Nursery": (30, 180, 90),
        "Primary": (25, 800, 260),
        "Middle deemed primary": (150, 700, 400),
        "Middle deemed secondary": (200, 900, 500),
        "Secondary": (250, 2200, 1000),
        "16 plus": (150, 3000, 900),
        "All-through": (500, 2500, 1300),
    }.get(phase, (10, 300, 60))
    return int(rng.triangular(low, high, mode))


def write_extract(rows: Iterable[Mapping[str, Any]], out: IO[str]) -> int:
    """Write rows as an extract: the full real header, text quoted and numbers not, as
    GIAS does. ``out`` is a text file opened with encoding="cp1252", newline="".
    Returns the number of rows written."""
    header = extract_header()
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
        count += 1
    return count
