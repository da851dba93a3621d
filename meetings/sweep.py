"""The notes sweep (beat: meetings.tasks.run_notes_sweep, every ten minutes).

- Circulates notes being checked whose check-by day has ended (London) with no
  correction open.
- Reminds the clusters that have not answered, once per check-by date, from the day
  before it (or on the day, for notes sent that late).

Each step is claimed per notes (services/circulation.py), so two sweeps at once
share the work and nobody is told twice. A bounded batch per run; the next run takes
the rest.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import ClusterCheck, MeetingNotes
from .services import circulate, remind
from .services.notes import london_today

BATCH = 500
REMIND_DAYS_BEFORE = 1


def due_to_circulate(today: dt.date):
    corrections = ClusterCheck.objects.filter(
        notes=OuterRef("pk"), answer=ClusterCheck.Answer.CORRECTIONS
    )
    return MeetingNotes.objects.filter(
        state=MeetingNotes.State.CHECKING, check_by__lt=today
    ).exclude(Exists(corrections))


def due_for_reminder(today: dt.date):
    waiting = ClusterCheck.objects.filter(notes=OuterRef("pk"), answer=ClusterCheck.Answer.WAITING)
    return MeetingNotes.objects.filter(
        Exists(waiting),
        state=MeetingNotes.State.CHECKING,
        reminded_at__isnull=True,
        check_by__gte=today,
        check_by__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
    )


def run_notes_sweep(*, now: dt.datetime | None = None) -> int:
    """Returns how many steps this run took."""
    now = now or timezone.now()
    today = london_today(now)
    done = 0
    for notes in list(due_to_circulate(today).order_by("pk")[:BATCH]):
        done += circulate(notes, now=now)
    for notes in list(due_for_reminder(today).order_by("pk")[:BATCH]):
        done += remind(notes, now=now)
    return done
