"""Access-matrix rows for evidence and key drivers (see matrix.py, and world.py for who
is who). Reading evidence/access_q.py against the world:

* Everyone who sees Essex's project reads its evidence pages (READERS: all but the
  outsider, who gets 404, and anonymous visitors, sent to sign in).
* CODERS code any of its sources, add codes and memos, write any cluster's baselines
  and reviews: staff, the national team, Essex's co-leader and officer, the project's
  LA-to-LA facilitator and the consultant to Harlow (a cluster in the project).
* Harlow's lead adds evidence about Harlow and writes Harlow's baselines (CONTRIBUTORS).
* DRIVERS name key drivers: staff, the national team, the co-leader, the facilitator.
Everyone else who reads gets 403 on a form. The world adds (through the services) a
piece of evidence coded from the lead's log entry, a project code, Harlow's baseline
and a key driver.

A meeting's notes are coded only by someone who may read them (meetings/access_q.py):
the surgery notes Harlow is checking (rows_meetings.py's world) are read by the
meeting's managers and Harlow's people, so the national team and the LA-to-LA
facilitator, who code the project's other sources, are sent back to choose a source
with nothing saved; draft notes are coded by nobody (their managers are told why).
"""

from __future__ import annotations

import datetime as dt

from evidence import services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code

from . import rows_logs  # noqa: F401  (its world extension, the log entries, runs first)
from .matrix import ANONYMOUS, LOGIN, Row, acting, audited, with_audit_effects
from .world import extend_world

DAY = dt.date(2025, 11, 3)
CODERS = (
    "staff",
    "national_facilitator",
    "la_coleader",
    "la_officer",
    "la_facilitator",
    "consultant",
)
CONTRIBUTORS = (*CODERS, "cluster_lead")
# Contributors who read the notes Harlow is checking (managers and Harlow's lead).
NOTES_CODERS = ("staff", "la_coleader", "la_officer", "consultant", "cluster_lead")
DRIVERS = ("staff", "national_facilitator", "la_coleader", "la_facilitator")
READ = {ANONYMOUS: LOGIN, "outsider": 404}


def only(names, answer) -> dict:
    return {**READ, **dict.fromkeys(names, answer)}


def trust(w) -> int:
    return Code.objects.get(project__isnull=True, key="key_feature:trust").pk


@extend_world
def add_evidence(w) -> None:
    seed_codebook(Code)
    coleader = w.users["la_coleader"]
    w.evidence = services.evidence_add(
        actor=coleader,
        project=w.project,
        kind="log_entry",
        source=w.log_entry,
        codes=[Code.objects.get(project__isnull=True, key="key_feature:trust")],
        cluster=w.cluster,
    )
    w.ev_code = services.code_create(actor=coleader, project=w.project, name="Transition")
    w.baseline = services.baseline_record(
        actor=coleader,
        participation=w.participation,
        aspect="Multi-agency relationships",
        narrative="Rare meetings.",
        described_on=DAY,
    )
    w.driver = services.key_driver_name(
        actor=coleader, project=w.project, title="Trust", narrative="N", evidence=[w.evidence]
    )


def _project(w) -> list:
    return [w.project.pk]


def _date(prefix: str) -> dict:
    return {f"{prefix}_0": "4", f"{prefix}_1": "11", f"{prefix}_2": "2025"}


ROWS: list[Row] = []
for name in (
    "evidence:evidence_list",
    "evidence:evidence_csv",
    "evidence:evidence_qdpx",
    "evidence:codebook",
    "evidence:codebook_qdc",
    "evidence:baselines",
    "evidence:key_drivers",
):
    ROWS += [
        Row(name, args=_project, expect=READ),
        Row(name, args=_project, method="post", default=405),
    ]

