"""The evidence part of the demo, for Essex's project: its shared reflective log
entries and archive items coded against the shared codebook (passages quoted), a
passage of the circulated notes of Harlow's surgery, a project code with a memo,
baselines for three clusters with progress reviews, and three key drivers with their
change ideas (so the driver diagram has something to draw).

Built through evidence.services from the log entries and archive items the logs
demo wrote and the surgery notes the meetings demo circulated, so the audit trail is
the real thing. Idempotent: once Essex's project has evidence, nothing is touched
but the notes' evidence, added once if a database seeded before it lacks it. All
text is written for this demo.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from devtools.demo import register
from enquiries.models import ArchiveItem, ClusterParticipation, LogEntry, Project
from evidence import services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code, EvidenceItem, SourceKind
from meetings.models import MeetingKind, MeetingNotes
from networks.models import Cluster, User

# The codes given to each of Essex's shared log entries and archive items in turn
# (devtools/demo/logs.py writes them); the first carries the project's own code too.
CODINGS = [
    ["key_feature:trust", "emerging_theme:relationships", "ecm_outcome:stay_safe"],
    ["key_feature:shared_purpose", "key_feature:enquiry_approach"],
    ["brokerage_role:resources", "emerging_theme:capacity_to_engage"],
    ["emerging_theme:sustainability", "key_feature:facilitation"],
]

BASELINES = [
    (
        "The state of multi-agency relationships",
        "Health, social care and the schools meet only when a child is in crisis; nobody "
        "knows the others' names.",
        2,
        "Termly meetings with the health visitors and the police liaison officer; the "
        "transition list is shared a term early.",
        3,
    ),
    (
        "Partnership with parents",
        "Parents come to one information evening a year, mostly at the secondary school.",
        1,
        "Each primary has run a parents' café; attendance is small but growing.",
        2,
    ),
]

DRIVERS = [
    (
        "Trust between the leaders of the cluster",
        "Where heads trusted each other they shared what worried them, and the work moved.",
        "key_feature:trust",
        ["Heads' breakfast meetings each half-term", "Share the transition list a term early"],
    ),
    (
        "Time bought for facilitation",
        "The networks met when someone was paid to bring them together and cover was funded.",
        "key_feature:facilitation",
        ["Fund supply cover for cluster meetings", "A named facilitator for each cluster"],
    ),
    (
        "A question the cluster owns",
        "The enquiry took hold when the clusters framed their own questions.",
        "key_feature:shared_purpose",
        ["Surgeries to shape each cluster's question"],
    ),
]


def _user(kind: str) -> User:
    user = User.objects.get(email=register.demo_email(kind))
    return User.objects.get(pk=user.pk)  # a fresh object: no cached scope


def seed_evidence(seeded: register.Seeded) -> list[str]:
    essex = seeded.las[register.ESSEX]
    project = Project.objects.filter(la=essex).order_by("pk").first()
    if project is None:
        return []
    if EvidenceItem.objects.filter(project=project).exists():
        with transaction.atomic():
            cited = cite_surgery_notes(project)
        if cited is not None:
            return [f"Evidence: coded the circulated notes of a Harlow surgery in {project.title}."]
        return ["Essex's evidence already there: evidence demo left as it is."]
    with transaction.atomic():
        return build(project)


NOTES_CODES = ["key_feature:shared_purpose", "key_feature:enquiry_approach"]


def cite_surgery_notes(project: Project) -> EvidenceItem | None:
    """Code the first line of the circulated notes of a surgery with Harlow (the
    current version), once: None if already coded, or if there are none."""
    if EvidenceItem.objects.filter(project=project, kind=SourceKind.MEETING_NOTES).exists():
        return None
    notes = (
        MeetingNotes.objects.filter(
            meeting__project=project,
            meeting__kind=MeetingKind.SURGERY,
            meeting__clusters__name=register.HARLOW_CLUSTER,
            state=MeetingNotes.State.CIRCULATED,
        )
        .order_by("meeting__starts_at", "pk")
        .first()
    )
    if notes is None:
        return None
    version = notes.versions.get(number=notes.version)
    first = version.text.splitlines()[0].strip()
    return services.evidence_add(
        actor=_user("facilitator"),
        project=project,
        kind=SourceKind.MEETING_NOTES,
        source=version,
        codes=list(Code.objects.filter(project__isnull=True, key__in=NOTES_CODES)),
        quote=first if len(first) < len(version.text) else "",
        note="The surgery is where Harlow's question took shape.",
        cluster=Cluster.objects.filter(
            participations__project=project, name=register.HARLOW_CLUSTER
        ).first(),
    )


def build(project: Project) -> list[str]:
    seed_codebook(Code)
    coleader, facilitator = _user("coleader"), _user("facilitator")
    participations = list(
        ClusterParticipation.objects.filter(project=project).select_related("cluster")
    )
    harlow = next(
        (p for p in participations if p.cluster.name == register.HARLOW_CLUSTER),
        participations[0] if participations else None,
    )
    today = timezone.localdate()
    shared = {code.key: code for code in Code.objects.filter(project__isnull=True)}
    own = services.code_create(
        actor=coleader,
        project=project,
        name="Sharing transition information",
        parent=shared["key_feature:trust"],
        memo="Any passage about passing information on children between phases or agencies, "
        "and what made people willing to do it.",
    )
    entries = list(
        LogEntry.objects.filter(project=project, visibility="project").order_by("created_at", "pk")
    )
    archive = list(ArchiveItem.objects.filter(project=project).order_by("created_at", "pk"))
    sources: list[tuple[str, LogEntry | ArchiveItem]] = [("log_entry", e) for e in entries] + [
        ("archive_item", item) for item in archive
    ]
    items = []
    for (kind, source), keys in zip(sources, CODINGS, strict=False):
        codes = [shared[key] for key in keys]
        if "key_feature:trust" in keys:
            codes.append(own)
        text = source.text if isinstance(source, LogEntry) else ""
        first = text.split(". ")[0].strip() if text else ""
        source_cluster = source.cluster_id
        items.append(
            services.evidence_add(
                actor=facilitator,
                project=project,
                kind=kind,
                source=source,
                codes=codes,
                quote=first if len(first) < len(text) else "",
                cluster=harlow.cluster if harlow and source_cluster is None else None,
            )
        )
    for participation in participations[:3]:
        for aspect, start, rating, progress, later in BASELINES:
            baseline = services.baseline_record(
                actor=coleader,
                participation=participation,
                aspect=aspect,
                narrative=start,
                rating_value=rating,
                described_on=today - dt.timedelta(days=300),
            )
            services.progress_review_record(
                actor=coleader,
                baseline=baseline,
                narrative=progress,
                rating_value=later,
                reviewed_on=today - dt.timedelta(days=30),
            )
    from_notes = cite_surgery_notes(project)
    coded = {keys[0]: item for keys, item in zip(CODINGS, items, strict=False)}
    for title, narrative, key, ideas in DRIVERS:
        evidence = [item for k, item in coded.items() if k == key] or items[:1]
        if from_notes is not None and key == NOTES_CODES[0]:
            evidence.append(from_notes)
        if not evidence:
            break
        services.key_driver_name(
            actor=facilitator,
            project=project,
            title=title,
            narrative=narrative,
            evidence=evidence,
            code=shared[key],
            change_ideas=ideas,
        )
    if from_notes is not None:
        items.append(from_notes)
    return [
        f"Evidence: {len(items)} coded sources, "
        f"{min(3, len(participations)) * len(BASELINES)} baselines and {len(DRIVERS)} key drivers "
        f"in {project.title}."
    ]
