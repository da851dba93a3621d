from .activities import BrokerageActivity
from .choices import (
    BrokerageRole,
    FundHolder,
    FundingSource,
    PartnershipStatus,
    Sector,
    ValueForMoney,
)
from .exchange import KnowledgeExchange
from .facilitation import FacilitationVisit, PeerReview
from .partners import Partner, Partnership
from .resources import CommissionedService, ImpactReview, ResourceAllocation

__all__ = [
    "BrokerageActivity",
    "BrokerageRole",
    "CommissionedService",
    "FacilitationVisit",
    "FundHolder",
    "FundingSource",
    "ImpactReview",
    "KnowledgeExchange",
    "Partner",
    "Partnership",
    "PartnershipStatus",
    "PeerReview",
    "ResourceAllocation",
    "Sector",
    "ValueForMoney",
]
