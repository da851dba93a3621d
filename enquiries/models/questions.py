"""Enquiry questions at every level, their revisions, links and review thread."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.db import models
from django.db.models import Q

from networks.links import pk_url
from networks.search.columns import KeepsSearchColumns, SearchColumnsQuerySet
from networks.search.text import normalise

from .. import access_q
from .projects import ClusterParticipation, Initiative, Project, SchoolParticipation


class EnquiryQuerySet(models.QuerySet["Enquiry"]):
    """Who sees, writes and reviews which questions: the definition that
    enquiries/rules.py mirrors for single objects (a test walks a generated world
    and holds the two together)."""

    def visible_to(self, user) -> EnquiryQuerySet:
        return self.filter(access_q.visible_enquiries(user))

    def owned_by(self, user) -> EnquiryQuerySet:
        """Questions whose level the person writes (staff not counted)."""
        return self.filter(access_q.owned_enquiries(user))

    def editable_by(self, user) -> EnquiryQuerySet:
        """Owned, or anything for staff."""
        return self.filter(access_q.editable_enquiries(user))

    def reviewable_by(self, user) -> EnquiryQuerySet:
        return self.filter(access_q.reviewable_enquiries(user))


class Level(models.TextChoices):
    """The four levels, highest first: a question answers to questions above it."""

    NATIONAL = "national", "National key question"
    LA = "la", "LA research question"
    CLUSTER = "cluster", "Cluster enquiry question"
    SCHOOL = "school", "School enquiry question"

    @classmethod
    def rank_of(cls, level: str) -> int:
        """0 for national … 3 for school: lower is higher up."""
        return cls.values.index(level)

    @classmethod
    def above(cls, level: str) -> list[str]:
        return cls.values[: cls.rank_of(level)]


class Enquiry(models.Model):
    Level = Level

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

    objects = EnquiryQuerySet.as_manager()

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
        # Pages list hundreds of questions: format the id into a reversed pattern.
        return pk_url("enquiries:enquiry_detail", self.pk)

    # Django's get_FOO_display rebuilds a dict of the choices on every call; pages
    # call these for every question listed, so look the label up in one built once.
    def get_level_display(self) -> str:  # type: ignore[no-redef]
        return _LEVEL_LABELS.get(self.level, self.level)

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return _STATUS_LABELS.get(self.status, self.status)

    # --- Labels: the one place a question's owner is named ---------------------

    @property
    def label(self) -> str:
        """A short name for the question's owner: 'Key question 2', 'Essex', 'Harlow cluster'."""
        if self.level == Level.NATIONAL:
            return f"Key question {self.position}"
        # The check constraint enquiry_level_matches_its_owner guarantees the owner.
        if self.level == Level.LA:
            return cast(Project, self.project).la.name
        if self.level == Level.CLUSTER:
            return cast(ClusterParticipation, self.cluster_participation).cluster.name
        return str(self.school_participation)

    @property
    def described(self) -> str:
        """The label mid-sentence: 'Key question 2', 'the Essex LA question'."""
        if self.level == Level.NATIONAL:
            return self.label
        if self.level == Level.LA:
            return f"the {self.label} LA question"
        return f"the {self.label} question"

    @property
    def level_noun(self) -> str:
        """'LA research question', 'cluster enquiry question': the level mid-sentence."""
        label = self.get_level_display()
        return label if label.startswith("LA") else label[:1].lower() + label[1:]

    @property
    def rank(self) -> int:
        return Level.rank_of(self.level)

    @property
    def is_national(self) -> bool:
        return self.level == Level.NATIONAL

    # --- Workflow state: services and templates read these, never status strings

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_with_reviewers(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def has_changes_requested(self) -> bool:
        return self.status == self.Status.CHANGES_REQUESTED

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def can_be_submitted(self) -> bool:
        """A draft, or a question sent back with changes requested."""
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)

    @property
    def awaits_owner(self) -> bool:
        """The owner's move: the same states in which it can be submitted."""
        return self.can_be_submitted

    @property
    def can_be_revised(self) -> bool:
        """Anything but a question with the reviewers (revising an agreed one reopens it)."""
        return self.status != self.Status.SUBMITTED

    @property
    def can_be_decided(self) -> bool:
        return self.status == self.Status.SUBMITTED

    @property
    def can_be_withdrawn(self) -> bool:
        """Back to draft before the reviewers decide."""
        return self.status == self.Status.SUBMITTED


_LEVEL_LABELS: dict[str, str] = dict(Level.choices)
_STATUS_LABELS: dict[str, str] = dict(Enquiry.Status.choices)


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


class QuestionRevision(KeepsSearchColumns, models.Model):
    """One wording of an enquiry question. Append-only: never edited, never deleted."""

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    text = models.TextField("question")
    rationale = models.TextField(blank=True, help_text="Why this wording: what changed and why")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The wording as search reads it (full-text on PostgreSQL): enquiries/search.py.
    search_text = models.TextField(editable=False, blank=True, default="")

    search_columns = {"search_text": ("text", normalise)}
    objects = SearchColumnsQuerySet.as_manager()

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
        WITHDRAWN = "withdrawn", "Withdrawn to draft"
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
