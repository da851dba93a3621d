"""Every change to brokerage data: keyword-only, atomic, checking permission itself
(PermissionDenied), refusing bad input with a BrokerageError the person can act on,
and writing one audit entry (`brokerage.<thing>.<verb>`, filed in the LA's trail) in
the same transaction."""

from ._common import BrokerageError
from .activities import activity_record
from .exchange import knowledge_exchange_record
from .facilitation import peer_review_record, visit_record
from .partners import partner_create, partnership_create, partnership_set_status
from .resources import impact_review_record, resource_allocate, service_commission

__all__ = [
    "BrokerageError",
    "activity_record",
    "impact_review_record",
    "knowledge_exchange_record",
    "partner_create",
    "partnership_create",
    "partnership_set_status",
    "peer_review_record",
    "resource_allocate",
    "service_commission",
    "visit_record",
]
