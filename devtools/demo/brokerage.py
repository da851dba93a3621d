"""The brokerage part of the demo, for Essex: what the LA did for its networks under
the five roles, the partners and partnerships it brokered, resources for its networks,
a service the Colchester federation commissions (with an impact review), the Kirklees
officer's facilitation visits and a peer review, and practice moved between networks.

Built through brokerage.services, so the audit trail is the real thing. Run once: if
Essex already has partners, nothing is touched. Dates are counted back from today, so
the dashboard's year always has something in it. All text is written for this demo.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from brokerage import services
from brokerage.models import Partner
from devtools.demo import register
from enquiries.models import Project
from networks.models import Cluster, User

HARLOW = register.HARLOW_CLUSTER
DENGIE = "Dengie Small Schools Cluster"
COLCHESTER = "Colchester Schools Federation"
TENDRING = "Tendring Coast Learning Network"
CHELMSFORD = "Chelmsford Villages Cluster"
BASILDON = "Basildon Infant and Junior Cluster"
BRAINTREE = "Braintree and Witham Extended Schools Partnership"

# (days ago, who, role, activity, summary, people, clusters, outcome)
ACTIVITIES = [
    (
        330,
        "coleader",
        "membership",
        "raise_awareness",
        "Presented the county's cluster strategy at the primary heads' conference",
        "Primary headteachers across the county",
        [],
        "Three heads of schools in no cluster asked to talk about joining one.",
    ),
    (
        300,
        "officer",
        "membership",
        "challenge_membership",
        "Asked Tendring's leaders why two coastal primaries are not in the network",
        "Network chair; two headteachers",
        [TENDRING],
        "The network will invite both schools to its summer meeting.",
    ),
    (
        270,
        "coleader",
        "relationships",
        "self_review",
        "Ran a collaborative self-review day with the Colchester federation",
        "Federation heads and deputies",
        [COLCHESTER],
        "Each school named one strength to share and one thing to learn from others.",
    ),
    (
        240,
        "officer",
        "resources",
        "new_funding",
        "Helped Dengie schools write a lottery bid for outdoor learning",
        "Dengie bursar; two headteachers",
        [DENGIE],
        "Bid submitted; £5,000 awarded.",
    ),
    (
        200,
        "coleader",
        "partnerships",
        "services",
        "Brought the health visitor team and youth service to Braintree's planning meeting",
        "Extended schools coordinator; health visitor lead; youth service manager",
        [BRAINTREE],
        "A joint after-school offer for the spring term.",
    ),
    (
        170,
        "officer",
        "knowledge_exchange",
        "move_practice",
        "Took Harlow's transition passports to Basildon and Tendring heads",
        "Harlow's transition lead",
        [HARLOW, BASILDON, TENDRING],
        "Both networks will trial the passports with next year's Year 6.",
    ),
    (
        140,
        "coleader",
        "relationships",
        "train_facilitators",
        "Trained four cluster leads as facilitators for enquiry meetings",
        "Cluster leads from Harlow, Dengie, Chelmsford and Uttlesford",
        [HARLOW, DENGIE, CHELMSFORD],
        "Each lead has run one meeting using the protocol.",
    ),
    (
        110,
        "officer",
        "membership",
        "strategic_overview",
        "Mapped the county's isolated schools against the clusters near them",
        "Strategic core team",
        [],
        "A list of twelve schools to talk to before the summer.",
    ),
    (
        80,
        "coleader",
        "resources",
        "facilitation_time",
        "Agreed six days of link adviser time for the new Chelmsford villages cluster",
        "Link adviser; cluster chair",
        [CHELMSFORD],
        "Fortnightly support until Easter.",
    ),
    (
        55,
        "officer",
        "partnerships",
        "higher_education",
        "Set up research-methods sessions with the university's school of education",
        "Two lecturers; cluster leads",
        [],
        "Three sessions booked for cluster leads.",
    ),
    (
        30,
        "coleader",
        "knowledge_exchange",
        "la_to_la",
        "Hosted Kirklees officers for a day on how Essex runs its surgeries",
        "Two Kirklees officers; the consultant",
        [],
        "Kirklees will try paired surgeries.",
    ),
    (
        12,
        "officer",
        "relationships",
        "build_trust",
        "Brokered a heads' breakfast between Basildon's infant and junior schools",
        "Basildon headteachers",
        [BASILDON],
        "Heads agreed to share one training day.",
    ),
]

# (name, sector, contact, notes)
PARTNERS = [
    (
        "Harlow College",
        "college",
        "Head of schools liaison",
        "Runs taster days and shares a careers adviser with Harlow's secondaries.",
    ),
    ("North Essex Community Health Team", "health", "School nursing lead", ""),
    ("Essex Youth Service", "youth_service", "Area youth work manager", ""),
    ("Schools Liaison Team, Essex Police", "police", "Schools liaison sergeant", ""),
    (
        "University School of Education",
        "university",
        "Director of partnerships",
        "Critical friend to the LA's enquiry; research-methods sessions for cluster leads.",
    ),
    (
        "Coastal Learning Ltd",
        "private_provider",
        "Lead coach",
        "Runs network workshops and school development days.",
    ),
    ("Diocesan Board of Education", "diocese", "Schools adviser", ""),
]

# (partner, cluster name or None for the project, purpose, status, days ago it started)
PARTNERSHIPS = [
    (
        "Harlow College",
        HARLOW,
        "Taster days and a shared careers adviser for Year 9 and Year 10 pupils.",
        "active",
        320,
    ),
    (
        "North Essex Community Health Team",
        BRAINTREE,
        "A school nurse drop-in at each secondary and training on children's mental health.",
        "active",
        210,
    ),
    (
        "Essex Youth Service",
        BRAINTREE,
        "After-school clubs run by youth workers as part of the extended day.",
        "active",
        190,
    ),
    (
        "Schools Liaison Team, Essex Police",
        TENDRING,
        "Joint work on attendance and safety on the way to school.",
        "proposed",
        None,
    ),
    (
        "University School of Education",
        None,
        "Critical friend to the LA research question; research-methods sessions.",
        "active",
        60,
    ),
    (
        "Coastal Learning Ltd",
        COLCHESTER,
        "Network workshops for the federation's heads.",
        "active",
        260,
    ),
    (
        "Diocesan Board of Education",
        DENGIE,
        "Governor training for the church schools in the cluster.",
        "paused",
        280,
    ),
]

# (cluster, source, pounds, days, fund-holder, fund-holder's name, purpose, days ago)
RESOURCES = [
    (
        TENDRING,
        "standards_fund",
        "12000",
        "0",
        "la",
        "",
        "Supply cover so teachers can watch each other teach.",
        290,
    ),
    (
        BASILDON,
        "inclusion_sen",
        "8500",
        "0",
        "school",
        "the cluster's lead school",
        "A shared SENCo for early reading interventions.",
        250,
    ),
    (
        COLCHESTER,
        "pooled",
        "15000",
        "0",
        "network",
        "the federation's finance group",
        "Intensive support for the two schools that need it most.",
        230,
    ),
    (
        DENGIE,
        "lottery",
        "5000",
        "0",
        "school",
        "the cluster's lead school",
        "Outdoor learning across the peninsula's small schools.",
        220,
    ),
    (
        HARLOW,
        "regeneration",
        "20000",
        "0",
        "la",
        "",
        "Family learning on the new-town estates.",
        150,
    ),
    (CHELMSFORD, "la_core", "0", "6", "la", "", "Link adviser time for the new cluster.", 80),
]


def _days_ago(n: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=n)


def seed_brokerage(seeded: register.Seeded) -> list[str]:
    essex = seeded.las[register.ESSEX]
    if Partner.objects.filter(la=essex).exists():
        return ["Essex's brokerage already there: brokerage demo left as it is."]
    with transaction.atomic():
        return build(seeded)


def build(seeded: register.Seeded) -> list[str]:
    essex = seeded.las[register.ESSEX]
    people = {
        who: User.objects.get(email=register.demo_email(who))
        for who in ("coleader", "officer", "la-facilitator")
    }
    clusters: dict[str, Cluster] = {
        name: cluster for (code, name), cluster in seeded.clusters.items() if code == essex.code
    }
    project = Project.objects.filter(la=essex).order_by("pk").first()

    for ago, who, role, activity, summary, names, cluster_names, outcome in ACTIVITIES:
        services.activity_record(
            actor=people[who],
            la=essex,
            role=role,
            activity=activity,
            summary=summary,
            happened_on=_days_ago(ago),
            people=names,
            clusters=[clusters[name] for name in cluster_names],
            outcome=outcome,
        )

    coleader = people["coleader"]
    partners = {
        name: services.partner_create(
            actor=coleader, la=essex, name=name, sector=sector, contact=contact, notes=notes
        )
        for name, sector, contact, notes in PARTNERS
    }
    for partner, cluster_name, purpose, status, started_ago in PARTNERSHIPS:
        if cluster_name is None and project is None:
            continue  # no project yet (seed_demo --register-only)
        services.partnership_create(
            actor=coleader,
            partner=partners[partner],
            cluster=clusters[cluster_name] if cluster_name else None,
            project=None if cluster_name else project,
            purpose=purpose,
            status=status,
            starts_on=_days_ago(started_ago) if started_ago else None,
        )

    for cluster_name, source, pounds, days, holder, holder_name, purpose, ago in RESOURCES:
        services.resource_allocate(
            actor=people["officer"],
            la=essex,
            cluster=clusters[cluster_name],
            source=source,
            amount=Decimal(pounds),
            facilitation_days=Decimal(days),
            fund_holder=holder,
            fund_holder_name=holder_name,
            purpose=purpose,
            allocated_on=_days_ago(ago),
        )

    colchester = clusters[COLCHESTER]
    members = [m.school for m in colchester.memberships.active().select_related("school")][:4]
    service = services.service_commission(
        actor=coleader,
        la=essex,
        cluster=colchester,
        provider=partners["Coastal Learning Ltd"],
        title="School development days: coaching and whole-staff training",
        description=(
            "Four development days in each school: coaching for middle leaders, a whole-staff "
            "day on assessment for learning, and follow-up with the leadership team."
        ),
        schools=members,
        cost=Decimal("18000"),
        starts_on=_days_ago(240),
        next_review_on=_days_ago(120),
    )
    services.impact_review_record(
        actor=coleader,
        service=service,
        reviewed_on=_days_ago(118),
        findings=(
            "Teachers in three of the four schools now plan assessment together; pupils' "
            "writing moved on most where the middle leaders were coached. The fourth school "
            "lost its deputy and took up little of the offer. Schools rated the coaching highly."
        ),
        value_for_money="good",
        next_review_on=_days_ago(-14),  # due in a fortnight
    )

    lines = [
        f"Essex brokerage: {len(ACTIVITIES)} activities, {len(PARTNERS)} partners, "
        f"{len(RESOURCES)} resource allocations, 1 commissioned service."
    ]
    if project is not None:
        lines.append(_facilitation(essex, project, people, clusters, seeded))
    return lines


def _facilitation(essex, project, people, clusters, seeded) -> str:
    """The Kirklees officer's visits and a peer review, and practice moved between
    networks (one from a Kirklees network, which facilitation links to Essex)."""
    facilitator = people["la-facilitator"]
    for ago, purpose, report in [
        (
            150,
            "Meet the co-ordinating group",
            "A committed team with a clear development plan. The enquiry plan needs dates for "
            "its feedback loops; we agreed the first for the spring conference.",
        ),
        (
            45,
            "Sit in on two surgeries",
            "Surgeries are the strongest part of the project: clusters leave with a sharper "
            "question. Notes are slow to reach the clusters; the consultant will send them within "
            "a week.",
        ),
    ]:
        services.visit_record(
            actor=facilitator,
            project=project,
            visited_on=_days_ago(ago),
            purpose=purpose,
            report=report,
        )
    services.peer_review_record(
        actor=facilitator,
        project=project,
        reviewed_on=_days_ago(60),
        reviewers="Officers from Kirklees and Bolton",
        focus="Is the LA research question answerable in the time left?",
        findings="Mostly: the first half is well evidenced; the second needs a narrower focus.",
        recommendations="Choose two clusters to follow closely for the strategy half.",
    )
    services.knowledge_exchange_record(
        actor=people["officer"],
        la=essex,
        practice="Transition passports",
        description="A one-page passport each Year 6 child writes with their teacher.",
        source_cluster=clusters[HARLOW],
        target_clusters=[clusters[BASILDON], clusters[TENDRING]],
        shared_on=_days_ago(170),
        how="Heads' meeting and a shared template",
        outcome="Both networks are trialling it with this year's Year 6.",
    )
    services.knowledge_exchange_record(
        actor=people["coleader"],
        la=essex,
        practice="Shared moderation of writing",
        source_cluster=clusters[DENGIE],
        target_clusters=[clusters[CHELMSFORD]],
        shared_on=_days_ago(90),
        how="Joint moderation afternoons",
    )
    kirklees = [c for (code, _), c in seeded.clusters.items() if code == register.KIRKLEES]
    if kirklees:
        services.knowledge_exchange_record(
            actor=people["coleader"],
            la=essex,
            practice="Pupil researchers",
            source_cluster=kirklees[0],
            target_clusters=[clusters[COLCHESTER]],
            shared_on=_days_ago(20),
            how="LA-to-LA visit",
            outcome="Two Colchester schools have trained pupil researchers.",
        )
    return (
        "Essex facilitation: 2 visits by the Kirklees officer, 1 peer review, knowledge exchange."
    )