ROWS += [
    Row("evidence:evidence_sources", args=_project, expect=only(CONTRIBUTORS, 200), default=403),
    Row("evidence:evidence_sources", args=_project, method="post", default=405),
    Row(
        "evidence:evidence_create",
        args=_project,
        query=None,
        expect=only(CONTRIBUTORS, 302),  # no source named: back to choosing one
        default=403,
        label="no source",
    ),
    Row(
        "evidence:evidence_create",
        args=_project,
        method="post",
        data=lambda w: {
            "kind": "log_entry",
            "source": str(w.log_entry.pk),
            "codes": [str(trust(w))],
            "cluster": str(w.cluster.pk),
            "quote": "What I noticed",
        },
        expect=only(CONTRIBUTORS, 302),
        default=403,
    ),
    Row(
        "evidence:evidence_create",
        args=_project,
        method="post",
        data=lambda w: {
            "kind": "log_entry",
            "source": str(w.private_entry.pk),  # the officer's private entry
            "codes": [str(trust(w))],
        },
        # Refused with the words for a source that does not exist, back to choosing one;
        # only its author (the officer, a coder) may code it.
        expect=only(CONTRIBUTORS, 302),
        default=403,
        label="unreadable source",
        effects={"la_officer": (audited("evidence.item.added"),)},
    ),
    Row(
        "evidence:evidence_create",
        args=_project,
        method="post",
        data=lambda w: {
            "kind": "meeting_notes",
            "source": str(w.notes.versions.order_by("-number").first().pk),
            "codes": [str(trust(w))],
            "cluster": str(w.cluster.pk),
            "quote": "What we agreed",
        },
        expect=only(CONTRIBUTORS, 302),
        default=403,
        label="notes being checked",
        effects=acting(NOTES_CODERS, audited("evidence.item.added")),
    ),
    Row(
        "evidence:evidence_create",
        args=_project,
        method="post",
        data=lambda w: {
            "kind": "meeting_notes",
            "source": str(w.meeting_draft.notes.versions.get().pk),
            "codes": [str(trust(w))],
            "cluster": str(w.cluster.pk),
        },
        expect=only(CONTRIBUTORS, 302),  # back to the sources, nothing saved
        default=403,
        label="draft notes",
    ),
    Row("evidence:evidence_create", args=_project, method="put", default=405),
    Row("evidence:code_create", args=_project, expect=only(CODERS, 200), default=403),
    Row(
        "evidence:code_create",
        args=_project,
        method="post",
        data=lambda w: {"name": "Data sharing", "parent": str(w.ev_code.pk), "memo": "Why"},
        expect=only(CODERS, 302),
        default=403,
    ),
    Row("evidence:code_create", args=_project, method="put", default=405),
    Row("evidence:code_memo", args=lambda w: [w.ev_code.pk], expect=only(CODERS, 200), default=403),
    Row(
        "evidence:code_memo",
        args=lambda w: [w.ev_code.pk],
        method="post",
        data=lambda w: {"memo": "What transition means here."},
        expect=only(CODERS, 302),
        default=403,
    ),
    Row("evidence:code_memo", args=lambda w: [w.ev_code.pk], method="put", default=405),
    Row("evidence:baseline_create", args=_project, expect=only(CONTRIBUTORS, 200), default=403),
    Row(
        "evidence:baseline_create",
        args=_project,
        method="post",
        data=lambda w: {
            "cluster_participation": str(w.participation.pk),
            "aspect": "Partnership with parents",
            "narrative": "Parents come to one evening a year.",
            "rating": "1",
            **_date("described_on"),
        },
        expect=only(CONTRIBUTORS, 302),
        default=403,
    ),
    Row("evidence:baseline_create", args=_project, method="put", default=405),
    Row(
        "evidence:review_create",
        args=lambda w: [w.baseline.pk],
        expect=only(CONTRIBUTORS, 200),
        default=403,
    ),
    Row(
        "evidence:review_create",
        args=lambda w: [w.baseline.pk],
        method="post",
        data=lambda w: {"narrative": "Termly meetings now.", "rating": "", **_date("reviewed_on")},
        expect=only(CONTRIBUTORS, 302),
        default=403,
    ),
    Row("evidence:review_create", args=lambda w: [w.baseline.pk], method="put", default=405),
    Row("evidence:key_driver_create", args=_project, expect=only(DRIVERS, 200), default=403),
    Row(
        "evidence:key_driver_create",
        args=_project,
        method="post",
        data=lambda w: {
            "title": "Shared purpose",
            "narrative": "The heads want the same things.",
            "evidence": [str(w.evidence.pk)],
            "change_ideas": "A shared plan",
        },
        expect=only(DRIVERS, 302),
        default=403,
    ),
    Row("evidence:key_driver_create", args=_project, method="put", default=405),
    Row(
        "evidence:key_driver_remove",
        args=lambda w: [w.driver.pk],
        expect=only(DRIVERS, 200),
        default=403,
    ),
    Row(
        "evidence:key_driver_remove",
        args=lambda w: [w.driver.pk],
        method="post",
        expect=only(DRIVERS, 302),
        default=403,
    ),
    Row("evidence:key_driver_remove", args=lambda w: [w.driver.pk], method="put", default=405),
]

ROWS = with_audit_effects(
    ROWS,
    {
        "evidence:evidence_create": "evidence.item.added",
        "evidence:code_create": "evidence.code.created",
        "evidence:code_memo": "evidence.code.memo_changed",
        "evidence:baseline_create": "evidence.baseline.recorded",
        "evidence:review_create": "evidence.review.recorded",
        "evidence:key_driver_create": "evidence.driver.named",
        "evidence:key_driver_remove": "evidence.driver.removed",
    },
    changing_nothing=("unreadable source", "draft notes"),
)
