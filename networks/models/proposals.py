"""A cluster lead's proposal that a school join their cluster, for the host LA to
confirm or decline. Membership stays voluntary: the LA influences, it does not
direct, so a lead may ask and the LA answers; nobody is added behind a school's back
by someone outside the LA's officers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class MembershipProposalQuerySet(models.QuerySet["MembershipProposal"]):
    def pending(self) -> MembershipProposalQuerySet:
        return self.filter(status=MembershipProposal.Status.PENDING)


class MembershipProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the LA"
        CONFIRMED = "confirmed", "Confirmed"
        DECLINED = "declined", "Declined"

    cluster = models.ForeignKey(
        "networks.Cluster", on_delete=models.CASCADE, related_name="proposals"
    )
    school = models.ForeignKey(
        "networks.School", on_delete=models.CASCADE, related_name="membership_proposals"
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField("why this school", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # The membership a confirmation made (kept when the school later leaves).
    membership = models.ForeignKey(
        "networks.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = MembershipProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "school"],
                condition=Q(status="pending"),
                name="one_pending_proposal_per_school_and_cluster",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} proposed for {self.cluster}"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def is_declined(self) -> bool:
        return self.status == self.Status.DECLINED
