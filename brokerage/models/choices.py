"""The field's own words for brokerage, as choices (domain.md, "What LAs do for
networks: brokerage" and "Later forms")."""

from __future__ import annotations

from django.db import models


class BrokerageRole(models.TextChoices):
    """The five roles an LA plays for its networks."""

    MEMBERSHIP = "membership", "Network membership"
    RELATIONSHIPS = "relationships", "Network relationships"
    PARTNERSHIPS = "partnerships", "Partnerships beyond the network"
    RESOURCES = "resources", "Access to resources"
    KNOWLEDGE_EXCHANGE = "knowledge_exchange", "Knowledge exchange"


# The typical activities of each role, in the order domain.md gives them. Every role
# also has "other", for work that fits none of them (the summary then says what).
TYPICAL_ACTIVITIES: dict[str, list[tuple[str, str]]] = {
    BrokerageRole.MEMBERSHIP: [
        ("raise_awareness", "Raise awareness of networks"),
        ("generate_enthusiasm", "Generate enthusiasm"),
        ("shared_purpose", "Build shared moral purpose"),
        ("challenge_membership", "Challenge network leaders on membership"),
        ("strategic_overview", "Hold the strategic overview"),
    ],
    BrokerageRole.RELATIONSHIPS: [
        ("self_review", "Support collaborative self-review"),
        ("professional_development", "Design professional development"),
        ("action_planning", "Help action planning"),
        ("build_trust", "Build trust between leaders"),
        ("train_facilitators", "Train facilitators"),
    ],
    BrokerageRole.PARTNERSHIPS: [
        ("higher_education", "Universities and teacher-training partnerships"),
        ("leadership_programmes", "National leadership programmes"),
        ("services", "Health, youth, welfare and police services"),
    ],
    BrokerageRole.RESOURCES: [
        ("facilitation_time", "Give facilitation time"),
        ("fund_holding", "Act as fund-holder for a network"),
        ("allocate_funds", "Allocate funds"),
        ("new_funding", "Find new funding streams and support bids"),
    ],
    BrokerageRole.KNOWLEDGE_EXCHANGE: [
        ("expertise_visible", "Make expertise visible"),
        ("cross_school_enquiry", "Support cross-school enquiry"),
        ("move_practice", "Move practice from one network to another"),
        ("la_to_la", "LA-to-LA networking"),
    ],
}
OTHER_ACTIVITY = "other"


def activity_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for a select: one group per role, values "role/activity"."""
    groups = []
    for role, label in BrokerageRole.choices:
        options = [(f"{role}/{value}", text) for value, text in TYPICAL_ACTIVITIES[role]]
        options.append((f"{role}/{OTHER_ACTIVITY}", f"Other {label.lower()} work"))
        groups.append((label, options))
    return groups


def activity_label(role: str, activity: str) -> str:
    if activity == OTHER_ACTIVITY:
        return "Other"
    return dict(TYPICAL_ACTIVITIES.get(role, [])).get(activity, activity)


def is_activity_of(role: str, activity: str) -> bool:
    return role in TYPICAL_ACTIVITIES and (
        activity == OTHER_ACTIVITY or activity in dict(TYPICAL_ACTIVITIES[role])
    )


class Sector(models.TextChoices):
    """Who an LA brokers partnerships with beyond the schools."""

    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    POLICE = "police", "Police"
    YOUTH_SERVICE = "youth_service", "Youth service"
    COLLEGE = "college", "College"
    UNIVERSITY = "university", "University"
    BUSINESS = "business", "Business"
    VOLUNTARY = "voluntary", "Voluntary or community group"
    PRIVATE_PROVIDER = "private_provider", "Private provider"
    DIOCESE = "diocese", "Diocese"
    TRUST = "trust", "Trust or multi-academy trust"


class PartnershipStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    ENDED = "ended", "Ended"


class FundingSource(models.TextChoices):
    STANDARDS_FUND = "standards_fund", "Standards Fund"
    INCLUSION_SEN = "inclusion_sen", "Inclusion or SEN funding"
    REGENERATION = "regeneration", "Regeneration"
    LOTTERY = "lottery", "Lottery"
    POOLED = "pooled", "Pooled school contributions"
    LA_CORE = "la_core", "LA core budget"


class FundHolder(models.TextChoices):
    LA = "la", "The LA"
    SCHOOL = "school", "A school in the network"
    PARTNER = "partner", "A partner organisation"
    NETWORK = "network", "The network itself (e.g. a federation's governors)"


class ValueForMoney(models.TextChoices):
    GOOD = "good", "Good value for money"
    ADEQUATE = "adequate", "Adequate value for money"
    POOR = "poor", "Poor value for money"
    TOO_EARLY = "too_early", "Too early to judge"
