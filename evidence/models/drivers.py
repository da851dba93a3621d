"""Key drivers of effective cluster working, named from the evidence (at most five
per project: the services refuse a sixth, and the positions 1–5 with one driver each
hold it in the database too), each with the change ideas that act on it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from networks.validators import refuse_control_characters

from .. import access_q
from .codebook import Code
from .items import EvidenceItem

MAX_KEY_DRIVERS = 5


class KeyDriverQuerySet(models.QuerySet["KeyDriver"]):
    def visible_to(self, user) -> KeyDriverQuerySet:
        return self.filter(access_q.visible_project_records(user))


class KeyDriver(models.Model):
    project = models.ForeignKey(
        "enquiries.Project", on_delete=models.CASCADE, related_name="key_drivers"
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=150, validators=[refuse_control_characters])
    narrative = models.TextField()
    code = models.ForeignKey(
        Code, on_delete=models.SET_NULL, null=True, blank=True, related_name="key_drivers"
    )
    evidence = models.ManyToManyField(EvidenceItem, related_name="key_drivers")
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = KeyDriverQuerySet.as_manager()

    class Meta:
        ordering = ["project", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "position"], name="evidence_driver_position"
            ),
            models.CheckConstraint(
                name="evidence_at_most_five_drivers",
                condition=Q(position__gte=1, position__lte=MAX_KEY_DRIVERS),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ChangeIdea(models.Model):
    driver = models.ForeignKey(KeyDriver, on_delete=models.CASCADE, related_name="change_ideas")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=200, validators=[refuse_control_characters])

    class Meta:
        ordering = ["driver", "position"]
        constraints = [
            models.UniqueConstraint(fields=["driver", "position"], name="evidence_idea_position"),
        ]

    def __str__(self) -> str:
        return self.text
