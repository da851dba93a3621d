"""Staged feedback loops in a project's enquiry plan, so the enquiry informs the
development as it goes (domain.md, step 2).

A loop asks its audience (all the project's clusters, or chosen ones) a few prompts
between two dates. The beat tick (enquiries/tasks.py) moves it on: it opens at the
start of its opening day, reminds the clusters that have not answered three days
before it closes, and closes at the end of its closing day (Europe/London, so a
loop closing "on" a date closes at local midnight whichever side of a clock change
it falls), when the answers are compiled into a digest for the whole project. Each
step is claimed with a conditional UPDATE of its timestamp, so two ticks at once do
it once.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from .. import access_q
from .projects import ClusterParticipation, Project

# Clusters that have not answered are reminded this many days before the loop closes.
REMINDER_DAYS = 3


def start_of_day(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day` (never ambiguous in the UK: clocks change
    at 01:00 and 02:00)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class FeedbackLoopQuerySet(models.QuerySet["FeedbackLoop"]):
    def visible_to(self, user) -> FeedbackLoopQuerySet:
        return self.filter(access_q.visible_projects(user, "project__"))

    def managed_by(self, user) -> FeedbackLoopQuerySet:
        return self.filter(access_q.managed_projects(user, "project__"))

    # What the tick finds. `today` is the local date (timezone.localdate()).
    def due_to_close(self, today: dt.date) -> FeedbackLoopQuerySet:
        return self.filter(closed_at__isnull=True, closes_on__lt=today)

    def due_to_open(self, today: dt.date) -> FeedbackLoopQuerySet:
        return self.filter(opened_at__isnull=True, opens_on__lte=today, closes_on__gte=today)

    def due_for_reminder(self, today: dt.date) -> FeedbackLoopQuerySet:
        return self.filter(
            opened_at__isnull=False,
            reminded_at__isnull=True,
            closed_at__isnull=True,
            remind_on__lte=today,
            closes_on__gte=today,
        )


class FeedbackLoop(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="feedback_loops")
    title = models.CharField(max_length=200)
    # True: every cluster in the project when the loop opens. False: the chosen ones,
    # held as FeedbackResponse rows from the start.
    all_clusters = models.BooleanField(default=True)
    opens_on = models.DateField()
    closes_on = models.DateField()
    # REMINDER_DAYS before the close; None when the loop opens later than that.
    remind_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the tick, each once (the claim).
    opened_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackLoopQuerySet.as_manager()

    class Meta:
        ordering = ["project", "opens_on", "pk"]
        constraints = [
            models.CheckConstraint(
                name="feedback_loop_closes_after_it_opens",
                condition=Q(closes_on__gte=F("opens_on")),
            ),
        ]
        indexes = [
            # The tick's three questions, each over the loops not yet past that step.
            models.Index(
                fields=["closes_on"], condition=Q(closed_at__isnull=True), name="loop_to_close"
            ),
            models.Index(
                fields=["opens_on"], condition=Q(opened_at__isnull=True), name="loop_to_open"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("enquiries:feedback_loop_detail", args=[self.pk])

    @staticmethod
    def reminder_date(opens_on: dt.date, closes_on: dt.date) -> dt.date | None:
        """REMINDER_DAYS before the end of the closing day, if the loop is open by then."""
        remind_on = closes_on - dt.timedelta(days=REMINDER_DAYS - 1)
        return remind_on if remind_on > opens_on else None

    @property
    def opens_at(self) -> dt.datetime:
        return start_of_day(self.opens_on)

    @property
    def closes_at(self) -> dt.datetime:
        """The end of the closing day: local midnight after it."""
        return start_of_day(self.closes_on + dt.timedelta(days=1))

    # State, for services and templates alike (templates never compare timestamps).
    @property
    def has_opened(self) -> bool:
        return self.opened_at is not None

    @property
    def is_closed(self) -> bool:
        """Closed by the tick, or past its closing time and waiting for the tick."""
        return self.closed_at is not None or timezone.now() >= self.closes_at

    @property
    def is_open(self) -> bool:
        return self.has_opened and not self.is_closed

    @property
    def is_editable(self) -> bool:
        """Its prompts, audience and dates can change until it opens."""
        return not self.has_opened and not self.is_closed

    @property
    def state_label(self) -> str:
        if self.is_closed:
            return "Closed"
        return "Open" if self.has_opened else "Not open yet"

    def closed_message(self) -> str:
        return (
            f"This feedback loop closed on {date_format(self.closes_on, 'j F Y')}; "
            "responses can no longer be changed"
        )


class FeedbackPrompt(models.Model):
    """A question the loop asks each cluster; answered once per cluster."""

    loop = models.ForeignKey(FeedbackLoop, on_delete=models.CASCADE, related_name="prompts")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(max_length=1000)

    class Meta:
        ordering = ["loop", "position"]
        constraints = [
            models.UniqueConstraint(fields=["loop", "position"], name="feedback_prompt_position"),
        ]

    def __str__(self) -> str:
        return self.text


class FeedbackResponseQuerySet(models.QuerySet["FeedbackResponse"]):
    def answerable_by(self, user) -> FeedbackResponseQuerySet:
        """The cluster's leads answer for it (whatever the loop's dates)."""
        return self.filter(access_q.answerable_feedback(user))

    def waiting(self) -> FeedbackResponseQuerySet:
        return self.filter(submitted_at__isnull=True)


class FeedbackResponse(models.Model):
    """One audience cluster of one loop: made when it is chosen (or, for a loop asking
    every cluster, when the loop opens); answered once `submitted_at` is set, and
    changed by the cluster's leads until the loop closes."""

    loop = models.ForeignKey(FeedbackLoop, on_delete=models.CASCADE, related_name="responses")
    cluster_participation = models.ForeignKey(
        ClusterParticipation, on_delete=models.CASCADE, related_name="feedback_responses"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackResponseQuerySet.as_manager()

    class Meta:
        ordering = ["loop", "cluster_participation__cluster__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["loop", "cluster_participation"], name="feedback_response_per_cluster"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster_participation_id} on {self.loop}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class FeedbackAnswer(models.Model):
    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(FeedbackPrompt, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField()

    class Meta:
        ordering = ["response", "prompt__position"]
        constraints = [
            models.UniqueConstraint(fields=["response", "prompt"], name="feedback_answer_once"),
        ]

    def __str__(self) -> str:
        return self.text[:50]
