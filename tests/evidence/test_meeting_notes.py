"""A meeting's notes as a source of evidence (issue 9): cited by version, only by
someone who may read the notes (meetings' own rule), never as a draft, quotes
checked word for word against the version's text; shown in the list, the CSV, the
report sections, the picker and the form, in a bounded number of queries.

The world (tests/evidence/factories.py): Harlow's surgery notes, corrected from
version 1 to version 2 and circulated; Braintree's notes being checked by Braintree;
a draft. Harlow's consultant runs the project's meetings, and Essex's co-leader
does too (meetings/access_q.py)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from evidence import services
from evidence.models import EvidenceItem
from evidence.selectors import report_sections
from networks.models import AuditEntry
from tests.evidence.factories import CHECKING_TEXT, NOTES_V2, code

pytestmark = pytest.mark.django_db
MISSING = "Choose a source from this project that you can read."


def cite(w, actor, version, codes=("key_feature:trust",), **extra):
    return services.evidence_add(
        actor=w.person(actor),
        project=w.project_x,
        kind="meeting_notes",
        source=version,
        codes=[code(key) for key in codes],
        **extra,
    )


def _url(w, rest):
    return f"/projects/{w.project_x.pk}/{rest}"


# --- Services -----------------------------------------------------------------------


def test_circulated_notes_are_cited_by_version_with_a_quote(world):
    item = cite(world, "kq_facilitator", world.notes_v2, quote="from Year 6   to year 7")
    assert item.kind == "meeting_notes" and item.notes_version == world.notes_v2
    assert item.source == world.notes_v2 and item.source_pk == world.notes_v2.pk
    assert item.cluster is None  # notes may be about several clusters: none chosen
    entry = AuditEntry.objects.get(action="evidence.item.added")
    assert entry.la == world.la_x and entry.changes["kind"] == "meeting_notes"
    # A cluster lead who reads them codes them about their own cluster.
    lead = cite(world, "lead_a", world.notes_v2, cluster=world.cluster_a)
    assert lead.cluster == world.cluster_a
    with pytest.raises(PermissionDenied):
        cite(world, "lead_a", world.notes_v2)  # not about the project as a whole


def test_a_quote_stays_true_to_the_version_it_was_copied_from(world):
    # Version 1 said "Year 5"; version 2 corrected it. Each quote is checked against
    # the text of the version cited, and that text never changes afterwards.
    old = cite(world, "co_x", world.notes_v1, quote="from Year 5 to Year 7")
    assert old.notes_version.text.count("Year 5") == 1
    before = AuditEntry.objects.count()
    with pytest.raises(services.EvidenceError, match="version 2 of the notes, word for word"):
        cite(world, "co_x", world.notes_v2, quote="from Year 5 to Year 7")
    assert EvidenceItem.objects.count() == 1 and AuditEntry.objects.count() == before


def test_a_quote_not_in_the_notes_is_refused_and_nothing_stored(world):
    with pytest.raises(services.EvidenceError) as refusal:
        cite(world, "co_x", world.notes_v2, quote="The heads agreed to close the school.")
    assert str(refusal.value) == (
        "The quoted passage must be copied from version 2 of the notes, word for word."
    )
    assert not EvidenceItem.objects.exists()
    assert not AuditEntry.objects.filter(action="evidence.item.added").exists()


@pytest.mark.parametrize("actor", ["kq_facilitator", "lead_a", "officer_x_facilitating_y"])
def test_draft_notes_of_a_meeting_you_do_not_run_read_as_missing(world, actor):
    """The officer runs Essex's meetings (a manager) so reads the draft: refused as
    not ready. The others cannot read it: the words for a source that is not there."""
    with pytest.raises(services.EvidenceError) as refusal:
        cite(world, actor, world.notes_draft, cluster=world.cluster_a)
    if actor == "officer_x_facilitating_y":
        assert "still a draft" in str(refusal.value)
    else:
        assert str(refusal.value) == MISSING
    assert not EvidenceItem.objects.exists()


def test_a_manager_does_not_cite_a_draft_which_may_still_change(world):
    with pytest.raises(services.EvidenceError, match="still a draft"):
        cite(world, "consultant_a", world.notes_draft, quote="First thoughts")
    assert not EvidenceItem.objects.exists()


def test_notes_being_checked_are_cited_by_their_managers_and_the_clusters_asked(world):
    assert cite(world, "co_x", world.notes_checking)
    assert cite(world, "lead_a2", world.notes_checking, cluster=world.cluster_a2)
    for unasked in ("lead_a", "kq_facilitator"):
        with pytest.raises(services.EvidenceError, match=MISSING):
            cite(world, unasked, world.notes_checking, cluster=world.cluster_a)
    assert EvidenceItem.objects.count() == 2


def test_notes_of_another_project_or_the_wrong_kind_are_refused(world):
    with pytest.raises(services.EvidenceError, match=MISSING):
        services.evidence_add(
            actor=world.person("co_y"),
            project=world.project_y,
            kind="meeting_notes",
            source=world.notes_v2,
            codes=[code("key_feature:trust")],
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItem.objects.create(
            project=world.project_x, kind="log_entry", notes_version=world.notes_v2
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        EvidenceItem.objects.create(
            project=world.project_x,
            kind="meeting_notes",
            notes_version=world.notes_v2,
            archive_item=world.archive_item,
        )


def test_evidence_from_notes_is_read_by_whoever_reads_the_notes(world):
    circulated = cite(world, "co_x", world.notes_v2)
    checking = cite(world, "co_x", world.notes_checking)
    readable = {
        name: set(EvidenceItem.objects.visible_to(world.person(name)).values_list("pk", flat=True))
        for name in ("co_x", "consultant_a", "lead_a2", "lead_a", "member_a", "kq_facilitator")
    }
    both = {circulated.pk, checking.pk}
    assert readable["co_x"] == readable["consultant_a"] == readable["lead_a2"] == both
    assert (
        readable["lead_a"] == readable["member_a"] == readable["kq_facilitator"] == {circulated.pk}
    )
    assert not EvidenceItem.objects.visible_to(world.person("outsider")).exists()
    # A document for the whole project (the case study) quotes circulated notes only.
    sections = report_sections(world.project_x)
    assert sections.evidence_count == 1
    assert report_sections(world.project_x, user=world.person("co_x")).evidence_count == 2


# --- Pages ------------------------------------------------------------------------------


def test_the_picker_offers_the_notes_the_person_may_read_but_no_draft(as_, world):
    coleader = as_("co_x").get(_url(world, "evidence/sources/?kind=meeting_notes"))
    page = coleader.content.decode()
    assert "Surgery: Harlow" in page and "Surgery: Braintree" in page
    assert "Surgery: Harlow again" not in page  # a draft
    assert f"kind=meeting_notes&amp;source={world.notes_v2.pk}" in page  # the current version
    assert f'source={world.notes_v1.pk}"' not in page
    facilitator = as_("kq_facilitator").get(_url(world, "evidence/sources/?kind=meeting_notes"))
    assert "Surgery: Braintree" not in facilitator.content.decode()


def test_coding_notes_through_the_form(as_, world):
    client = as_("kq_facilitator")
    url = _url(world, f"evidence/new/?kind=meeting_notes&source={world.notes_v2.pk}")
    page = client.get(url).content.decode()
    assert "from Year 6 to Year 7" in page and "(version 2)" in page
    response = client.post(
        url,
        {"quote": "meet the health visitors each term", "codes": [code("key_feature:trust").pk]},
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert item.notes_version == world.notes_v2
    wrong = client.post(
        url, {"quote": "Words the notes never had", "codes": [code("key_feature:trust").pk]}
    )
    assert "version 2 of the notes, word for word" in wrong.content.decode()
    assert EvidenceItem.objects.count() == 1


@pytest.mark.parametrize(
    "actor, source, message",
    [
        ("consultant_a", "notes_draft", "still a draft"),
        ("kq_facilitator", "notes_draft", MISSING),
        ("kq_facilitator", "notes_checking", MISSING),
    ],
)
def test_unreadable_or_draft_notes_send_the_person_back_to_the_picker(
    as_, world, actor, source, message
):
    client = as_(actor)
    url = _url(world, f"evidence/new/?kind=meeting_notes&source={getattr(world, source).pk}")
    response = client.post(url, {"codes": [code("key_feature:trust").pk]}, follow=True)
    assert response.redirect_chain[-1][0].startswith(_url(world, "evidence/sources/"))
    assert message.replace("’", "'") in response.content.decode().replace("&#x27;", "'")
    assert not EvidenceItem.objects.exists()


def test_the_list_and_csv_name_the_notes(as_, world):
    cite(world, "co_x", world.notes_v2, quote="Year 6 to Year 7")
    cite(world, "co_x", world.notes_checking)
    client = as_("member_a")
    page = client.get(_url(world, "evidence/")).content.decode()
    assert "1 piece of evidence" in page
    assert "Notes of “Surgery: Harlow”" in page and "(version 2)" in page
    response = client.get(_url(world, "evidence.csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert len(rows) == 2
    assert rows[1][1] == "Meeting notes" and rows[1][2].startswith("Notes of “Surgery: Harlow”")
    assert rows[1][2].endswith("(version 2)") and rows[1][4] == "Year 6 to Year 7"
    assert CHECKING_TEXT not in response.content.decode()
    assert NOTES_V2  # (the text the quote came from)


@pytest.mark.parametrize(
    "page",
    [
        "evidence/",
        "evidence/sources/?kind=meeting_notes",
        "key-drivers/",
        "evidence.csv",
        "evidence.qdpx",
    ],
)
def test_pages_with_notes_evidence_stay_within_their_queries(
    as_, world, page, django_assert_max_num_queries
):
    for number in range(12):
        cite(
            world,
            "co_x",
            [world.notes_v1, world.notes_v2, world.notes_checking][number % 3],
            codes=[["key_feature:trust", "ecm_outcome:stay_safe"][number % 2]],
        )
    services.key_driver_name(
        actor=world.person("co_x"),
        project=world.project_x,
        title="T",
        narrative="N",
        evidence=list(EvidenceItem.objects.all()[:3]),
    )
    client = as_("co_x")
    with django_assert_max_num_queries(20):
        assert client.get(_url(world, page)).status_code == 200
