"""Exchanging the codebook and coded evidence with qualitative-analysis software, in
the REFI-QDA standard (version 1.5, www.qdasoftware.org):

* `codebook_qdc(codes)` — the codebook as a `.qdc` file (urn:QDA-XML:codebook:1.0);
* `project_qdpx(project, items, codes)` — a `.qdpx` project: a zip holding
  `project.qde` (urn:QDA-XML:project:1.0) with the users, the codebook (memos as
  notes), one case per cluster, and one text source per piece of evidence's source,
  kept as `sources/<guid>.txt`, each coded passage a PlainTextSelection with its
  codings.

Codes keep their GUIDs from export to export (shared codes' are the same in every
installation), so a QDA program re-importing a later export recognises them. Pure
functions of what they are given: the views load the objects (selectors) and check
who may read them. tests/evidence/test_refi_qda.py validates both against the
standard's XSDs, vendored in tests/refi_qda/.
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from collections.abc import Iterable
from xml.etree import ElementTree as ET

from django.utils import timezone

from . import sources
from .models import Code, EvidenceItem

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"
ORIGIN = "Enquiry Networks"
_NAMESPACE = uuid.UUID("0d7a3b8e-51a4-4c7e-9bb1-5b2f2f8f6a10")

# One colour per group, so the groups stay apart in the QDA program.
COLOURS = {
    "key_feature": "#1d70b8",
    "emerging_theme": "#00703c",
    "ecm_outcome": "#f47738",
    "brokerage_role": "#4c2c92",
    "project": "#505a5f",
}


def guid(kind: str, pk) -> str:
    """A stable GUID for one of our objects that has none of its own."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{pk}"))


def _when(value) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _tree(codes: Iterable[Code]) -> dict[int | None, list[Code]]:
    children: dict[int | None, list[Code]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code)
    return children


def _code_element(parent, ns: str, code: Code, children, notes: dict[int, str]) -> None:
    element = ET.SubElement(
        parent,
        f"{{{ns}}}Code",
        {
            "guid": str(code.guid),
            "name": code.name,
            "isCodable": "true" if code.is_codable else "false",
            "color": COLOURS.get(code.group, COLOURS["project"]),
        },
    )
    description = code.description or (code.memo if ns == CODEBOOK_NS else "")
    if description:
        ET.SubElement(element, f"{{{ns}}}Description").text = description
    if ns == PROJECT_NS and code.pk in notes:
        ET.SubElement(element, f"{{{ns}}}NoteRef", {"targetGUID": notes[code.pk]})
    for child in children.get(code.pk, []):
        _code_element(element, ns, child, children, notes)


def _codes(parent, ns: str, codes: list[Code], notes: dict[int, str]) -> None:
    element = ET.SubElement(parent, f"{{{ns}}}Codes")
    children = _tree(codes)
    known = {code.pk for code in codes}
    # Roots: codes without a parent, or whose parent is not exported.
    for code in codes:
        if code.parent_id is None or code.parent_id not in known:
            _code_element(element, ns, code, children, notes)


def _serialise(root) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def codebook_qdc(codes: list[Code]) -> bytes:
    """The codebook (shared codes and the project's own, memos as descriptions)."""
    ET.register_namespace("", CODEBOOK_NS)
    root = ET.Element(f"{{{CODEBOOK_NS}}}CodeBook", {"origin": ORIGIN})
    _codes(root, CODEBOOK_NS, codes, {})
    return _serialise(root)


class _Source:
    def __init__(self, kind: str, source):
        self.kind = kind
        self.source = source
        self.guid = guid(kind, source.pk)
        self.name = sources.title_of(kind, source)
        self.text = sources.text_of(kind, source)
        self.selections: list[tuple[EvidenceItem, int, int]] = []

    def place(self, item: EvidenceItem) -> tuple[int, int]:
        """Where the item's passage sits in the text (the whole text if it quotes
        none); a passage quoted from a document not held as text is added to it."""
        if not item.quote:
            return 0, len(self.text)
        span = sources.span_of(item.quote, self.text)
        if span is None:
            self.text += "\n\nQuoted from the document:\n"
            start = len(self.text)
            self.text += item.quote
            span = (start, len(self.text))
        return span


