"""The research archive of a project: categories thought out in advance, items, and
every version of each item's file (a new upload keeps the old ones)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from networks.validators import refuse_control_characters

from .. import access_q
from ..longtext import refuse_control_characters_in_text
from .files import StoredFile

# Seeded into every project's archive (services.archive_categories_seed); co-leaders
# may add more. (slug, name, what goes in it)
DEFAULT_ARCHIVE_CATEGORIES: tuple[tuple[str, str, str], ...] = (
    ("planning-documents", "Planning documents", "Project plans, timelines and cluster plans."),
    ("enquiry-plans", "Enquiry plans", "Enquiry plans and their staged feedback loops."),
    ("surgery-notes", "Surgery notes", "Notes of surgeries, checked and circulated."),
    ("reflective-logs", "Reflective logs", "Logs and journals shared with the project."),
    (
        "audio-visual-records",
        "Audio-visual records",
        "Clusters' audio-visual logs, photos and recordings.",
    ),
    ("evidence", "Evidence", "Baselines and the evidence gathered against them."),
    ("case-studies", "Case studies", "Case studies and reports of the project."),
)


class ArchiveCategory(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="archive_categories"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=100, validators=[refuse_control_characters])
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "archive categories"
        constraints = [
            models.UniqueConstraint(fields=["project", "slug"], name="archive_category_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class ArchiveItemQuerySet(models.QuerySet["ArchiveItem"]):
    def visible_to(self, user) -> ArchiveItemQuerySet:
        """Whoever sees the project reads its whole archive."""
        return self.filter(access_q.visible_projects(user, "project__"))


class ArchiveItem(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="archive_items"
    )
    category = models.ForeignKey(ArchiveCategory, on_delete=models.PROTECT, related_name="items")
    title = models.CharField(max_length=200, validators=[refuse_control_characters])
    description = models.TextField(blank=True, validators=[refuse_control_characters_in_text])
    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="archive_items",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="archive_items"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(db_index=True)
    current_version = models.ForeignKey(
        "ArchiveFileVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ArchiveItemQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [
            models.Index(fields=["project", "-updated_at"], name="archive_item_project_newest"),
            models.Index(fields=["category", "-updated_at"], name="archive_item_category_newest"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enquiries:archive_item", args=[self.pk])


class ArchiveFileVersion(StoredFile):
    item = models.ForeignKey(ArchiveItem, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    note = models.CharField(max_length=300, blank=True, validators=[refuse_control_characters])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="archive_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.item} (version {self.number})"

    def get_download_url(self) -> str:
        return reverse("enquiries:archive_download", args=[self.pk])
