"""Adding evidence: a source (or a passage quoted from it), coded."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction

from enquiries.models import ClusterParticipation
from networks.audit import audit
from networks.models import User

from .. import rules, sources
from ..models import SOURCE_FIELDS, Code, EvidenceItem, SourceKind
from ._common import EvidenceError, text


def _codes(project, codes: Iterable[Code]) -> list[Code]:
    chosen = list(dict.fromkeys(codes))
    if not chosen:
        raise EvidenceError("Choose at least one code.")
    for code in chosen:
        if code is None or code.project_id not in (None, project.pk) or not code.is_codable:
            raise EvidenceError("Choose codes from this project's codebook.")
    return chosen


@transaction.atomic
def evidence_add(
    *,
    actor: User,
    project,
    kind: str,
    source,
    codes: Iterable[Code],
    quote: str = "",
    note: str = "",
    cluster=None,
) -> EvidenceItem:
    """Code a source of the project (or a passage of it) as evidence. The person must
    be able to read the source; a source of another project, or one they cannot read,
    is refused with the same words as one that does not exist (so draft notes of a
    meeting the person does not run read as missing; a draft they can read is refused
    as not ready). The evidence is about the source's cluster, or (for a source
    without one, such as a meeting's notes) the cluster chosen, if any. A quoted
    passage must be in the source's text (a meeting's notes: the version cited)."""
    if kind not in SourceKind.values:
        raise EvidenceError("Choose a kind of source from the list.")
    if (
        source is None
        or sources.project_id_of(kind, source) != project.pk
        or not rules.sees_evidence_pages(actor, project)
        or not sources.sees_source(actor, kind, source)
    ):
        raise EvidenceError("Choose a source from this project that you can read.")
    reason = sources.not_ready(kind, source)
    if reason:
        raise EvidenceError(reason)
    cluster_id = sources.cluster_id_of(kind, source)
    chosen_id = getattr(cluster, "pk", cluster)
    if chosen_id is not None:
        if cluster_id is not None and chosen_id != cluster_id:
            raise EvidenceError("The evidence is about the source's own cluster.")
        if not ClusterParticipation.objects.filter(project=project, cluster_id=chosen_id).exists():
            raise EvidenceError("Choose one of this project's clusters.")
        cluster_id = chosen_id
    if not rules.may_add_evidence(actor, project, cluster_id):
        raise PermissionDenied
    quote = text(quote, "quoted passage", required=False, max_length=4000)
    if (
        quote
        and sources.checks_quotes(kind)
        and not sources.quote_is_in(quote, sources.text_of(kind, source))
    ):
        raise EvidenceError(
            f"The quoted passage must be copied from version {source.number} of the notes, "
            "word for word."
            if kind == SourceKind.MEETING_NOTES
            else "The quoted passage must be copied from the source, word for word."
        )
    chosen_codes = _codes(project, codes)
    item = EvidenceItem.objects.create(
        project=project,
        cluster_id=cluster_id,
        kind=kind,
        quote=quote,
        note=text(note, "note", required=False),
        created_by=actor,
        **{SOURCE_FIELDS[kind]: source},
    )
    item.codes.set(chosen_codes)
    audit(
        actor,
        "evidence.item.added",
        item,
        {
            "kind": kind,
            "source": source.pk,
            "cluster": cluster_id,
            "codes": sorted(code.pk for code in chosen_codes),
            "quoted": bool(quote),
        },
        la=project.la,
    )
    return item
