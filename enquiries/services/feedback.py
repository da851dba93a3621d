"""Staged feedback loops: set up by the project's managers, answered by the leads of
each cluster asked, moved on by the beat tick (enquiries/tasks.py).

The tick's three steps are services of their own (feedback_loop_open, _remind,
_close). Each claims its step with a conditional UPDATE of the step's timestamp
("… WHERE opened_at IS NULL"), so of two ticks at once (or a tick and a co-leader
whose new loop opens today) exactly one does the step: it writes the audit entry and
the notifications in the same transaction, and notify's unique (recipient,
event_key) would stop a second notice to anyone even so. They act for nobody (the
audit entry has no actor) and check no permission: the schedule decided.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.text import Truncator

from networks.audit import audit
from networks.models import User
from notifications.models import Notification
from notifications.services import notify

from .. import rules
from ..models import (
    ClusterParticipation,
    FeedbackAnswer,
    FeedbackLoop,
    FeedbackPrompt,
    FeedbackResponse,
    Project,
)
from ._common import EnquiryError, subject

MAX_PROMPTS = 10
# The digest email quotes this much of each answer; the page has them in full.
DIGEST_ANSWER_CHARS = 400
DIGEST_ANSWERS_PER_PROMPT = 20
# The tick takes this many loops per step per run; the next run takes the rest.
TICK_BATCH = 100

FEEDBACK = Notification.Category.FEEDBACK


def _day(day: dt.date) -> str:
    return date_format(day, "j F Y")


def _clean_loop(
    project: Project,
    *,
    title: str,
    prompts: Sequence[str],
    opens_on: dt.date,
    closes_on: dt.date,
    clusters: Iterable[ClusterParticipation] | None,
    today: dt.date,
) -> tuple[str, list[str], list[ClusterParticipation] | None]:
    title = " ".join((title or "").split())
    if not title:
        raise EnquiryError("Give the feedback loop a title.")
    prompts = [" ".join(p.split()) for p in prompts if p and p.strip()]
    if not prompts:
        raise EnquiryError("Write at least one prompt for the clusters to answer.")
    if len(prompts) > MAX_PROMPTS:
        raise EnquiryError(f"A feedback loop asks at most {MAX_PROMPTS} prompts.")
    if opens_on is None or closes_on is None:
        raise EnquiryError("A feedback loop needs an opening date and a closing date.")
    if opens_on < today:
        raise EnquiryError("The opening date must be today or later.")
    if closes_on < opens_on:
        raise EnquiryError("The closing date must be the same as or after the opening date.")
    chosen = None
    if clusters is not None:
        chosen = list({p.pk: p for p in clusters}.values())
        if not chosen:
            raise EnquiryError("Choose at least one cluster to ask, or ask them all.")
        if any(p.project_id != project.pk for p in chosen):
            raise EnquiryError("Choose clusters that take part in this project.")
    return title, prompts, chosen


def _set_prompts_and_audience(
    loop: FeedbackLoop, prompts: list[str], chosen: list[ClusterParticipation] | None
) -> None:
    """Before a loop opens nothing has been answered: prompts and audience are replaced."""
    loop.prompts.all().delete()
    FeedbackPrompt.objects.bulk_create(
        [FeedbackPrompt(loop=loop, position=n, text=text) for n, text in enumerate(prompts, 1)]
    )
    loop.responses.all().delete()
    if chosen is not None:
        FeedbackResponse.objects.bulk_create(
            [FeedbackResponse(loop=loop, cluster_participation=p) for p in chosen]
        )


@transaction.atomic
def feedback_loop_create(
    *,
    actor: User,
    project: Project,
    title: str,
    prompts: Sequence[str],
    opens_on: dt.date,
    closes_on: dt.date,
    clusters: Iterable[ClusterParticipation] | None = None,
) -> FeedbackLoop:
    """A loop in the project's enquiry plan. `clusters` None asks every cluster in the
    project when it opens. A loop opening today opens at once."""
    if not rules.may_manage_project(actor, project):
        raise PermissionDenied
    now = timezone.now()
    title, prompts, chosen = _clean_loop(
        project,
        title=title,
        prompts=prompts,
        opens_on=opens_on,
        closes_on=closes_on,
        clusters=clusters,
        today=timezone.localdate(now),
    )
    loop = FeedbackLoop.objects.create(
        project=project,
        title=title,
        all_clusters=chosen is None,
        opens_on=opens_on,
        closes_on=closes_on,
        remind_on=FeedbackLoop.reminder_date(opens_on, closes_on),
        created_by=actor,
    )
    _set_prompts_and_audience(loop, prompts, chosen)
    audit(
        actor,
        "enquiries.feedback_loop.created",
        loop,
        {
            "project": project.pk,
            "prompts": len(prompts),
            "clusters": "all" if chosen is None else sorted(p.pk for p in chosen),
            "opens_on": opens_on,
            "closes_on": closes_on,
        },
        la=project.la_id,
    )
    feedback_loop_open(loop=loop, now=now)
    return loop


@transaction.atomic
def feedback_loop_update(
    *,
    actor: User,
    loop: FeedbackLoop,
    title: str,
    prompts: Sequence[str],
    opens_on: dt.date,
    closes_on: dt.date,
    clusters: Iterable[ClusterParticipation] | None = None,
) -> FeedbackLoop:
    """Change a loop that has not opened yet (its prompts, audience or dates)."""
    project = loop.project
    if not rules.may_manage_project(actor, project):
        raise PermissionDenied
    # Locked, so the tick cannot open it halfway through the change (and if it has
    # opened already, we see so).
    current = FeedbackLoop.objects.select_for_update().get(pk=loop.pk)
    if current.opened_at is not None or current.closed_at is not None:
        raise EnquiryError(
            "This feedback loop has opened: its prompts, clusters and dates can no longer change."
        )
    now = timezone.now()
    title, prompts, chosen = _clean_loop(
        project,
        title=title,
        prompts=prompts,
        opens_on=opens_on,
        closes_on=closes_on,
        clusters=clusters,
        today=timezone.localdate(now),
    )
    before = {
        "title": current.title,
        "prompts": list(current.prompts.values_list("text", flat=True)),
        "clusters": "all"
        if current.all_clusters
        else sorted(current.responses.values_list("cluster_participation_id", flat=True)),
        "opens_on": current.opens_on,
        "closes_on": current.closes_on,
    }
    after = {
        "title": title,
        "prompts": prompts,
        "clusters": "all" if chosen is None else sorted(p.pk for p in chosen),
        "opens_on": opens_on,
        "closes_on": closes_on,
    }
    changes = {key: [before[key], after[key]] for key in after if before[key] != after[key]}
    if not changes:
        return loop
    FeedbackLoop.objects.filter(pk=loop.pk).update(
        title=title,
        all_clusters=chosen is None,
        opens_on=opens_on,
        closes_on=closes_on,
        remind_on=FeedbackLoop.reminder_date(opens_on, closes_on),
    )
    loop.refresh_from_db()
    _set_prompts_and_audience(loop, prompts, chosen)
    audit(actor, "enquiries.feedback_loop.changed", loop, changes, la=project.la_id)
    feedback_loop_open(loop=loop, now=now)
    return loop


@transaction.atomic
def feedback_response_submit(
    *, actor: User, response: FeedbackResponse, answers: Mapping[int, str]
) -> FeedbackResponse:
    """Save a cluster's answers (one per prompt, keyed by prompt id), first time or
    again, while the loop is open. Refused once it has closed, whether or not the
    tick has closed it yet."""
    if not rules.may_answer_feedback(actor, response):
        raise PermissionDenied
    # Locked against the closing tick: either we save before it closes the loop (and
    # the digest has our answers), or we see it closed and refuse.
    loop = FeedbackLoop.objects.select_for_update().get(pk=response.loop_id)
    project = response.loop.project  # loaded with the response by its access helper
    now = timezone.now()
    if loop.closed_at is not None or now >= loop.closes_at:
        raise EnquiryError(loop.closed_message())
    if loop.opened_at is None:
        raise EnquiryError(
            f"This feedback loop opens on {_day(loop.opens_on)}; you can answer it from then."
        )
    prompts = list(loop.prompts.order_by("position"))
    texts = {prompt.pk: (answers.get(prompt.pk) or "").strip() for prompt in prompts}
    missing = [prompt.position for prompt in prompts if not texts[prompt.pk]]
    if missing:
        raise EnquiryError(
            "Answer every prompt: "
            + ", ".join(f"prompt {n}" for n in missing)
            + (" is" if len(missing) == 1 else " are")
            + " empty."
        )
    existing = {a.prompt_id: a for a in FeedbackAnswer.objects.filter(response=response)}
    changed = [pk for pk, text in texts.items() if pk not in existing or existing[pk].text != text]
    first_time = response.submitted_at is None
    if not changed and not first_time:
        return response
    FeedbackAnswer.objects.bulk_create(
        [FeedbackAnswer(response=response, prompt_id=pk, text=texts[pk]) for pk in changed],
        update_conflicts=True,
        unique_fields=["response", "prompt"],
        update_fields=["text"],
    )
    response.submitted_at = response.submitted_at or now
    response.submitted_by = actor if first_time else response.submitted_by
    response.updated_at = now
    response.save(update_fields=["submitted_at", "submitted_by", "updated_at"])
    audit(
        actor,
        "enquiries.feedback_response.submitted"
        if first_time
        else "enquiries.feedback_response.changed",
        response,
        {
            "loop": loop.pk,
            "cluster": response.cluster_participation.cluster_id,
            "prompts": sorted(p.position for p in prompts if p.pk in changed),
        },
        la=project.la_id,
    )
    return response


# --- The tick's steps ------------------------------------------------------------------


def _loop(loop: FeedbackLoop) -> FeedbackLoop:
    return FeedbackLoop.objects.select_related("project__la", "project__initiative").get(pk=loop.pk)


def _prompt_list(loop: FeedbackLoop) -> str:
    return "\n".join(f"{p.position}. {p.text}" for p in loop.prompts.order_by("position"))


@transaction.atomic
def feedback_loop_open(*, loop: FeedbackLoop, now: dt.datetime | None = None) -> bool:
    """Open the loop if its opening day has come: fix its audience (every cluster in
    the project now, if it asks them all) and ask each audience cluster's leads.
    Returns whether this call opened it."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    claimed = FeedbackLoop.objects.due_to_open(today).filter(pk=loop.pk).update(opened_at=now)
    if not claimed:
        return False
    loop = _loop(loop)
    project = loop.project
    if loop.all_clusters:
        FeedbackResponse.objects.bulk_create(
            [
                FeedbackResponse(loop=loop, cluster_participation_id=pk)
                for pk in ClusterParticipation.objects.filter(project=project).values_list(
                    "pk", flat=True
                )
            ],
            ignore_conflicts=True,
        )
    audience = list(loop.responses.values_list("cluster_participation_id", flat=True))
    audit(
        None, "enquiries.feedback_loop.opened", loop, {"clusters": len(audience)}, la=project.la_id
    )
    notify(
        recipients=rules.cluster_leads_of(audience),
        category=FEEDBACK,
        event_key=f"feedback-loop:{loop.pk}:opened",
        subject=subject(f"Your cluster's feedback is asked for: {loop.title}"),
        body=(
            f"{project.la.name}'s project “{project.title}” asks your cluster for feedback "
            f"in its feedback loop “{loop.title}”. Answer by the end of "
            f"{_day(loop.closes_on)}; you can change your answers until then.\n\n"
            f"The prompts:\n{_prompt_list(loop)}"
        ),
        url=loop.get_absolute_url(),
    )
    return True


