"""Every change to evidence: keyword-only, atomic, checking permission itself
(PermissionDenied), refusing bad input with an EvidenceError the person can act on,
and writing one audit entry (`evidence.<thing>.<verb>`, filed in the project's LA's
trail) in the same transaction."""

from ._common import EvidenceError
from .baselines import baseline_record, progress_review_record
from .codebook import code_create, code_memo_update
from .drivers import key_driver_name, key_driver_remove
from .items import evidence_add

__all__ = [
    "EvidenceError",
    "baseline_record",
    "code_create",
    "code_memo_update",
    "evidence_add",
    "key_driver_name",
    "key_driver_remove",
    "progress_review_record",
]
