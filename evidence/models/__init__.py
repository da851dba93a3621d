from .baselines import Baseline, ProgressReview, Rating
from .codebook import GROUP_DESCRIPTIONS, SEEDED_CODES, Code, CodeGroup
from .drivers import MAX_KEY_DRIVERS, ChangeIdea, KeyDriver
from .items import SOURCE_FIELDS, EvidenceItem, SourceKind

__all__ = [
    "GROUP_DESCRIPTIONS",
    "MAX_KEY_DRIVERS",
    "SEEDED_CODES",
    "SOURCE_FIELDS",
    "Baseline",
    "ChangeIdea",
    "Code",
    "CodeGroup",
    "EvidenceItem",
    "KeyDriver",
    "ProgressReview",
    "Rating",
    "SourceKind",
]
