"""Initiatives, LA projects, participations, and the enquiry questions at every level.

Levels (see DESIGN.md): national key questions belong to an Initiative (macro); the
LA research question to a Project (mini-macro); a cluster question to a
ClusterParticipation (micro); a school or teacher question to a SchoolParticipation
(mini-micro).
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Initiative(models.Model):
    name = models.CharField(max_length=200, unique=True)
    sponsors = models.CharField(max_length=300, blank=True)
    description = models.TextField(blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    participating_las = models.ManyToManyField(
        "networks.LocalAuthority",
        related_name="initiatives",
        blank=True,
        verbose_name="participating LAs",
    )

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enquiries:initiative_detail", args=[self.pk])


class Project(models.Model):
    """One LA's project inside an initiative: a development project and an enquiry."""

    class Status(models.TextChoices):
        PLANNING = "planning", "Planning"
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="projects")
    la = models.ForeignKey(
        "networks.LocalAuthority",
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name="LA",
    )
    title = models.CharField(max_length=200)
    development_focus = models.TextField(
        help_text=(
            "What the LA and its clusters will do. "
            "The enquiry question says what you want to learn."
        )
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNING)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["la__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "la"], name="one_project_per_la_per_initiative"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enquiries:project_detail", args=[self.pk])


class EcmOutcome(models.TextChoices):
    """The five Every Child Matters outcomes."""

    BE_HEALTHY = "be_healthy", "Be healthy"
    STAY_SAFE = "stay_safe", "Stay safe"
    ENJOY_AND_ACHIEVE = "enjoy_and_achieve", "Enjoy and achieve"
    POSITIVE_CONTRIBUTION = "positive_contribution", "Make a positive contribution"
    ECONOMIC_WELLBEING = "economic_wellbeing", "Achieve economic well-being"


class NetworkingKind(models.TextChoices):
    SCHOOL_TO_SCHOOL = "school_to_school", "School to school"
    CROSS_PHASE = "cross_phase", "Cross-phase"
    MULTI_AGENCY = "multi_agency", "Multi-agency"
    PARENTS_AND_COMMUNITY = "parents_community", "With parents and the community"
    PUPIL_VOICE = "pupil_voice", "Pupil voice"
    HIGHER_EDUCATION = "higher_education", "With a university or college"


class ClusterParticipation(models.Model):
    """A cluster's part in an LA project (the micro level)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="cluster_participations"
    )
    cluster = models.ForeignKey(
        "networks.Cluster", on_delete=models.PROTECT, related_name="participations"
    )
    # Lists of EcmOutcome / NetworkingKind values. JSON keeps SQLite and PostgreSQL alike.
    ecm_outcomes = models.JSONField("ECM focus", default=list, blank=True)
    networking_kinds = models.JSONField("kinds of networking", default=list, blank=True)
    joined_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["cluster__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "cluster"], name="cluster_joins_project_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} in {self.project}"

    def get_ecm_outcomes_display(self) -> list[str]:
        labels = dict(EcmOutcome.choices)
        return [labels[value] for value in self.ecm_outcomes if value in labels]

    def get_networking_kinds_display(self) -> list[str]:
        labels = dict(NetworkingKind.choices)
        return [labels[value] for value in self.networking_kinds if value in labels]


class SchoolParticipation(models.Model):
    """A school's (or one teacher's) part in a cluster's work (the mini-micro level)."""

    cluster_participation = models.ForeignKey(
        ClusterParticipation, on_delete=models.CASCADE, related_name="school_participations"
    )
    school = models.ForeignKey(
        "networks.School", on_delete=models.PROTECT, related_name="participations"
    )
    teacher_name = models.CharField(
        max_length=150, blank=True, help_text="If one teacher leads this enquiry"
    )

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster_participation", "school", "teacher_name"],
                name="school_participates_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school}" + (f" ({self.teacher_name})" if self.teacher_name else "")


