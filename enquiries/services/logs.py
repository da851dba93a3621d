"""Reflective logs: writing an entry (with its attachments), a project's logging
cadence, and each person's reminders (opt out, snooze).

Same shape as the other services: keyword-only, permission checked here
(PermissionDenied), refusals as EnquiryError, one audit entry in the transaction.
log_entry_create keeps files: see enquiries/uploads.py for why it runs its own
transaction (files are written last inside it and deleted if it fails).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from networks.audit import audit
from networks.models import User
from networks.scope import scope_for

from .. import rules_logs
from ..longtext import refuse_control_characters_in_text
from ..models import (
    LogAttachment,
    LogCadence,
    LogEntry,
    LogReminderPreference,
    LogSchedule,
    LogVisibility,
    Project,
)
from ..models.logs import DEFAULT_LOG_CADENCE
from ..uploads import CheckedFile, UploadRefused, check_upload, delete_quietly, new_key, stored
from ._common import EnquiryError

MAX_ATTACHMENTS = 5
MAX_TAGS = 10
TEXT_LIMIT = 20_000


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as typed (comma-separated in the form): trimmed, lower case, no repeats."""
    cleaned: list[str] = []
    for tag in tags:
        tag = " ".join(tag.split()).lower()[:40]
        if tag and tag not in cleaned:
            cleaned.append(tag)
    if len(cleaned) > MAX_TAGS:
        raise EnquiryError(f"Give at most {MAX_TAGS} tags.")
    for tag in cleaned:
        try:
            refuse_control_characters_in_text(tag)
        except ValidationError as error:
            raise EnquiryError(error.messages[0]) from None
    return cleaned


def check_files(files: Sequence[tuple[str, object]]) -> list[CheckedFile]:
    """Each (file name, content) checked, or an EnquiryError naming what is wrong."""
    checked = []
    for filename, content in files:
        try:
            checked.append(check_upload(filename, content))  # type: ignore[arg-type]
        except UploadRefused as error:
            raise EnquiryError(str(error)) from None
    return checked


def log_clusters(user, project: Project) -> set[int]:
    """The person's clusters taking part in the project (what "my cluster" may be)."""
    mine = scope_for(user).cluster_ids
    if not mine:
        return set()
    return set(
        project.cluster_participations.filter(cluster_id__in=mine).values_list(
            "cluster_id", flat=True
        )
    )


def log_entry_create(
    *,
    actor: User,
    project: Project,
    text: str,
    written_on: date | None = None,
    tags: Iterable[str] = (),
    visibility: str = LogVisibility.PROJECT,
    cluster=None,
    attachments: Sequence[tuple[str, object]] = (),
) -> LogEntry:
    """An entry in the actor's reflective log for the project, with its attachments
    (each (file name, content)), checked before anything is written."""
    if not rules_logs.may_write_log(actor, project):
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise EnquiryError("Write something in your log entry.")
    if len(text) > TEXT_LIMIT:
        raise EnquiryError(f"A log entry can be at most {TEXT_LIMIT:,} characters.")
    try:
        refuse_control_characters_in_text(text)
    except ValidationError as error:
        raise EnquiryError(error.messages[0]) from None
    if visibility not in LogVisibility.values:
        raise EnquiryError("Choose who can read the entry.")
    today = timezone.localdate()
    written_on = written_on or today
    if written_on > today:
        raise EnquiryError("The date cannot be in the future.")
    cluster_id = getattr(cluster, "pk", cluster)
    if cluster_id is not None and cluster_id not in log_clusters(actor, project):
        raise EnquiryError("Choose one of your clusters in this project.")
    if visibility == LogVisibility.CLUSTER and cluster_id is None:
        raise EnquiryError("Choose which of your clusters can read the entry.")
    if len(attachments) > MAX_ATTACHMENTS:
        raise EnquiryError(f"Attach at most {MAX_ATTACHMENTS} files to one entry.")
    tag_list = clean_tags(tags)
    checked = check_files(attachments)
    files = [(new_key("logs", project.pk), file) for file in checked]
    try:
        with transaction.atomic():
            entry = LogEntry.objects.create(
                project=project,
                author=actor,
                cluster_id=cluster_id,
                written_on=written_on,
                text=text,
                tags=tag_list,
                visibility=visibility,
            )
            LogAttachment.objects.bulk_create(
                LogAttachment(entry=entry, storage_key=key, **file.fields()) for key, file in files
            )
            # Not the text: a private entry stays private in the audit trail too.
            audit(
                actor,
                "enquiries.log_entry.created",
                entry,
                {
                    "visibility": visibility,
                    "cluster": cluster_id,
                    "attachments": [file.filename for file in checked],
                },
                la=project.la_id,
            )
            with stored(files):
                pass
    except BaseException:
        delete_quietly([key for key, _ in files])
        raise
    return entry


def cadence_of(project: Project) -> str:
    schedule = LogSchedule.objects.filter(project=project).first()
    return schedule.cadence if schedule else DEFAULT_LOG_CADENCE


@transaction.atomic
def log_cadence_update(*, actor: User, project: Project, cadence: str) -> str:
    """How often the project's people are reminded to write (co-leaders choose)."""
    if not rules_logs.may_manage_project(actor, project):
        raise PermissionDenied
    if cadence not in LogCadence.values:
        raise EnquiryError("Choose how often people should write in their logs.")
    before = cadence_of(project)
    LogSchedule.objects.update_or_create(
        project=project, defaults={"cadence": cadence, "updated_by": actor}
    )
    audit(
        actor,
        "enquiries.log_cadence.changed",
        project,
        {"cadence": [before, cadence]},
        la=project.la_id,
    )
    return cadence


SNOOZE_CHOICES = {"week": 7, "fortnight": 14, "month": 28}


@transaction.atomic
def log_reminder_preferences_update(
    *, user: User, opted_out: bool, snooze: str = ""
) -> LogReminderPreference:
    """A person's own reminder settings: stop them, snooze them (for a week, a
    fortnight or four weeks from today), or have them again ("" clears a snooze)."""
    if not user.is_authenticated:
        raise PermissionDenied
    if snooze and snooze not in SNOOZE_CHOICES:
        raise EnquiryError("Choose how long to snooze reminders for.")
    until = timezone.localdate() + timedelta(days=SNOOZE_CHOICES[snooze]) if snooze else None
    preference, _ = LogReminderPreference.objects.update_or_create(
        user=user, defaults={"opted_out": opted_out, "snoozed_until": until}
    )
    # A person's own settings: in the staff trail only (no LA's).
    audit(
        user,
        "enquiries.log_reminders.changed",
        user,
        {"opted_out": opted_out, "snoozed_until": until},
    )
    return preference
