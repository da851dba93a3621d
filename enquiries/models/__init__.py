from .alignment import AlignmentRating, AlignmentReview
from .archive import (
    DEFAULT_ARCHIVE_CATEGORIES,
    ArchiveCategory,
    ArchiveFileVersion,
    ArchiveItem,
)
from .files import FileKind, StoredFile
from .logs import (
    DEFAULT_LOG_CADENCE,
    LogAttachment,
    LogCadence,
    LogEntry,
    LogReminderPreference,
    LogSchedule,
    LogVisibility,
)
from .projects import (
    ClusterParticipation,
    EcmOutcome,
    Facilitation,
    Initiative,
    NetworkingKind,
    Project,
    SchoolParticipation,
)
from .questions import Enquiry, EnquiryEvent, EnquiryLink, Level, QuestionRevision

__all__ = [
    "DEFAULT_ARCHIVE_CATEGORIES",
    "DEFAULT_LOG_CADENCE",
    "ArchiveCategory",
    "ArchiveFileVersion",
    "ArchiveItem",
    "FileKind",
    "LogAttachment",
    "LogCadence",
    "LogEntry",
    "LogReminderPreference",
    "LogSchedule",
    "LogVisibility",
    "StoredFile",
    "AlignmentRating",
    "AlignmentReview",
    "ClusterParticipation",
    "EcmOutcome",
    "Enquiry",
    "EnquiryEvent",
    "EnquiryLink",
    "Facilitation",
    "Initiative",
    "Level",
    "NetworkingKind",
    "Project",
    "QuestionRevision",
    "SchoolParticipation",
]
