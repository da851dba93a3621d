"""The demo's people: one sign-in per role, and an invented lead for every cluster."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password

from networks.models import Cluster, Role, RoleAssignment, School, User

from .clusters import ESSEX_CLUSTERS
from .sources import (
    DEMO_DOMAIN,
    DEMO_PASSWORD,
    ESSEX,
    HARLOW_CLUSTER,
    KIRKLEES,
    PARTICIPATING_LA_CODES,
    Report,
    demo_email,
    stable,
)

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
