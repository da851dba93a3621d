"""A project's own codes (beside the shared, seeded ones) and their memos."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from networks.audit import audit
from networks.models import User

from .. import rules
from ..models import Code, CodeGroup
from ._common import EvidenceError, line, require, text


@transaction.atomic
def code_create(
    *, actor: User, project, name: str, parent: Code | None = None, memo: str = ""
) -> Code:
    """A code of the project's own, at the top level or under a shared code or one of
    the project's (any depth), with a memo saying what it is for."""
    require(rules.codes_project(actor, project))
    name = line(name, "code name", max_length=120)
    if parent is not None and parent.project_id not in (None, project.pk):
        raise EvidenceError("Choose a parent code from this project's codebook.")
    if Code.objects.filter(project=project, name__iexact=name).exists():
        raise EvidenceError(f"This project already has a code called “{name}”.")
    try:
        with transaction.atomic():
            code = Code.objects.create(
                project=project,
                parent=parent,
                group=CodeGroup.PROJECT,
                name=name,
                memo=text(memo, "memo", required=False),
                created_by=actor,
            )
    except IntegrityError as error:
        raise EvidenceError(f"This project already has a code called “{name}”.") from error
    audit(
        actor,
        "evidence.code.created",
        code,
        {"project": project.pk, "name": name, "parent": parent.pk if parent else None},
        la=project.la,
    )
    return code


@transaction.atomic
def code_memo_update(*, actor: User, code: Code, memo: str) -> Code:
    """Change the memo of one of the project's own codes (the shared codes' words are
    the same for every project)."""
    if code.project is None:
        raise EvidenceError("The shared codes' descriptions cannot be changed here.")
    require(rules.codes_project(actor, code.project))
    old = code.memo
    code.memo = text(memo, "memo", required=False)
    code.save(update_fields=["memo"])
    audit(
        actor,
        "evidence.code.memo_changed",
        code,
        {"memo": [old, code.memo]},
        la=code.project.la,
    )
    return code