@transaction.atomic
def feedback_loop_remind(*, loop: FeedbackLoop, now: dt.datetime | None = None) -> bool:
    """Remind, once, the leads of every cluster that has not answered yet, when the
    reminder day comes (REMINDER_DAYS before the loop closes). Returns whether this
    call sent the reminder."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    claimed = (
        FeedbackLoop.objects.due_for_reminder(today).filter(pk=loop.pk).update(reminded_at=now)
    )
    if not claimed:
        return False
    loop = _loop(loop)
    project = loop.project
    waiting = list(
        loop.responses.waiting()
        .order_by("cluster_participation__cluster__name")
        .values_list("cluster_participation_id", "cluster_participation__cluster__name")
    )
    audit(
        None,
        "enquiries.feedback_loop.reminded",
        loop,
        {"clusters": [pk for pk, _ in waiting]},
        la=project.la_id,
    )
    if waiting:
        names = ", ".join(name for _, name in waiting)
        notify(
            recipients=rules.cluster_leads_of([pk for pk, _ in waiting]),
            category=FEEDBACK,
            event_key=f"feedback-loop:{loop.pk}:reminder",
            subject=subject(f"Reminder: “{loop.title}” closes on {_day(loop.closes_on)}"),
            body=(
                f"The feedback loop “{loop.title}” in {project.la.name}'s project closes at "
                f"the end of {_day(loop.closes_on)}, and these clusters have not answered "
                f"yet: {names}. After it closes, answers can no longer be given or changed."
            ),
            url=loop.get_absolute_url(),
        )
    return True


@transaction.atomic
def feedback_loop_close(*, loop: FeedbackLoop, now: dt.datetime | None = None) -> bool:
    """Close the loop once its closing day has ended, and circulate the digest of its
    answers to the whole project. Returns whether this call closed it."""
    from ..selectors.feedback import feedback_digest

    now = now or timezone.now()
    today = timezone.localdate(now)
    claimed = FeedbackLoop.objects.due_to_close(today).filter(pk=loop.pk).update(closed_at=now)
    if not claimed:
        return False
    loop = _loop(loop)
    project = loop.project
    digest = feedback_digest(loop)
    audit(
        None,
        "enquiries.feedback_loop.closed",
        loop,
        {"answered": len(digest.answered), "asked": digest.asked},
        la=project.la_id,
    )
    notify(
        recipients=rules.project_circle(project),
        category=FEEDBACK,
        event_key=f"feedback-loop:{loop.pk}:digest",
        subject=subject(f"Feedback digest: {loop.title} ({project.la.name})"),
        body=_digest_text(digest),
        url=reverse("enquiries:feedback_loop_digest", args=[loop.pk]),
    )
    return True


def _digest_text(digest) -> str:
    loop = digest.loop
    project = loop.project
    parts = [
        f"The feedback loop “{loop.title}” in {project.la.name}'s project “{project.title}” "
        f"closed on {_day(loop.closes_on)}. {len(digest.answered)} of {digest.asked} "
        f"cluster{'s' if digest.asked != 1 else ''} answered."
    ]
    for section in digest.sections:
        lines = [f"{section.prompt.position}. {section.prompt.text}"]
        for name, text in section.answers[:DIGEST_ANSWERS_PER_PROMPT]:
            lines.append(f"- {name}: {Truncator(text).chars(DIGEST_ANSWER_CHARS)}")
        if len(section.answers) > DIGEST_ANSWERS_PER_PROMPT:
            lines.append(f"…and {len(section.answers) - DIGEST_ANSWERS_PER_PROMPT} more.")
        if not section.answers:
            lines.append("- No answers.")
        parts.append("\n".join(lines))
    if digest.not_answered:
        parts.append("Not answered: " + ", ".join(digest.not_answered) + ".")
    return "\n\n".join(parts)


def run_due_feedback_loops(*, now: dt.datetime | None = None) -> int:
    """The tick: close what has ended, open what has begun, remind what is nearly done.
    Each step is claimed per loop (above), so overlapping runs share the work. Returns
    how many steps this run took. A bounded batch of each; the next run takes the rest.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    steps = (
        (FeedbackLoop.objects.due_to_close, feedback_loop_close),
        (FeedbackLoop.objects.due_to_open, feedback_loop_open),
        (FeedbackLoop.objects.due_for_reminder, feedback_loop_remind),
    )
    done = 0
    for due, step in steps:
        for loop in list(due(today).order_by("pk")[:TICK_BATCH]):
            done += step(loop=loop, now=now)
    return done
