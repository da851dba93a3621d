"""The brokerage panel on the home page: for an LA's co-leaders and officers, their
LAs' most recent brokerage activities and the impact reviews coming due.

Nobody else gets the panel, so it costs them no query; for those who do, it costs
two (the newest activities with their LAs, and the services due a review).
"""

from __future__ import annotations

from dataclasses import dataclass

from networks.panels import Panel
from networks.scope import scope_for

from .models import BrokerageActivity, CommissionedService
from .selectors.records import due_reviews

RECENT = 5


@dataclass
class BrokerageWork:
    recent: list[BrokerageActivity]
    due: list[CommissionedService]


def brokerage_panel(user) -> Panel | None:
    la_ids = scope_for(user).officer_la_ids
    if not la_ids:
        return None
    recent = list(
        BrokerageActivity.objects.filter(la_id__in=la_ids)
        .select_related("la")
        .order_by("-happened_on", "-pk")[:RECENT]
    )
    due = list(due_reviews(user, la_ids)[:RECENT])
    return Panel("brokerage/_home_panel.html", BrokerageWork(recent=recent, due=due))
