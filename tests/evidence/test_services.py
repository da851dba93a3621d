"""The evidence services: who may do what, bad input refused with a clear message and
nothing written, and the limits (one source, a readable source, five key drivers)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from evidence import services
from evidence.codebook_seed import seed_codebook
from evidence.models import Baseline, Code, EvidenceItem, KeyDriver
from networks.models import AuditEntry
from tests.evidence.factories import code

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 11, 10)


def add(w, actor="co_x", kind="log_entry", source=None, codes=("key_feature:trust",), **extra):
    return services.evidence_add(
        actor=w.person(actor),
        project=w.project_x,
        kind=kind,
        source=source if source is not None else w.entry,
        codes=[code(key) for key in codes],
        **extra,
    )


def test_seeded_codebook_has_the_four_groups_of_the_field(world):
    """Seeded by migration 0002 (the world seeds again, idempotently, as a test that
    flushes the tables may have run first)."""
    assert seed_codebook(Code) == 0 or Code.objects.filter(project__isnull=True).count() == 25
    shared = Code.objects.filter(project__isnull=True)
    assert shared.filter(group="key_feature", is_codable=True).count() == 5
    assert shared.filter(group="emerging_theme", is_codable=True).count() == 6
    assert shared.filter(group="ecm_outcome", is_codable=True).count() == 5
    assert shared.filter(group="brokerage_role", is_codable=True).count() == 5
    assert shared.filter(is_codable=False).count() == 4


def test_a_coleader_codes_a_quoted_passage_of_a_log_entry(world):
    item = add(world, quote="Trust between the two   secondary heads", note="Heads trust")
    assert item.kind == "log_entry" and item.log_entry == world.entry
    assert item.cluster == world.cluster_a  # the entry's own cluster
    assert [c.key for c in item.codes.all()] == ["key_feature:trust"]
    entry = AuditEntry.objects.get(action="evidence.item.added")
    assert entry.la == world.la_x


def test_a_quote_not_in_the_source_is_refused(world):
    with pytest.raises(services.EvidenceError, match="word for word"):
        add(world, quote="Words nobody wrote")
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize(
    "source, words",
    [
        ("private_entry", "that you can read"),  # the co-leader's own: readable
        ("entry_y", "that you can read"),  # another project's entry
    ],
)
def test_a_source_of_another_project_or_unreadable_is_refused(world, source, words):
    actor = "lead_a2" if source == "private_entry" else "co_x"
    with pytest.raises((services.EvidenceError, PermissionDenied)):
        add(world, actor=actor, source=getattr(world, source))
    assert not EvidenceItem.objects.exists()


def test_someone_cannot_code_a_private_entry_they_cannot_read(world):
    # The LA officer codes Essex's evidence but cannot read the co-leader's private entry.
    with pytest.raises(services.EvidenceError, match="that you can read"):
        add(world, actor="officer_x_facilitating_y", source=world.private_entry)


def test_feedback_responses_and_archive_items_are_sources(world):
    response = add(
        world, kind="feedback_response", source=world.response, quote="visit the secondary school"
    )
    assert response.cluster == world.cluster_a
    archive = add(
        world, kind="archive_item", source=world.archive_item, quote="Any words of the PDF"
    )
    assert archive.archive_item == world.archive_item
    with pytest.raises(services.EvidenceError, match="not answered"):
        add(world, kind="feedback_response", source=world.unanswered)


def test_codes_must_come_from_the_projects_codebook(world):
    other = services.code_create(actor=world.person("co_y"), project=world.project_y, name="Corby")
    with pytest.raises(services.EvidenceError, match="codebook"):
        services.evidence_add(
            actor=world.person("co_x"),
            project=world.project_x,
            kind="log_entry",
            source=world.entry,
            codes=[other],
        )
    with pytest.raises(services.EvidenceError, match="at least one code"):
        add(world, codes=())
    with pytest.raises(services.EvidenceError, match="codebook"):
        add(world, codes=("key_feature:",))  # a group code gathers, it is not coded


def test_cluster_leads_add_evidence_about_their_own_cluster_only(world):
    assert add(world, actor="lead_a").cluster == world.cluster_a
    with pytest.raises(PermissionDenied):
        add(world, actor="lead_a", source=world.entry_a2)  # Braintree's entry
    assert add(world, actor="lead_a", kind="archive_item", source=world.archive_item)
    with pytest.raises(services.EvidenceError, match="own cluster"):
        add(world, actor="co_x", source=world.entry, cluster=world.cluster_a2)


def test_consultants_and_facilitators_code_but_members_and_contacts_do_not(world):
    assert add(world, actor="consultant_a")
    assert add(world, actor="kq_facilitator")
    for outsider in ("member_a", "school_contact", "outsider"):
        with pytest.raises((PermissionDenied, services.EvidenceError)):
            add(world, actor=outsider)


def test_one_source_only_by_constraint(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItem.objects.create(
            project=world.project_x,
            kind="log_entry",
            log_entry=world.entry,
            archive_item=world.archive_item,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItem.objects.create(project=world.project_x, kind="log_entry")


def test_project_codes_are_hierarchical_with_memos(world):
    coleader = world.person("co_x")
    parent = services.code_create(
        actor=coleader, project=world.project_x, name="Transition", parent=code("key_feature:trust")
    )
    child = services.code_create(
        actor=coleader, project=world.project_x, name="Data sharing", parent=parent, memo="Why"
    )
    assert child.parent == parent and parent.parent.key == "key_feature:trust"
    with pytest.raises(services.EvidenceError, match="already has a code"):
        services.code_create(actor=coleader, project=world.project_x, name="transition")
    services.code_memo_update(actor=coleader, code=child, memo="Sharing pupils' data")
    child.refresh_from_db()
    assert child.memo == "Sharing pupils' data"
    foreign = services.code_create(actor=world.person("co_y"), project=world.project_y, name="Y")
    with pytest.raises(services.EvidenceError, match="parent"):
        services.code_create(actor=coleader, project=world.project_x, name="Z", parent=foreign)
    with pytest.raises(PermissionDenied):
        services.code_create(actor=world.person("lead_a"), project=world.project_x, name="Mine")


def test_baselines_and_reviews(world):
    baseline = services.baseline_record(
        actor=world.person("lead_a"),
        participation=world.part_a,
        aspect="The state of multi-agency relationships",
        narrative="Health and social care rarely meet the schools.",
        described_on=DAY,
        rating_value="2",
    )
    assert baseline.rating == 2
    with pytest.raises(services.EvidenceError, match="already has a baseline"):
        services.baseline_record(
            actor=world.person("co_x"),
            participation=world.part_a,
            aspect="the state of multi-agency relationships",
            narrative="Again",
            described_on=DAY,
        )
    with pytest.raises(PermissionDenied):
        services.baseline_record(
            actor=world.person("lead_a"),
            participation=world.part_a2,
            aspect="Another",
            narrative="Not mine",
            described_on=DAY,
        )
    review = services.progress_review_record(
        actor=world.person("consultant_a"),
        baseline=baseline,
        narrative="Termly meetings now.",
        reviewed_on=DAY + dt.timedelta(days=1),
        rating_value=3,
    )
    assert list(baseline.reviews.all()) == [review]
    with pytest.raises(services.EvidenceError, match="before the baseline"):
        services.progress_review_record(
            actor=world.person("co_x"),
            baseline=baseline,
            narrative="x",
            reviewed_on=DAY - dt.timedelta(days=1),
        )
    with pytest.raises(services.EvidenceError, match="rating"):
        services.progress_review_record(
            actor=world.person("co_x"),
            baseline=baseline,
            narrative="x",
            reviewed_on=DAY,
            rating_value=7,
        )
    assert Baseline.objects.count() == 1


def test_at_most_five_key_drivers_and_a_clear_refusal_at_six(world):
    item = add(world)
    coleader = world.person("co_x")
    for number in range(1, 6):
        driver = services.key_driver_name(
            actor=coleader,
            project=world.project_x,
            title=f"Driver {number}",
            narrative="Because.",
            evidence=[item],
            change_ideas=["Meet termly", "", "Share data"],
        )
        assert driver.position == number
    assert [idea.text for idea in driver.change_ideas.all()] == ["Meet termly", "Share data"]
    before = AuditEntry.objects.count()
    with pytest.raises(services.EvidenceError, match="at most 5 key drivers"):
        services.key_driver_name(
            actor=coleader, project=world.project_x, title="Sixth", narrative="x", evidence=[item]
        )
    assert KeyDriver.objects.count() == 5 and AuditEntry.objects.count() == before
    services.key_driver_remove(actor=coleader, driver=KeyDriver.objects.get(position=2))
    again = services.key_driver_name(
        actor=coleader, project=world.project_x, title="Sixth", narrative="x", evidence=[item]
    )
    assert again.position == 2


def test_key_drivers_are_named_by_coleaders_and_facilitators_with_readable_evidence(world):
    mine = add(world, actor="co_x", source=world.private_entry)
    theirs = add(world, actor="lead_a")
    with pytest.raises(PermissionDenied):
        services.key_driver_name(
            actor=world.person("officer_x_facilitating_y"),  # an officer codes, names none
            project=world.project_x,
            title="x",
            narrative="x",
            evidence=[theirs],
        )
    with pytest.raises(services.EvidenceError, match="that you can read"):
        # The initiative's facilitator cannot read the co-leader's private entry.
        services.key_driver_name(
            actor=world.person("kq_facilitator"),
            project=world.project_x,
            title="x",
            narrative="x",
            evidence=[mine],
        )
    with pytest.raises(services.EvidenceError, match="evidence behind"):
        services.key_driver_name(
            actor=world.person("kq_facilitator"), project=world.project_x, title="x", narrative="x"
        )
    assert services.key_driver_name(
        actor=world.person("kq_facilitator"),
        project=world.project_x,
        title="Trust",
        narrative="x",
        evidence=[theirs],
    )
