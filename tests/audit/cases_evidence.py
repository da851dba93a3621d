"""The audit table's rows for the evidence services."""

from __future__ import annotations

from enquiries import services
from evidence import services as evidence_services
from evidence.codebook_seed import seed_codebook
from evidence.models import Code
from tests.audit.cases_meetings import _sent_notes
from tests.audit.common import DAY, then


def _trust():
    seed_codebook(Code)
    return Code.objects.get(project__isnull=True, key="key_feature:trust")


def _evidence(w):
    entry = services.log_entry_create(
        actor=w.person("lead_a"),
        project=w.project_x,
        text="The heads trust each other more.",
        cluster=w.cluster_a,
    )
    return evidence_services.evidence_add(
        actor=w.person("co_x"),
        project=w.project_x,
        kind="log_entry",
        source=entry,
        codes=[_trust()],
    )


def _baseline(w):
    return evidence_services.baseline_record(
        actor=w.person("lead_a"),
        participation=w.part_a,
        aspect="Multi-agency relationships",
        narrative="Rare meetings.",
        described_on=DAY,
    )


def _driver(w, item):
    return evidence_services.key_driver_name(
        actor=w.person("co_x"), project=w.project_x, title="Trust", narrative="N", evidence=[item]
    )


# Each row: (service, what to do, the actions it writes in order, whose trail: "x" Essex, None).
EVIDENCE_CASES = [
    (
        "evidence_add",
        then(lambda w: None, lambda w, _: _evidence(w)),
        ["enquiries.log_entry.created", "evidence.item.added"],
        "x",
    ),
    (
        "evidence_add (meeting notes)",
        then(
            _sent_notes,
            lambda w, notes: evidence_services.evidence_add(
                actor=w.person("co_x"),
                project=w.project_x,
                kind="meeting_notes",
                source=notes.versions.get(),
                codes=[_trust()],
            ),
        ),
        ["evidence.item.added"],
        "x",
    ),
    (
        "code_create",
        lambda w: evidence_services.code_create(
            actor=w.person("co_x"), project=w.project_x, name="Transition", parent=_trust()
        ),
        ["evidence.code.created"],
        "x",
    ),
    (
        "code_memo_update",
        then(
            lambda w: evidence_services.code_create(
                actor=w.person("co_x"), project=w.project_x, name="Transition"
            ),
            lambda w, code: evidence_services.code_memo_update(
                actor=w.person("kq_facilitator"), code=code, memo="Moving schools."
            ),
        ),
        ["evidence.code.memo_changed"],
        "x",
    ),
    ("baseline_record", _baseline, ["evidence.baseline.recorded"], "x"),
    (
        "progress_review_record",
        then(
            _baseline,
            lambda w, baseline: evidence_services.progress_review_record(
                actor=w.person("co_x"), baseline=baseline, narrative="Better.", reviewed_on=DAY
            ),
        ),
        ["evidence.review.recorded"],
        "x",
    ),
    ("key_driver_name", then(_evidence, _driver), ["evidence.driver.named"], "x"),
    (
        "key_driver_remove",
        then(
            lambda w: _driver(w, _evidence(w)),
            lambda w, driver: evidence_services.key_driver_remove(
                actor=w.person("co_x"), driver=driver
            ),
        ),
        ["evidence.driver.removed"],
        "x",
    ),
]
