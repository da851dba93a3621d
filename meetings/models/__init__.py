from .calendar import CalendarFeed
from .meetings import Meeting, MeetingKind
from .notes import ClusterCheck, MeetingNotes, NotesEvent, NotesVersion

__all__ = [
    "CalendarFeed",
    "ClusterCheck",
    "Meeting",
    "MeetingKind",
    "MeetingNotes",
    "NotesEvent",
    "NotesVersion",
]
