from .alignment import AlignmentRating, AlignmentReview
from .feedback import (
    REMINDER_DAYS,
    FeedbackAnswer,
    FeedbackLoop,
    FeedbackPrompt,
    FeedbackResponse,
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
