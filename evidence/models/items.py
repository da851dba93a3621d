"""Evidence: a log entry, a meeting's notes, a feedback-loop response or an archive
item (or a passage quoted from one) that bears on the enquiry, coded with the codebook.

Each item points at exactly one source (a check constraint). Sources are nullable
foreign keys with a `SourceKind` each, so a further kind is one more nullable foreign
key, one more choice and entry in SOURCE_FIELDS, one more term in the constraints and
in `access_q.visible_evidence` (and its mirror in rules.py), and one more entry in each
table of sources.py.

A meeting's notes are cited by **version** (meetings.NotesVersion), not by the notes
(meetings.MeetingNotes): the notes' text is the current version's and changes with
every revision, while a version's text, once the notes have been sent to the
clusters, never changes. So a quoted passage stays true to the text it was copied
from, and the export shows that text. (A draft's version 1 is still rewritten in
place, which is why drafts are not cited: see sources.not_ready.)
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .. import access_q
from .codebook import Code


class SourceKind(models.TextChoices):
    LOG_ENTRY = "log_entry", "Reflective log entry"
    FEEDBACK_RESPONSE = "feedback_response", "Feedback-loop response"
    ARCHIVE_ITEM = "archive_item", "Research archive item"
    MEETING_NOTES = "meeting_notes", "Meeting notes"


# The foreign key holding each kind of source.
SOURCE_FIELDS: dict[str, str] = {
    SourceKind.LOG_ENTRY: "log_entry",
    SourceKind.FEEDBACK_RESPONSE: "feedback_response",
    SourceKind.ARCHIVE_ITEM: "archive_item",
    SourceKind.MEETING_NOTES: "notes_version",
}


def _exactly_one_source() -> Q:
    fields = list(SOURCE_FIELDS.values())
    condition = Q()
    for index, chosen in enumerate(fields):
        term = Q(**{f"{chosen}__isnull": False})
        for other in fields[:index] + fields[index + 1 :]:
            term &= Q(**{f"{other}__isnull": True})
        condition = term if index == 0 else condition | term
    return condition


class EvidenceItemQuerySet(models.QuerySet["EvidenceItem"]):
    def visible_to(self, user) -> EvidenceItemQuerySet:
        return self.filter(access_q.visible_evidence(user))


class EvidenceItem(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="evidence_items"
    )
    # The cluster the evidence is about (the source's own, or chosen), for the heat table.
    cluster = models.ForeignKey(
        "networks.Cluster",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    log_entry = models.ForeignKey(
        "enquiries.LogEntry",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    feedback_response = models.ForeignKey(
        "enquiries.FeedbackResponse",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    archive_item = models.ForeignKey(
        "enquiries.ArchiveItem",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    # One version of a meeting's notes (see the module docstring).
    notes_version = models.ForeignKey(
        "meetings.NotesVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence_items",
    )
    # A passage quoted from the source (blank: the whole source).
    quote = models.TextField(blank=True)
    note = models.TextField("why it is evidence", blank=True)
    codes = models.ManyToManyField(Code, related_name="evidence_items")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceItemQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "evidence items"
        constraints = [
            models.CheckConstraint(
                name="evidence_item_has_one_source", condition=_exactly_one_source()
            ),
            models.CheckConstraint(
                name="evidence_item_kind_matches_source",
                condition=(
                    Q(kind="log_entry", log_entry__isnull=False)
                    | Q(kind="feedback_response", feedback_response__isnull=False)
                    | Q(kind="archive_item", archive_item__isnull=False)
                    | Q(kind="meeting_notes", notes_version__isnull=False)
                ),
            ),
        ]
        indexes = [models.Index(fields=["project", "-created_at"], name="evidence_project_newest")]

    def __str__(self) -> str:
        return f"Evidence from {self.get_kind_display().lower()} {self.source_pk}"

    @property
    def source(self):
        return getattr(self, SOURCE_FIELDS[self.kind])

    @property
    def source_pk(self) -> int | None:
        return getattr(self, f"{SOURCE_FIELDS[self.kind]}_id")

    @property
    def is_quote(self) -> bool:
        return bool(self.quote)
