from .activities import ActivityForm
from .facilitation import ExchangeForm, PeerReviewForm, VisitForm
from .partners import PartnerForm, PartnershipForm, PartnershipStatusForm
from .resources import CommissioningNetworkForm, ImpactReviewForm, ResourceForm, ServiceForm

__all__ = [
    "ActivityForm",
    "CommissioningNetworkForm",
    "ExchangeForm",
    "ImpactReviewForm",
    "PartnerForm",
    "PartnershipForm",
    "PartnershipStatusForm",
    "PeerReviewForm",
    "ResourceForm",
    "ServiceForm",
    "VisitForm",
]
