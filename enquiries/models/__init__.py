from .alignment import AlignmentRating, AlignmentReview
from .archive import (
    DEFAULT_ARCHIVE_CATEGORIES,
    ArchiveCategory,
    ArchiveFileVersion,
    ArchiveItem,
)
from .feedback import (
    REMINDER_DAYS,
    FeedbackAnswer,
    FeedbackLoop,
    FeedbackPrompt,
    FeedbackResponse,
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
from .plans import Milestone, Plan, PlanDependency, PlanItem, PlanLevel, Strand
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
    "REMINDER_DAYS",
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
    "FeedbackAnswer",
    "FeedbackLoop",
    "FeedbackPrompt",
    "FeedbackResponse",
    "Initiative",
    "Level",
    "Milestone",
    "NetworkingKind",
    "Plan",
    "PlanDependency",
    "PlanItem",
    "PlanLevel",
    "Project",
    "QuestionRevision",
    "SchoolParticipation",
    "Strand",
]
