from .alignment import AlignmentRating, AlignmentReview
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