class Enquiry(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", "National key question"
        LA = "la", "LA research question"
        CLUSTER = "cluster", "Cluster enquiry question"
        SCHOOL = "school", "School enquiry question"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        AGREED = "agreed", "Agreed"

    level = models.CharField(max_length=10, choices=Level.choices)
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="enquiries")
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="enquiries"
    )
    cluster_participation = models.ForeignKey(
        ClusterParticipation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    school_participation = models.ForeignKey(
        SchoolParticipation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="enquiries",
    )
    # National key questions are numbered within their initiative (KQ1, KQ2, ...).
    position = models.PositiveSmallIntegerField(default=0)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The question one level up that this one answers to",
    )
    serves = models.ManyToManyField(
        "self", through="EnquiryLink", symmetrical=False, related_name="served_by", blank=True
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Points at the newest revision; written in the same transaction as the revision,
    # so lists and maps read the current text without a subquery per row.
    current_revision = models.ForeignKey(
        "QuestionRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status_changed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["initiative", "level", "position", "pk"]
        verbose_name_plural = "enquiries"
        constraints = [
            models.CheckConstraint(
                name="enquiry_level_matches_its_owner",
                condition=(
                    Q(
                        level="national",
                        project__isnull=True,
                        cluster_participation__isnull=True,
                        school_participation__isnull=True,
                        parent__isnull=True,
                    )
                    | Q(
                        level="la",
                        project__isnull=False,
                        cluster_participation__isnull=True,
                        school_participation__isnull=True,
                    )
                    | Q(
                        level="cluster",
                        project__isnull=False,
                        cluster_participation__isnull=False,
                        school_participation__isnull=True,
                    )
                    | Q(
                        level="school",
                        project__isnull=False,
                        cluster_participation__isnull=False,
                        school_participation__isnull=False,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(level="la"), name="one_la_question_per_project"
            ),
            models.UniqueConstraint(
                fields=["cluster_participation"],
                condition=Q(level="cluster"),
                name="one_question_per_cluster_participation",
            ),
            models.UniqueConstraint(
                fields=["school_participation"],
                condition=Q(level="school"),
                name="one_question_per_school_participation",
            ),
        ]

    def __str__(self) -> str:
        return (
            cast("QuestionRevision", self.current_revision).text
            if self.current_revision_id
            else f"{self.get_level_display()} (no text yet)"
        )

    def get_absolute_url(self) -> str:
        return reverse("enquiries:enquiry_detail", args=[self.pk])

    @property
    def label(self) -> str:
        """A short name for the question's owner: 'KQ2', 'Essex', 'Harlow cluster'."""
        if self.level == self.Level.NATIONAL:
            return f"Key question {self.position}"
        # The check constraint enquiry_level_matches_its_owner guarantees the owner.
        if self.level == self.Level.LA:
            assert self.project is not None
            return self.project.la.name
        if self.level == self.Level.CLUSTER:
            assert self.cluster_participation is not None
            return self.cluster_participation.cluster.name
        return str(self.school_participation)


class EnquiryLink(models.Model):
    """A further question an enquiry serves, besides its home parent."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="links")
    target = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="linked_from")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "target"], name="link_once"),
            models.CheckConstraint(
                condition=~Q(enquiry=models.F("target")), name="link_not_to_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enquiry_id} serves {self.target_id}"


class QuestionRevision(models.Model):
    """One wording of an enquiry question. Append-only: never edited, never deleted."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField("question")
    rationale = models.TextField(blank=True, help_text="Why this wording: what changed and why")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["enquiry", "number"]
        constraints = [
            models.UniqueConstraint(fields=["enquiry", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}"


class EnquiryEvent(models.Model):
    """The enquiry's review thread and audit trail: every transition, comment and review."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        REVISED = "revised", "Revised"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Requested changes"
        AGREED = "agreed", "Agreed"
        REOPENED = "reopened", "Reopened by a new revision"
        COMMENTED = "commented", "Commented"
        ALIGNMENT_REVIEWED = "alignment_reviewed", "Reviewed alignment"
        LINKED = "linked", "Linked to a question it serves"
        UNLINKED = "unlinked", "Unlinked"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    revision = models.ForeignKey(
        QuestionRevision, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.actor}"


class AlignmentRating(models.TextChoices):
    ALIGNED = "aligned", "Aligned"
    MOSTLY = "mostly", "Mostly aligned"
    PARTLY = "partly", "Partly aligned"
    NOT_ALIGNED = "not_aligned", "Not aligned"


class AlignmentReview(models.Model):
    """A judgement of how well one revision serves a linked question's revision.

    Stale when either side has a newer revision; that is derived, never stored.
    """

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="alignment_reviews")
    target = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    revision = models.ForeignKey(QuestionRevision, on_delete=models.PROTECT, related_name="+")
    target_revision = models.ForeignKey(
        QuestionRevision, on_delete=models.PROTECT, related_name="+"
    )
    rating = models.CharField(max_length=12, choices=AlignmentRating.choices)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["enquiry", "target", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} ({self.enquiry_id} → {self.target_id})"

    @property
    def is_stale(self) -> bool:
        return (
            self.revision_id != self.enquiry.current_revision_id
            or self.target_revision_id != self.target.current_revision_id
        )
