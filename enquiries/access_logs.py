"""Loading one log attachment, archive item or file version for a person, for an
action: 404 for outsiders (as for an id that does not exist), 403 for someone who
may read it but not take the action. Each does its own select_related, so the rules
it checks cost no further queries."""

from __future__ import annotations

from networks.access_helpers import Check, allow, first

from .models import ArchiveFileVersion, ArchiveItem, LogAttachment
from .rules import sees_project
from .rules_logs import may_add_version, sees_log_entry

PROJECT_RELATED = ("project__la", "project__initiative")


def get_log_attachment_for_user(user, pk) -> LogAttachment:
    attachment = first(
        LogAttachment.objects.select_related("entry__project__la", "entry__project__initiative"),
        pk,
    )
    checks: dict[str, Check] = {"view": lambda u, a: sees_log_entry(u, a.entry)}
    return allow(user, attachment, "view", checks, "attachment")


ARCHIVE_ITEM_ACTIONS: dict[str, Check] = {
    "view": lambda user, item: sees_project(user, item.project),
    "add_version": may_add_version,
}


def get_archive_item_for_user(user, pk, *, action: str = "view") -> ArchiveItem:
    item = first(
        ArchiveItem.objects.select_related(
            *PROJECT_RELATED, "category", "cluster", "uploaded_by", "current_version"
        ),
        pk,
    )
    return allow(user, item, action, ARCHIVE_ITEM_ACTIONS, "archive item")


def get_archive_version_for_user(user, pk) -> ArchiveFileVersion:
    version = first(
        ArchiveFileVersion.objects.select_related("item__project__la", "item__project__initiative"),
        pk,
    )
    checks: dict[str, Check] = {"view": lambda u, v: sees_project(u, v.item.project)}
    return allow(user, version, "view", checks, "file")