def project_qdpx(project, items: list[EvidenceItem], codes: list[Code]) -> bytes:
    """The coded evidence as a REFI-QDA project (a zip). `items` must be loaded with
    their sources, codes and creators (selectors.evidence_for plus the feedback
    answers); `codes` is the project's codebook."""
    ET.register_namespace("", PROJECT_NS)
    ns = PROJECT_NS
    now = _when(timezone.now())
    root = ET.Element(
        f"{{{ns}}}Project", {"name": project.title, "origin": ORIGIN, "creationDateTime": now}
    )
    # Users: whoever coded the evidence.
    people = {item.created_by.pk: item.created_by for item in items if item.created_by is not None}
    users = ET.SubElement(root, f"{{{ns}}}Users")
    ET.SubElement(users, f"{{{ns}}}User", {"guid": guid("user", 0), "name": ORIGIN})
    for pk, person in sorted(people.items()):
        ET.SubElement(users, f"{{{ns}}}User", {"guid": guid("user", pk), "name": person.name})

    notes = {code.pk: guid("memo", code.pk) for code in codes if code.memo}
    if codes:
        book = ET.SubElement(root, f"{{{ns}}}CodeBook")
        _codes(book, ns, codes, notes)
    exported = {code.pk for code in codes}

    # Sources, one per source, each with the passages coded in it.
    by_source: dict[tuple[str, int | None], _Source] = {}
    for item in items:
        key = (item.kind, item.source_pk)
        if key not in by_source:
            by_source[key] = _Source(item.kind, item.source)
        placed = by_source[key]
        start, end = placed.place(item)
        placed.selections.append((item, start, end))

    # Cases: one per cluster, gathering its coded passages.
    cases: dict[int, tuple[str, list[str]]] = {}
    for placed in by_source.values():
        for item, _start, _end in placed.selections:
            if item.cluster_id is not None:
                name = item.cluster.name if item.cluster else str(item.cluster_id)
                cases.setdefault(item.cluster_id, (name, []))[1].append(guid("selection", item.pk))
    if cases:
        cases_element = ET.SubElement(root, f"{{{ns}}}Cases")
        for cluster_id, (name, selection_guids) in sorted(cases.items()):
            case = ET.SubElement(
                cases_element, f"{{{ns}}}Case", {"guid": guid("cluster", cluster_id), "name": name}
            )
            for target in selection_guids:
                ET.SubElement(case, f"{{{ns}}}SelectionRef", {"targetGUID": target})

    files: dict[str, str] = {}
    if by_source:
        sources_element = ET.SubElement(root, f"{{{ns}}}Sources")
        for placed in by_source.values():
            path = f"{placed.guid}.txt"
            files[path] = placed.text
            element = ET.SubElement(
                sources_element,
                f"{{{ns}}}TextSource",
                {"guid": placed.guid, "name": placed.name, "plainTextPath": f"internal://{path}"},
            )
            ET.SubElement(
                element, f"{{{ns}}}Description"
            ).text = (
                f"{placed.source.__class__._meta.verbose_name.capitalize()} from {project.title}"
            )
            for item, start, end in placed.selections:
                creator = guid("user", item.created_by_id or 0)
                selection = ET.SubElement(
                    element,
                    f"{{{ns}}}PlainTextSelection",
                    {
                        "guid": guid("selection", item.pk),
                        "name": (item.quote or placed.name)[:100],
                        "startPosition": str(start),
                        "endPosition": str(end),
                        "creatingUser": creator,
                        "creationDateTime": _when(item.created_at),
                    },
                )
                if item.note:
                    ET.SubElement(selection, f"{{{ns}}}Description").text = item.note
                for code in item.codes.all():
                    if code.pk not in exported:
                        continue
                    coding = ET.SubElement(
                        selection,
                        f"{{{ns}}}Coding",
                        {
                            "guid": guid("coding", f"{item.pk}:{code.pk}"),
                            "creatingUser": creator,
                            "creationDateTime": _when(item.created_at),
                        },
                    )
                    ET.SubElement(coding, f"{{{ns}}}CodeRef", {"targetGUID": str(code.guid)})

    if notes:
        notes_element = ET.SubElement(root, f"{{{ns}}}Notes")
        for code in codes:
            if code.pk in notes:
                note = ET.SubElement(
                    notes_element,
                    f"{{{ns}}}Note",
                    {"guid": notes[code.pk], "name": f"Memo: {code.name}"},
                )
                ET.SubElement(note, f"{{{ns}}}PlainTextContent").text = code.memo

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _serialise(root))
        for path, content in files.items():
            archive.writestr(f"sources/{path}", content.encode("utf-8"))
    return buffer.getvalue()
