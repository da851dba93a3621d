"""The evidence pages: what each person sees, forms and their errors, the heat table,
the driver diagram, CSV, and queries bounded whatever the size."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from evidence import services
from evidence.models import Baseline, EvidenceItem, KeyDriver
from evidence.selectors import report_sections
from tests.evidence.factories import code

pytestmark = pytest.mark.django_db
DAY = dt.date(2025, 11, 10)


def _add(w, actor="co_x", source=None, key="key_feature:trust", kind="log_entry", **extra):
    return services.evidence_add(
        actor=w.person(actor),
        project=w.project_x,
        kind=kind,
        source=source or w.entry,
        codes=[code(key)],
        **extra,
    )


def _url(w, name, project=None):
    return f"/projects/{(project or w.project_x).pk}/{name}"


def test_the_project_page_links_to_evidence(as_, world):
    page = as_("member_a").get(f"/projects/{world.project_x.pk}/").content.decode()
    assert "Evidence and key drivers" in page


def test_evidence_list_shows_only_evidence_whose_source_the_reader_can_read(as_, world):
    _add(world, quote="Trust between the two secondary heads")
    _add(world, actor="lead_a", source=world.cluster_entry, key="emerging_theme:relationships")
    _add(world, source=world.private_entry, key="emerging_theme:sustainability")
    coleader = as_("co_x").get(_url(world, "evidence/")).content.decode()
    assert "2 pieces of evidence" in coleader
    member = as_("member_a").get(_url(world, "evidence/")).content.decode()
    assert "2 pieces of evidence" in member
    braintree = as_("lead_a2").get(_url(world, "evidence/")).content.decode()
    assert "1 piece of evidence" in braintree
    assert as_("outsider").get(_url(world, "evidence/")).status_code == 404
    filtered = as_("co_x").get(_url(world, "evidence/"), {"code": code("key_feature:trust").pk})
    assert "1 piece of evidence" in filtered.content.decode()


def test_coding_a_log_entry_through_the_form(as_, world):
    client = as_("kq_facilitator")
    url = _url(world, f"evidence/new/?kind=log_entry&source={world.entry.pk}")
    page = client.get(url)
    assert page.status_code == 200 and "health visitors" in page.content.decode()
    response = client.post(
        url,
        {
            "quote": "agreed to share transition data",
            "codes": [code("key_feature:trust").pk, code("emerging_theme:relationships").pk],
            "note": "",
        },
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get()
    assert item.created_by == world.kq_facilitator and item.codes.count() == 2


@pytest.mark.parametrize(
    "data, message",
    [
        ({"quote": "", "codes": []}, "Choose at least one code"),
        ({"quote": "", "codes": ["999999"]}, "Choose codes from this project"),
        ({"quote": "Not in the entry at all", "codes": ["TRUST"]}, "word for word"),
    ],
)
def test_bad_evidence_input_is_told_and_saves_nothing(as_, world, data, message):
    if data["codes"] == ["TRUST"]:
        data["codes"] = [code("key_feature:trust").pk]
    url = _url(world, f"evidence/new/?kind=log_entry&source={world.entry.pk}")
    response = as_("co_x").post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EvidenceItem.objects.exists()


@pytest.mark.parametrize("source", ["entry_y", "private_entry", "nonsense"])
def test_a_foreign_or_unreadable_source_id_is_refused(as_, world, source):
    pk = getattr(world, source).pk if source != "nonsense" else "x1"
    client = as_("officer_x_facilitating_y")
    url = _url(world, f"evidence/new/?kind=log_entry&source={pk}")
    response = client.post(url, {"codes": [code("key_feature:trust").pk]})
    assert response.status_code == 302 and response.url.endswith("/evidence/sources/")
    assert not EvidenceItem.objects.exists()


def test_a_project_code_of_another_project_is_a_form_error(as_, world):
    other = services.code_create(actor=world.person("co_y"), project=world.project_y, name="Corby")
    url = _url(world, f"evidence/new/?kind=log_entry&source={world.entry.pk}")
    response = as_("co_x").post(url, {"codes": [other.pk]})
    assert "Choose codes from this project" in response.content.decode()


def test_codebook_page_and_adding_a_code(as_, world):
    client = as_("consultant_a")
    page = client.get(_url(world, "codebook/")).content.decode()
    for name in (
        "Shared purpose",
        "Managing complexity and chaos",
        "Stay safe",
        "Knowledge exchange",
    ):
        assert name in page
    response = client.post(
        _url(world, "codebook/new/"),
        {"name": "Transition data", "parent": code("key_feature:trust").pk, "memo": "Why"},
    )
    assert response.status_code == 302
    assert "Transition data" in client.get(_url(world, "codebook/")).content.decode()
    again = client.post(_url(world, "codebook/new/"), {"name": "transition DATA", "parent": ""})
    assert "already has a code" in again.content.decode()


def test_baselines_and_reviews_side_by_side(as_, world):
    client = as_("lead_a")
    form = client.get(_url(world, "baselines/new/")).content.decode()
    assert "Harlow cluster" in form and "Braintree cluster" not in form  # only their own
    response = client.post(
        _url(world, "baselines/new/"),
        {
            "cluster_participation": world.part_a.pk,
            "aspect": "The state of multi-agency relationships",
            "narrative": "Health visitors and schools rarely meet.",
            "rating": "2",
            "described_on_0": "3",
            "described_on_1": "9",
            "described_on_2": "2025",
        },
    )
    assert response.status_code == 302
    baseline = Baseline.objects.get()
    foreign = client.post(
        _url(world, "baselines/new/"),
        {
            "cluster_participation": world.part_a2.pk,
            "aspect": "x",
            "narrative": "x",
            "described_on_0": "3",
            "described_on_1": "9",
            "described_on_2": "2025",
        },
    )
    assert "Choose one of the clusters listed" in foreign.content.decode()
    client.post(
        f"/baselines/{baseline.pk}/reviews/new/",
        {
            "narrative": "They meet every term now.",
            "rating": "4",
            "reviewed_on_0": "1",
            "reviewed_on_1": "11",
            "reviewed_on_2": "2025",
        },
    )
    page = as_("member_a").get(_url(world, "baselines/")).content.decode()
    assert page.index("rarely meet") < page.index("every term now")
    assert "4 – established" in page


def test_key_drivers_page_heat_table_words_and_diagram(as_, world, django_assert_max_num_queries):
    _add(world)
    _add(world, actor="lead_a2", source=world.entry_a2)
    _add(world, key="emerging_theme:sustainability", kind="archive_item", source=world.archive_item)
    client = as_("co_x")
    with django_assert_max_num_queries(20):
        page = client.get(_url(world, "key-drivers/")).content.decode()
    assert "Evidenced in most clusters" in page and "In most clusters" in page
    assert "<svg" in page and "The driver diagram as a list" in page
    assert "How can clusters shape the county" in page  # the aim


def test_naming_a_key_driver_and_the_sixth_refused(as_, world):
    item = _add(world)
    client = as_("kq_facilitator")
    for number in range(1, 6):
        response = client.post(
            _url(world, "key-drivers/new/"),
            {
                "title": f"Driver {number}",
                "narrative": "Because the evidence says so.",
                "code": code("key_feature:trust").pk,
                "evidence": [item.pk],
                "change_ideas": "Termly heads' meetings\nShared transition data",
            },
        )
        assert response.status_code == 302, response.content.decode()[:500]
    sixth = client.post(
        _url(world, "key-drivers/new/"),
        {"title": "Sixth", "narrative": "x", "evidence": [item.pk], "change_ideas": ""},
    )
    assert sixth.status_code == 200
    assert "at most 5 key drivers" in sixth.content.decode()
    assert KeyDriver.objects.count() == 5
    page = client.get(_url(world, "key-drivers/")).content.decode()
    assert "Termly heads’ meetings" in page or "Termly heads&#x27; meetings" in page
    assert "the most it can" in page
    assert as_("lead_a").get(_url(world, "key-drivers/new/")).status_code == 403


def test_evidence_csv(as_, world):
    _add(world, quote="Trust between the two secondary heads")
    response = as_("co_x").get(_url(world, "evidence.csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode().removeprefix("\ufeff"))))
    assert rows[0][:3] == ["Added", "Kind", "Source"]
    assert rows[1][4] == "Trust between the two secondary heads"


@pytest.mark.parametrize(
    "page",
    [
        "evidence/",
        "key-drivers/",
        "baselines/",
        "codebook/",
        "evidence/sources/",
        "key-drivers/new/",
        "evidence.csv",
        "evidence.qdpx",
        "codebook.qdc",
    ],
)
def test_pages_stay_within_their_queries_as_the_project_grows(
    as_, world, page, django_assert_max_num_queries
):
    for number in range(12):
        _add(world, key=["key_feature:trust", "ecm_outcome:stay_safe"][number % 2])
    item = EvidenceItem.objects.first()
    services.key_driver_name(
        actor=world.person("co_x"),
        project=world.project_x,
        title="T",
        narrative="N",
        evidence=[item],
    )
    client = as_("co_x")
    with django_assert_max_num_queries(20):
        assert client.get(_url(world, page)).status_code == 200


def test_report_sections_for_the_case_study(world, django_assert_max_num_queries):
    shared = _add(world)
    private = _add(world, source=world.private_entry)
    services.key_driver_name(
        actor=world.person("co_x"),
        project=world.project_x,
        title="Trust",
        narrative="N",
        evidence=[shared, private],
        change_ideas=["Meet termly"],
    )
    services.baseline_record(
        actor=world.person("co_x"),
        participation=world.part_a,
        aspect="Relationships",
        narrative="Thin",
        described_on=DAY,
    )
    with django_assert_max_num_queries(14):
        sections = report_sections(world.project_x)
        driver = sections.key_drivers[0]
        assert [item.pk for item in driver.evidence] == [shared.pk]  # never the private one
        assert [idea.text for idea in driver.change_ideas] == ["Meet termly"]
        harlow = next(
            row for row in sections.baselines if row.participation.cluster_id == world.cluster_a.pk
        )
        assert harlow.baselines[0].aspect == "Relationships"
        assert list(harlow.baselines[0].reviews.all()) == []
    assert sections.aim.startswith("How can clusters")
    assert report_sections(world.project_x, user=world.person("co_x")).key_drivers[0].evidence


def test_a_cluster_lead_codes_only_their_own_clusters_work(as_, world):
    client = as_("lead_a")
    other = _url(world, f"evidence/new/?kind=log_entry&source={world.entry_a2.pk}")
    response = client.get(other)
    assert response.status_code == 302 and response.url.endswith("/evidence/sources/")
    own = _url(world, f"evidence/new/?kind=log_entry&source={world.entry.pk}")
    assert client.post(own, {"codes": [code("key_feature:trust").pk]}).status_code == 302
    assert EvidenceItem.objects.get().cluster == world.cluster_a


def test_a_driver_lists_its_newest_evidence_and_counts_the_rest(
    as_, world, django_assert_max_num_queries
):
    """However much evidence is behind a driver, the page lists the newest few (what a
    reader can take in) and says how many there are; a reader who cannot see an item
    does not have it counted."""
    from evidence.selectors import DRIVER_EVIDENCE_SHOWN

    items = [_add(world, quote="") for _ in range(DRIVER_EVIDENCE_SHOWN + 2)]
    hidden = _add(world, source=world.cluster_entry, actor="lead_a")
    services.key_driver_name(
        actor=world.person("co_x"),
        project=world.project_x,
        title="Trust between heads",
        narrative="N",
        evidence=items,
    )
    KeyDriver.objects.get().evidence.add(hidden)  # as if linked by someone who reads it
    client = as_("co_x")
    with django_assert_max_num_queries(20):
        page = client.get(_url(world, "key-drivers/")).content.decode()
    total = len(items)  # the cluster's own entry is not the co-leader's to read
    assert f"The newest {DRIVER_EVIDENCE_SHOWN} of {total} items are listed" in page
    shown = report_sections(world.project_x, user=world.person("co_x")).key_drivers[0]
    assert len(shown.evidence) == DRIVER_EVIDENCE_SHOWN and shown.total == total
    newest = sorted(items, key=lambda item: (item.created_at, item.pk))[-1]
    assert shown.evidence[0].pk == newest.pk
