from .calendar import calendar_feed, calendar_settings
from .meetings import (
    meeting_create,
    meeting_detail,
    meeting_edit,
    meeting_ics,
    meeting_list,
    meeting_list_csv,
)
from .notes import notes_check, notes_send, notes_versions, notes_write

__all__ = [
    "calendar_feed",
    "calendar_settings",
    "meeting_create",
    "meeting_detail",
    "meeting_edit",
    "meeting_ics",
    "meeting_list",
    "meeting_list_csv",
    "notes_check",
    "notes_send",
    "notes_versions",
    "notes_write",
]
