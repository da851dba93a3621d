"""The codebook evidence is coded with.

One shared codebook, seeded by migration (evidence/migrations/0002_seed_codebook.py,
from SEEDED_CODES below) and read by every project: the five key features, the six
emerging themes, the five Every Child Matters outcomes and the five brokerage roles,
each under a group code of its own. A project adds its own codes beside them (under a
seeded code or one of its own, as deep as it likes), each with a memo. Nothing is
seeded when a project is set up, so reading a project's codebook writes nothing.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from networks.validators import refuse_control_characters


class CodeGroup(models.TextChoices):
    KEY_FEATURE = "key_feature", "Key features"
    EMERGING_THEME = "emerging_theme", "Emerging themes"
    ECM_OUTCOME = "ecm_outcome", "Every Child Matters outcomes"
    BROKERAGE_ROLE = "brokerage_role", "Brokerage roles"
    PROJECT = "project", "The project's own codes"


# (group, key, name, description). The group codes themselves have key == group.
SEEDED_CODES: tuple[tuple[str, str, str, str], ...] = (
    (
        "key_feature",
        "shared_purpose",
        "Shared purpose",
        "People across the levels want the same things from the work and can say so.",
    ),
    (
        "key_feature",
        "enquiry_approach",
        "An enquiry approach",
        "Questions, evidence and reflection shape what is done next.",
    ),
    ("key_feature", "trust", "Trust", "Leaders and partners rely on one another and say so."),
    (
        "key_feature",
        "facilitation",
        "Facilitation",
        "Someone helps the group think and act together without taking it over.",
    ),
    (
        "key_feature",
        "power_and_authority",
        "Power and authority",
        "Who decides, who is heard, and how the LA influences without directing.",
    ),
    (
        "emerging_theme",
        "complexity_and_chaos",
        "Managing complexity and chaos",
        "Working through competing agendas, changing structures and uncertainty.",
    ),
    (
        "emerging_theme",
        "relationships",
        "Relationships and relationship building",
        "How people come to know, understand and work with one another.",
    ),
    (
        "emerging_theme",
        "structural_and_cultural_change",
        "Investing in structural and cultural change",
        "Time, money and attention put into how things are organised and done.",
    ),
    (
        "emerging_theme",
        "capacity_to_engage",
        "Capacity to engage and involve",
        "Whether schools, agencies, parents and pupils can take part, and do.",
    ),
    (
        "emerging_theme",
        "validity_of_outcomes",
        "Validity of outcomes",
        "How far what is claimed can be trusted, and how it is shown.",
    ),
    (
        "emerging_theme",
        "sustainability",
        "Sustainability",
        "Whether the work will last beyond the project and its funding.",
    ),
    ("ecm_outcome", "be_healthy", "Be healthy", "Every Child Matters outcome."),
    ("ecm_outcome", "stay_safe", "Stay safe", "Every Child Matters outcome."),
    ("ecm_outcome", "enjoy_and_achieve", "Enjoy and achieve", "Every Child Matters outcome."),
    (
        "ecm_outcome",
        "positive_contribution",
        "Make a positive contribution",
        "Every Child Matters outcome.",
    ),
    (
        "ecm_outcome",
        "economic_wellbeing",
        "Achieve economic well-being",
        "Every Child Matters outcome.",
    ),
    (
        "brokerage_role",
        "membership",
        "Network membership",
        "Raising awareness and enthusiasm, challenging who is in the network and why.",
    ),
    (
        "brokerage_role",
        "relationships",
        "Network relationships",
        "Self-review, professional development, action planning, trust between leaders.",
    ),
    (
        "brokerage_role",
        "partnerships",
        "Partnerships beyond the network",
        "Universities, leadership programmes, health, youth, welfare and police services.",
    ),
    (
        "brokerage_role",
        "resources",
        "Access to resources",
        "Facilitation time, fund-holding, allocating funds and finding new funding.",
    ),
    (
        "brokerage_role",
        "knowledge_exchange",
        "Knowledge exchange",
        "Making expertise visible and moving practice between networks and LAs.",
    ),
)

GROUP_DESCRIPTIONS = {
    "key_feature": "The five key features of effective LA–network working.",
    "emerging_theme": "The six themes that emerged across the LAs' projects.",
    "ecm_outcome": "The five outcomes Every Child Matters names for every child.",
    "brokerage_role": "The five roles an LA plays for its networks.",
}


class CodeQuerySet(models.QuerySet["Code"]):
    def for_project(self, project) -> CodeQuerySet:
        """The shared codes and the project's own, in codebook order."""
        return self.filter(Q(project__isnull=True) | Q(project=project)).order_by(
            "project_id", "group_rank", "position", "name", "pk"
        )


GROUP_RANK = {value: rank for rank, value in enumerate(CodeGroup.values)}


class Code(models.Model):
    # None: the shared, seeded codebook every project reads.
    project = models.ForeignKey(
        "enquiries.Project",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_codes",
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    group = models.CharField(max_length=20, choices=CodeGroup.choices)
    group_rank = models.PositiveSmallIntegerField(default=GROUP_RANK[CodeGroup.PROJECT])
    # Seeded codes' stable key, "group:name" ("key_feature:trust"; a group code's is
    # "group:"); blank for a project's own codes.
    key = models.CharField(max_length=60, blank=True)
    name = models.CharField(max_length=120, validators=[refuse_control_characters])
    description = models.TextField(blank=True)
    memo = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    # A group code only gathers others (REFI-QDA's isCodable="false").
    is_codable = models.BooleanField(default=True)
    # Stable across exports, so QDA software recognises a code it has seen before.
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CodeQuerySet.as_manager()

    class Meta:
        ordering = ["project_id", "group_rank", "position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"],
                condition=Q(project__isnull=True),
                name="evidence_seeded_code_key",
            ),
            models.UniqueConstraint(
                fields=["project", "name"],
                condition=Q(project__isnull=False),
                name="evidence_project_code_name",
            ),
            models.CheckConstraint(
                name="evidence_project_codes_are_the_projects",
                condition=Q(project__isnull=True) | Q(group="project"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_seeded(self) -> bool:
        return self.project_id is None
