"""The reflective log reminder sweep (beat: enquiries.tasks.send_log_reminders).

Once a project's logging period has reached its reminder day
(enquiries/periods.py), everyone who takes part in it and has written no entry for
it this period is reminded, once: the reminder is a Notification whose event_key
names the project and the period, unique per recipient, so a tick that runs twice
(or two workers running it at once) reminds nobody twice. Who is reminded: the
project's LA officers, its clusters' people, its schools' contacts and its LA-to-LA
facilitators (an initiative's facilitators may write entries in every project of
the initiative, but are not reminded by each), less anyone who has opted out or
snoozed reminders.

Set-based, so it stays quick at national scale (100,000 people due takes seconds,
not minutes: tests/enquiries/test_reminders_scale.py): per cadence a fixed
handful of queries finds who is due (each a plain SELECT of id pairs), then each
batch of BATCH reminders costs one multi-row INSERT ... ON CONFLICT DO NOTHING
(several statements on SQLite, whose statements take fewer parameters), one
SELECT of the new rows' ids and a COMMIT. The emails follow through the outbox:
each batch's ids are queued on commit in chunks, and the every-minute sweep sends
any whose message was lost.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.text import Truncator

from networks.models import RoleAssignment
from networks.models.people import CLUSTER_ROLES, LA_ROLES, SCHOOL_ROLES
from networks.outbox import enqueue_on_commit
from notifications.models import Notification
from notifications.tasks import send_notification_emails

from .models import (
    ClusterParticipation,
    Facilitation,
    LogEntry,
    LogReminderPreference,
    LogSchedule,
    Project,
    SchoolParticipation,
)
from .models.logs import DEFAULT_LOG_CADENCE, LogCadence
from .periods import Period, current_period, london_date

log = logging.getLogger(__name__)

BATCH = 2000
SEND_CHUNK = 200  # notification ids per email task
CATEGORY = Notification.Category.REFLECTIVE_LOG
KEY_PREFIX = "log-reminder:"
FINISHED = (Project.Status.COMPLETED, Project.Status.WITHDRAWN)

Pair = tuple[int, int]  # (user id, project id)


def event_key(project_id: int, period: Period) -> str:
    return f"{KEY_PREFIX}{project_id}:{period.key}"


def projects_by_cadence() -> dict[str, list[tuple[int, int, str]]]:
    """Running projects grouped by cadence: (id, LA id, title). Two queries."""
    cadences = dict(LogSchedule.objects.values_list("project_id", "cadence"))
    grouped: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for pk, la_id, title in (
        Project.objects.exclude(status__in=FINISHED).order_by().values_list("pk", "la_id", "title")
    ):
        cadence = cadences.get(pk, DEFAULT_LOG_CADENCE)
        if cadence != LogCadence.OFF:
            grouped[cadence].append((pk, la_id, title))
    return grouped


def _expand(pairs: Iterable[tuple[int, int]], projects_of: dict[int, list[int]]) -> set[Pair]:
    return {
        (user_id, project_id)
        for user_id, scope_id in pairs
        for project_id in projects_of.get(scope_id, ())
    }


def reminded_people(project_ids: list[int], la_of: dict[int, int]) -> set[Pair]:
    """Everyone reminded to write in these projects. Six queries whatever the size."""
    by_la: dict[int, list[int]] = defaultdict(list)
    for project_id in project_ids:
        by_la[la_of[project_id]].append(project_id)
    by_cluster: dict[int, list[int]] = defaultdict(list)
    for cluster_id, project_id in ClusterParticipation.objects.filter(
        project_id__in=project_ids
    ).values_list("cluster_id", "project_id"):
        by_cluster[cluster_id].append(project_id)
    by_school: dict[int, list[int]] = defaultdict(list)
    for school_id, project_id in (
        SchoolParticipation.objects.filter(cluster_participation__project_id__in=project_ids)
        .values_list("school_id", "cluster_participation__project_id")
        .distinct()
    ):
        by_school[school_id].append(project_id)
    roles = RoleAssignment.objects.current().filter(user__is_active=True).order_by()
    pairs = _expand(
        roles.filter(role__in=LA_ROLES, la_id__in=list(by_la)).values_list("user_id", "la_id"),
        by_la,
    )
    pairs |= _expand(
        roles.filter(role__in=CLUSTER_ROLES, cluster_id__in=list(by_cluster)).values_list(
            "user_id", "cluster_id"
        ),
        by_cluster,
    )
    pairs |= _expand(
        roles.filter(role__in=SCHOOL_ROLES, school_id__in=list(by_school)).values_list(
            "user_id", "school_id"
        ),
        by_school,
    )
    pairs |= set(
        Facilitation.objects.current()
        .filter(kind=Facilitation.Kind.PROJECT, project_id__in=project_ids, user__is_active=True)
        .values_list("user_id", "project_id")
    )
    return pairs


def not_wanting_reminders(today) -> set[int]:
    return set(
        LogReminderPreference.objects.filter(
            Q(opted_out=True) | Q(snoozed_until__gt=today)
        ).values_list("user_id", flat=True)
    )


def due_reminders(
    period: Period, project_ids: list[int], la_of: dict[int, int], today: date
) -> set[Pair]:
    """Who is due a reminder in these projects (all on `period`'s cadence) on `today`."""
    pairs = reminded_people(project_ids, la_of)
    if not pairs:
        return set()
    pairs -= set(
        LogEntry.objects.filter(
            project_id__in=project_ids,
            created_at__gte=period.starts_at,
            created_at__lt=period.ends_at,
        )
        .order_by()
        .values_list("author_id", "project_id")
        .distinct()
    )
    keys = {event_key(project_id, period): project_id for project_id in project_ids}
    pairs -= {
        (recipient_id, keys[key])
        for recipient_id, key in Notification.objects.filter(
            category=CATEGORY, created_at__gte=period.starts_at
        )
        .order_by()
        .values_list("recipient_id", "event_key")
        if key in keys
    }
    skip = not_wanting_reminders(today)
    return {pair for pair in pairs if pair[0] not in skip}


def _message(project: tuple[int, int, str], period: Period) -> dict:
    """What every reminder for one project and period says (built once, not per person)."""
    project_id, _, title = project
    return {
        "category": CATEGORY,
        "event_key": event_key(project_id, period),
        "subject": Truncator(f"Your reflective log for {title}").chars(200),
        "body": (
            f"{title} asks everyone taking part to write in their reflective log "
            f"{period.get_cadence_word()}. You have not written an entry since "
            f"{period.start:%-d %B %Y}; this period ends on {period.last_day:%-d %B %Y}.\n\n"
            "Snooze or stop these reminders: "
            f"{settings.SITE_URL}{reverse('enquiries:log_reminder_settings')}"
        ),
        "url": reverse("enquiries:log_entry_create", args=[project_id]),
    }


def remind(pairs: list[Pair], messages: dict[int, dict], period: Period) -> int:
    """Write one batch of reminders and queue their emails. Returns how many rows are
    new and awaiting email (a row another sweep wrote first may be counted by both;
    its email is still sent once, by whichever sender claims it)."""
    with transaction.atomic():
        Notification.objects.bulk_create(
            [
                Notification(recipient_id=user_id, **messages[project_id])
                for user_id, project_id in pairs
            ],
            ignore_conflicts=True,
        )
        ids = list(
            Notification.objects.filter(
                category=CATEGORY,
                event_key__in={event_key(project_id, period) for _, project_id in pairs},
                recipient_id__in={user_id for user_id, _ in pairs},
            )
            .awaiting_email()
            .filter(email_attempts=0)
            .values_list("pk", flat=True)
        )
        for start in range(0, len(ids), SEND_CHUNK):
            enqueue_on_commit(send_notification_emails, ids[start : start + SEND_CHUNK])
    return len(ids)


def send_log_reminders(*, now: datetime | None = None, batch: int = BATCH) -> int:
    """Remind everyone due, in batches. Returns how many reminders were written."""
    today = london_date(now)
    written = 0
    for cadence, projects in projects_by_cadence().items():
        period = current_period(cadence, now)
        if period is None or today < period.remind_from:
            continue
        la_of = {pk: la_id for pk, la_id, _ in projects}
        due = sorted(due_reminders(period, list(la_of), la_of, today))
        messages = {project[0]: _message(project, period) for project in projects}
        for start in range(0, len(due), batch):
            written += remind(due[start : start + batch], messages, period)
        if due:
            log.info("Log reminders (%s, %s): %d due", cadence, period.key, len(due))
    return written
