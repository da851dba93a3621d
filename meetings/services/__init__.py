from ._common import MeetingError
from .calendar import calendar_feed_regenerate, calendar_feed_revoke
from .circulation import circulate, remind
from .meetings import meeting_create, meeting_update, project_people
from .notes import notes_answer, notes_save, notes_send

__all__ = [
    "MeetingError",
    "calendar_feed_regenerate",
    "calendar_feed_revoke",
    "circulate",
    "meeting_create",
    "meeting_update",
    "notes_answer",
    "notes_save",
    "notes_send",
    "project_people",
    "remind",
]
