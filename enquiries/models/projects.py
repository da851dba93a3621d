"""Initiatives, LA projects, the clusters and schools taking part, and facilitation.

Levels (see DESIGN.md): an Initiative is the macro level (its national key questions
are Enquiry rows); a Project the mini-macro (one LA's project); a
ClusterParticipation the micro (a cluster's part in a project); a
SchoolParticipation the mini-micro (a school's or one teacher's part).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from networks.search.columns import KeepsSearchColumns, SearchColumnsMixin
from networks.search.text import normalise

from .. import access_q


class InitiativeQuerySet(models.QuerySet["Initiative"]):
    def visible_to(self, user) -> InitiativeQuerySet:
        return self.filter(access_q.visible_initiatives(user))


class ProjectQuerySet(SearchColumnsMixin, models.QuerySet["Project"]):
    def visible_to(self, user) -> ProjectQuerySet:
        return self.filter(access_q.visible_projects(user))

    def managed_by(self, user) -> ProjectQuerySet:
        return self.filter(access_q.managed_projects(user))


class ClusterParticipationQuerySet(models.QuerySet["ClusterParticipation"]):
    def visible_to(self, user) -> ClusterParticipationQuerySet:
        return self.filter(access_q.visible_projects(user, "project__"))


class SchoolParticipationQuerySet(models.QuerySet["SchoolParticipation"]):
    def visible_to(self, user) -> SchoolParticipationQuerySet:
        return self.filter(access_q.visible_projects(user, "cluster_participation__project__"))


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

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("enquiries:initiative_detail", args=[self.pk])


class Project(KeepsSearchColumns, models.Model):
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
    search_name = models.TextField(
        editable=False, blank=True, default="", help_text="title, normalised for search"
    )

    search_columns = {"search_name": ("title", normalise)}
    objects = ProjectQuerySet.as_manager()

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


# Built once: each list page shows them for every cluster.
_ECM_LABELS = dict(EcmOutcome.choices)
_NETWORKING_LABELS = dict(NetworkingKind.choices)


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

    objects = ClusterParticipationQuerySet.as_manager()

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
        labels = _ECM_LABELS
        return [labels[value] for value in self.ecm_outcomes if value in labels]

    def get_networking_kinds_display(self) -> list[str]:
        labels = _NETWORKING_LABELS
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

    objects = SchoolParticipationQuerySet.as_manager()

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


class FacilitationQuerySet(models.QuerySet["Facilitation"]):
    def current(self) -> FacilitationQuerySet:
        return self.filter(ended_on__isnull=True)


class Facilitation(models.Model):
    """Someone facilitating an initiative (a national facilitator) or one LA's project
    (an LA-to-LA facilitator: an officer of another LA, giving peer support from
    outside). They see what they facilitate and review its questions' alignment.
    Ended rather than deleted, so the record of who facilitated what stays."""

    class Kind(models.TextChoices):
        INITIATIVE = "initiative", "National facilitator"
        PROJECT = "project", "LA-to-LA facilitator"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitations"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    initiative = models.ForeignKey(
        Initiative,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="facilitations",
    )
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, null=True, blank=True, related_name="facilitations"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FacilitationQuerySet.as_manager()

    class Meta:
        ordering = ["user", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                name="facilitation_has_its_scope",
                condition=Q(kind="initiative", initiative__isnull=False, project__isnull=True)
                | Q(kind="project", project__isnull=False, initiative__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["user", "initiative"],
                condition=Q(ended_on__isnull=True, initiative__isnull=False),
                name="one_current_initiative_facilitation",
            ),
            models.UniqueConstraint(
                fields=["user", "project"],
                condition=Q(ended_on__isnull=True, project__isnull=False),
                name="one_current_project_facilitation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_kind_display()} of {self.scope}"

    @property
    def scope(self):
        return self.initiative if self.kind == self.Kind.INITIATIVE else self.project

    @property
    def is_current(self) -> bool:
        return self.ended_on is None
