"""LA-to-LA facilitation: visits by a project's facilitating officer, and peer reviews."""

from __future__ import annotations

from django.db import transaction

from enquiries.models import Facilitation, Project
from networks.audit import audit
from networks.models import User

from .. import rules
from ..models import FacilitationVisit, PeerReview
from ._common import BrokerageError, line, past_date, require, text

SHORT_REPORT = 2000


@transaction.atomic
def visit_record(
    *,
    actor: User,
    project: Project,
    visited_on,
    purpose: str,
    report: str,
    facilitator: User | None = None,
) -> FacilitationVisit:
    """A visit by one of the project's current LA-to-LA facilitators, with a short
    report. Facilitators record their own; staff may record one for them."""
    require(rules.may_record_visit(actor, project))
    facilitator = facilitator or actor
    if facilitator.pk != actor.pk and not actor.is_staff:
        raise BrokerageError("Record your own visits.")
    facilitating = Facilitation.objects.current().filter(
        kind=Facilitation.Kind.PROJECT, project=project, user=facilitator
    )
    if not facilitating.exists():
        raise BrokerageError(f"{facilitator} does not facilitate {project.la.name}'s project now.")
    visit = FacilitationVisit.objects.create(
        la_id=project.la_id,
        project=project,
        facilitator=facilitator,
        visited_on=past_date(visited_on, "date of the visit"),
        purpose=line(purpose, "purpose of the visit"),
        report=text(report, "report", max_length=SHORT_REPORT),
        recorded_by=actor,
    )
    audit(
        actor,
        "brokerage.visit.recorded",
        visit,
        {"project": project.pk, "facilitator": facilitator.pk, "visited_on": visit.visited_on},
        la=project.la_id,
    )
    return visit


@transaction.atomic
def peer_review_record(
    *,
    actor: User,
    project: Project,
    reviewed_on,
    reviewers: str,
    focus: str,
    findings: str,
    recommendations: str = "",
) -> PeerReview:
    """A peer review of an LA's project, by officers from other LAs."""
    require(rules.may_record_peer_review(actor, project))
    review = PeerReview.objects.create(
        la_id=project.la_id,
        project=project,
        reviewed_on=past_date(reviewed_on, "date of the review"),
        reviewers=line(reviewers, "review team", max_length=300),
        focus=line(focus, "focus of the review"),
        findings=text(findings, "findings"),
        recommendations=text(recommendations, "recommendations", required=False),
        recorded_by=actor,
    )
    audit(
        actor,
        "brokerage.peer_review.recorded",
        review,
        {"project": project.pk, "reviewed_on": review.reviewed_on},
        la=project.la_id,
    )
    return review
