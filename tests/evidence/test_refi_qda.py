"""The REFI-QDA exports, parsed back and validated against the standard's schemas
(tests/refi_qda/)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xmlschema

from evidence import services
from tests.evidence.factories import NOTES_V2, code

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parent.parent / "refi_qda"
CB = "{urn:QDA-XML:codebook:1.0}"
PR = "{urn:QDA-XML:project:1.0}"


@pytest.fixture(scope="module")
def codebook_schema():
    return xmlschema.XMLSchema(SCHEMAS / "Codebook.xsd")


@pytest.fixture(scope="module")
def project_schema():
    return xmlschema.XMLSchema(SCHEMAS / "Project.xsd")


def _coded(w):
    coleader = w.person("co_x")
    mine = services.code_create(
        actor=coleader,
        project=w.project_x,
        name="Data sharing",
        parent=code("key_feature:trust"),
        memo="Sharing pupils' data between phases.",
    )
    quoted = services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="log_entry",
        source=w.entry,
        codes=[code("key_feature:trust"), mine],
        quote="Trust between the two secondary heads",
        note="The heads say so.",
    )
    whole = services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="feedback_response",
        source=w.response,
        codes=[code("ecm_outcome:enjoy_and_achieve")],
    )
    archive = services.evidence_add(
        actor=w.person("lead_a"),
        project=w.project_x,
        kind="archive_item",
        source=w.archive_item,
        codes=[code("emerging_theme:sustainability")],
        quote="A passage from page 3 of the PDF",
    )
    private = services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="log_entry",
        source=w.private_entry,
        codes=[code("key_feature:trust")],
    )
    # Harlow's circulated notes (version 2), and Braintree's being checked, which the
    # initiative's facilitator may not read.
    services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="meeting_notes",
        source=w.notes_v2,
        codes=[code("key_feature:shared_purpose")],
        quote="from Year 6 to Year 7",
        cluster=w.cluster_a,
    )
    services.evidence_add(
        actor=coleader,
        project=w.project_x,
        kind="meeting_notes",
        source=w.notes_checking,
        codes=[code("key_feature:trust")],
    )
    return mine, quoted, whole, archive, private


def test_codebook_qdc_validates_and_holds_the_tree(as_, world, codebook_schema):
    mine, *_ = _coded(world)
    response = as_("member_a").get(f"/projects/{world.project_x.pk}/codebook.qdc")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.qdc"')
    codebook_schema.validate(io.BytesIO(response.content))
    root = ET.fromstring(response.content)
    groups = root.findall(f"{CB}Codes/{CB}Code")
    assert [g.get("name") for g in groups] == [
        "Key features",
        "Emerging themes",
        "Every Child Matters outcomes",
        "Brokerage roles",
    ]
    assert all(g.get("isCodable") == "false" for g in groups)
    assert len(groups[0].findall(f"{CB}Code")) == 5
    assert len(groups[1].findall(f"{CB}Code")) == 6
    trust = next(c for c in groups[0].findall(f"{CB}Code") if c.get("name") == "Trust")
    child = trust.find(f"{CB}Code")
    assert child.get("name") == "Data sharing" and child.get("guid") == str(mine.guid)
    assert child.find(f"{CB}Description").text == "Sharing pupils' data between phases."


def test_project_qdpx_validates_and_codes_the_passages(as_, world, project_schema):
    mine, quoted, whole, archive, private = _coded(world)
    response = as_("kq_facilitator").get(f"/projects/{world.project_x.pk}/evidence.qdpx")
    assert response.status_code == 200
    archive_zip = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive_zip.namelist()
    assert "project.qde" in names
    qde = archive_zip.read("project.qde")
    project_schema.validate(io.BytesIO(qde))
    root = ET.fromstring(qde)
    sources = root.findall(f"{PR}Sources/{PR}TextSource")
    # The facilitator cannot read the co-leader's private entry nor the notes being
    # checked: four sources (an entry, a response, an archive item, notes), not six.
    assert len(sources) == 4
    selections = {}
    texts = {}
    for source in sources:
        path = source.get("plainTextPath").removeprefix("internal://")
        text = archive_zip.read(f"sources/{path}").decode("utf-8")
        texts[source.get("name")] = text
        for selection in source.findall(f"{PR}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            refs = [
                c.find(f"{PR}CodeRef").get("targetGUID") for c in selection.findall(f"{PR}Coding")
            ]
            selections[text[start:end]] = refs
    assert selections["Trust between the two secondary heads"] == [
        str(code("key_feature:trust").guid),
        str(mine.guid),
    ]
    assert "A passage from page 3 of the PDF" in selections
    # The notes' source text is the text of the version cited.
    notes_name = next(name for name in texts if name.startswith("Notes of"))
    assert notes_name.endswith("(version 2)") and texts[notes_name] == NOTES_V2
    assert selections["from Year 6 to Year 7"] == [str(code("key_feature:shared_purpose").guid)]
    assert any("visit the secondary school each term" in passage for passage in selections)
    # Every code referred to is in the codebook; memos travel as notes.
    guids = {c.get("guid") for c in root.iter(f"{PR}Code")}
    assert all(ref in guids for refs in selections.values() for ref in refs)
    note = root.find(f"{PR}Notes/{PR}Note")
    assert note.find(f"{PR}PlainTextContent").text == "Sharing pupils' data between phases."
    cases = root.findall(f"{PR}Cases/{PR}Case")
    assert [case.get("name") for case in cases] == ["Harlow cluster"]


def test_an_empty_project_exports_valid_files(as_, world, codebook_schema, project_schema):
    client = as_("co_z")
    codebook_schema.validate(
        io.BytesIO(client.get(f"/projects/{world.project_z.pk}/codebook.qdc").content)
    )
    qdpx = client.get(f"/projects/{world.project_z.pk}/evidence.qdpx").content
    project_schema.validate(io.BytesIO(zipfile.ZipFile(io.BytesIO(qdpx)).read("project.qde")))
