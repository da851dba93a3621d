"""Logging periods: the week, fortnight or month a reflective log entry is asked for,
in Europe/London whatever the server's clock says.

A period runs from midnight London time on its first day to midnight on the first
day of the next: weeks start on Monday; fortnights are the two-week runs counted
from Monday 1 January 2024 (the same for every project, so everyone on a
fortnightly cadence shares one); months start on the 1st. Midnight is never skipped
or repeated by the clock change in the UK (it moves at 01:00 and 02:00), so every
period has a well-defined start and end instant, 23, 24 or 25 hours short of a
whole number of days when the clocks change inside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models.logs import LogCadence

LONDON = ZoneInfo("Europe/London")
FORTNIGHT_ANCHOR = date(2024, 1, 1)  # a Monday
# Reminders go this many days before a period ends: late enough for most people to
# have written already, early enough to leave them time to.
REMIND_DAYS_BEFORE_END: dict[str, int] = {
    LogCadence.WEEKLY: 3,  # from Friday
    LogCadence.FORTNIGHTLY: 5,  # from the second Thursday
    LogCadence.MONTHLY: 7,  # in the last week of the month
}


@dataclass(frozen=True)
class Period:
    cadence: str
    start: date  # first day
    end: date  # first day of the next period

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time.min, tzinfo=LONDON)

    @property
    def ends_at(self) -> datetime:
        return datetime.combine(self.end, time.min, tzinfo=LONDON)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def remind_from(self) -> date:
        return self.end - timedelta(days=REMIND_DAYS_BEFORE_END[self.cadence])

    @property
    def key(self) -> str:
        return self.start.isoformat()

    def get_cadence_word(self) -> str:
        return {"weekly": "each week", "fortnightly": "each fortnight"}.get(
            self.cadence, "each month"
        )

    def next(self) -> Period:
        return period_on(self.cadence, self.end)


def london_date(moment: datetime | None = None) -> date:
    return timezone.localtime(moment or timezone.now(), LONDON).date()


def period_on(cadence: str, day: date) -> Period:
    """The period of `cadence` that `day` (a London date) falls in."""
    if cadence == LogCadence.WEEKLY:
        start = day - timedelta(days=day.weekday())
        return Period(cadence, start, start + timedelta(days=7))
    if cadence == LogCadence.FORTNIGHTLY:
        start = day - timedelta(days=(day - FORTNIGHT_ANCHOR).days % 14)
        return Period(cadence, start, start + timedelta(days=14))
    if cadence == LogCadence.MONTHLY:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1)
        return Period(cadence, start, end)
    raise ValueError(f"No periods when logging is {cadence!r}")


def current_period(cadence: str, moment: datetime | None = None) -> Period | None:
    """The period `moment` (now by default) falls in, or None when logging is off."""
    if cadence == LogCadence.OFF:
        return None
    return period_on(cadence, london_date(moment))
