"""Staged feedback loops, through the services and the tick: setting one up, answering
it, and the tick opening, reminding and closing at the edges of London days, across
both clock changes, each step once.

Project X (Essex) has clusters A (lead_a) and A2 (lead_a2); its circle, who get the
digest, is co_x (co-leader), lead_a and lead_a2 (its clusters' people) and
kq_facilitator (who facilitates the initiative).
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from enquiries import services
from enquiries.models import FeedbackLoop, FeedbackResponse
from enquiries.services import EnquiryError
from enquiries.services.feedback import run_due_feedback_loops
from networks.models import AuditEntry
from notifications.models import Notification
from tests.enquiries.factories import shared_world
from tests.enquiries.plans_helpers import D, add_loop, loop_row

pytestmark = pytest.mark.django_db

UTC = dt.UTC
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)


@pytest.fixture
def clock(monkeypatch):
    """Sets what timezone.now() (and so localdate()) answers, everywhere."""

    class Clock:
        def set(self, when: dt.datetime) -> dt.datetime:
            monkeypatch.setattr(timezone, "now", lambda: when)
            return when

        def london(self, *args) -> dt.datetime:
            return self.set(dt.datetime(*args, tzinfo=LONDON))

    return Clock()


def notified(event: str) -> list[str]:
    return sorted(
        Notification.objects.filter(event_key__endswith=event).values_list(
            "recipient__email", flat=True
        )
    )


def emails(world, *names) -> list[str]:
    return sorted(getattr(world, name).email for name in names)


def answer(world, loop, lead="lead_a", participation="part_a", texts=("Well", "Lots")):
    response = FeedbackResponse.objects.select_related("cluster_participation").get(
        loop=loop, cluster_participation=getattr(world, participation)
    )
    response.loop = loop_row(loop)
    prompts = list(response.loop.prompts.order_by("position"))
    return services.feedback_response_submit(
        actor=world.person(lead),
        response=response,
        answers={p.pk: text for p, text in zip(prompts, texts, strict=False)},
    )


CIRCLE = ("co_x", "lead_a", "lead_a2", "kq_facilitator")


# --- Setting up ----------------------------------------------------------------------


def test_a_loop_opening_later_waits_and_asks_nobody_yet(world, clock):
    clock.london(2027, 2, 1, 10, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 14))
    assert loop.all_clusters and not loop.has_opened and not loop.responses.exists()
    assert loop.remind_on == D(2027, 3, 12)  # three days before the end of 14 March
    assert list(loop.prompts.values_list("position", "text")) == [
        (1, "How is the networking going?"),
        (2, "What have you learned?"),
    ]
    assert not Notification.objects.filter(category=Notification.Category.FEEDBACK).exists()


def test_a_loop_opening_today_opens_at_once_and_asks_each_clusters_leads(world, clock):
    clock.london(2027, 3, 1, 10, 0)
    AuditEntry.objects.all().delete()
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    assert loop_row(loop).has_opened
    assert sorted(loop.responses.values_list("cluster_participation", flat=True)) == sorted(
        [world.part_a.pk, world.part_a2.pk]
    )
    assert notified(":opened") == emails(world, "lead_a", "lead_a2")
    notice = Notification.objects.filter(event_key__endswith=":opened").first()
    assert notice.category == Notification.Category.FEEDBACK
    assert "Answer by the end of 3 March 2027" in notice.body
    assert "1. How is the networking going?" in notice.body
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("pk")) == [
        "enquiries.feedback_loop.created",
        "enquiries.feedback_loop.opened",
    ]
    # A loop open for under three days has no reminder.
    assert loop.remind_on is None


def test_a_loop_asking_chosen_clusters_asks_only_them(world, clock):
    clock.london(2027, 3, 1, 10, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 9), clusters=[world.part_a])
    assert not loop.all_clusters
    assert list(loop.responses.values_list("cluster_participation", flat=True)) == [world.part_a.pk]
    assert notified(":opened") == emails(world, "lead_a")


@pytest.mark.parametrize(
    "change, message",
    [
        ({"opens_on": D(2027, 2, 28)}, "opening date must be today or later"),
        ({"closes_on": D(2027, 3, 1)}, "closing date must be the same as or after"),
        ({"prompts": ["  ", ""]}, "Write at least one prompt"),
        ({"title": " "}, "Give the feedback loop a title"),
        ({"clusters": []}, "Choose at least one cluster"),
    ],
)
def test_it_refuses_a_loop_with_bad_details(world, clock, change, message):
    clock.london(2027, 3, 1, 10, 0)
    details = {"opens_on": D(2027, 3, 5), "closes_on": D(2027, 3, 9), **change}
    with pytest.raises(EnquiryError, match=message):
        add_loop(world, **details)
    assert not FeedbackLoop.objects.exists()


def test_it_refuses_clusters_of_another_project(world, clock):
    clock.london(2027, 3, 1, 10, 0)
    with pytest.raises(EnquiryError, match="take part in this project"):
        add_loop(world, opens_on=D(2027, 3, 5), closes_on=D(2027, 3, 9), clusters=[world.part_b])


@pytest.mark.parametrize("actor", ["lead_a", "co_y", "officer_x_facilitating_y", "kq_facilitator"])
def test_only_the_projects_managers_set_up_loops(world, clock, actor):
    clock.london(2027, 3, 1, 10, 0)
    with pytest.raises(PermissionDenied):
        services.feedback_loop_create(
            actor=world.person(actor),
            project=world.project_x,
            title="Mine",
            prompts=["Why?"],
            opens_on=D(2027, 3, 5),
            closes_on=D(2027, 3, 9),
        )


def test_a_loop_changes_until_it_opens(world, clock):
    clock.london(2027, 2, 1, 10, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 14))
    services.feedback_loop_update(
        actor=world.person("co_x"),
        loop=loop_row(loop),
        title="Spring term",
        prompts=["One question only?"],
        opens_on=D(2027, 3, 2),
        closes_on=D(2027, 3, 20),
        clusters=[world.part_a2],
    )
    loop = loop_row(loop)
    assert (loop.title, loop.opens_on, loop.remind_on) == (
        "Spring term",
        D(2027, 3, 2),
        D(2027, 3, 18),
    )
    assert list(loop.prompts.values_list("text", flat=True)) == ["One question only?"]
    assert list(loop.responses.values_list("cluster_participation", flat=True)) == [
        world.part_a2.pk
    ]
    clock.london(2027, 3, 2, 0, 0)
    run_due_feedback_loops()
    with pytest.raises(EnquiryError, match="has opened"):
        services.feedback_loop_update(
            actor=world.person("co_x"),
            loop=loop_row(loop),
            title="Too late",
            prompts=["?"],
            opens_on=D(2027, 3, 2),
            closes_on=D(2027, 3, 20),
        )
    assert loop_row(loop).title == "Spring term"


# --- Answering -----------------------------------------------------------------------


def test_a_clusters_lead_answers_and_changes_the_answers_until_it_closes(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    AuditEntry.objects.all().delete()
    response = answer(world, loop)
    assert response.is_submitted and response.submitted_by == world.lead_a
    clock.london(2027, 3, 3, 23, 59, 59)
    answer(world, loop, texts=("Better", "Lots"))
    assert list(response.answers.values_list("text", flat=True)) == ["Better", "Lots"]
    assert list(AuditEntry.objects.values_list("action", "changes__prompts").order_by("pk")) == [
        ("enquiries.feedback_response.submitted", [1, 2]),
        ("enquiries.feedback_response.changed", [1]),
    ]


def test_a_late_answer_is_refused_with_the_closing_date_even_before_the_tick(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    answer(world, loop)
    clock.london(2027, 3, 4, 0, 0)  # the tick has not run: the clock alone closes it
    message = "This feedback loop closed on 3 March 2027; responses can no longer be changed"
    with pytest.raises(EnquiryError, match=message):
        answer(world, loop, texts=("Late", "Late"))
    run_due_feedback_loops()
    with pytest.raises(EnquiryError, match=message):
        answer(world, loop, participation="part_a2", lead="lead_a2")
    assert (
        FeedbackResponse.objects.get(cluster_participation=world.part_a).answers.first().text
        == "Well"
    )


def test_only_the_clusters_own_leads_answer(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    for person in ("lead_a2", "co_x", "staff", "school_contact"):
        with pytest.raises(PermissionDenied):
            answer(world, loop, lead=person)


def test_every_prompt_needs_an_answer(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    with pytest.raises(EnquiryError, match="Answer every prompt: prompt 2 is empty"):
        answer(world, loop, texts=("Only one",))
    assert not FeedbackResponse.objects.filter(submitted_at__isnull=False).exists()


def test_an_answer_before_the_loop_opens_is_refused(world, clock):
    clock.london(2027, 2, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 9), clusters=[world.part_a])
    with pytest.raises(EnquiryError, match="opens on 1 March 2027"):
        answer(world, loop)


# --- The tick: at the edges of the day -------------------------------------------------


def test_the_tick_opens_a_loop_at_local_midnight_and_not_before(world, clock):
    clock.london(2027, 2, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 7, 1), closes_on=D(2027, 7, 14))
    clock.set(dt.datetime(2027, 6, 30, 22, 59, 59, tzinfo=UTC))  # 23:59:59 BST on 30 June
    assert run_due_feedback_loops() == 0
    clock.set(dt.datetime(2027, 6, 30, 23, 0, tzinfo=UTC))  # midnight BST
    assert run_due_feedback_loops() == 1
    assert loop_row(loop).opened_at == dt.datetime(2027, 6, 30, 23, 0, tzinfo=UTC)
    assert run_due_feedback_loops() == 0  # once


@pytest.mark.parametrize(
    "closes_on, still_open_at, closed_at",
    [
        # A winter day: the end of 10 February is midnight GMT.
        (D(2027, 2, 10), (2027, 2, 10, 23, 59, 59), (2027, 2, 11, 0, 0)),
        # The clocks go forward on 28 March 2027: its end is midnight BST, 23:00 UTC.
        (D(2027, 3, 28), (2027, 3, 28, 22, 59, 59), (2027, 3, 28, 23, 0)),
        # The day before they go back: midnight BST, still 23:00 UTC.
        (D(2027, 10, 30), (2027, 10, 30, 22, 59, 59), (2027, 10, 30, 23, 0)),
        # 31 October 2027 lasts 25 hours: its end is midnight GMT, 00:00 UTC next day.
        (D(2027, 10, 31), (2027, 10, 31, 23, 59, 59), (2027, 11, 1, 0, 0)),
    ],
)
def test_the_tick_closes_a_loop_at_the_end_of_its_closing_day_in_london(
    world, clock, closes_on, still_open_at, closed_at
):
    clock.london(2027, 1, 4, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 1, 4), closes_on=closes_on)
    clock.set(dt.datetime(*still_open_at, tzinfo=UTC))
    answer(world, loop)  # still accepted in the last second
    run_due_feedback_loops()
    assert loop_row(loop).closed_at is None and not loop_row(loop).is_closed
    clock.set(dt.datetime(*closed_at, tzinfo=UTC))
    assert loop_row(loop).is_closed  # by the clock, before the tick
    run_due_feedback_loops()
    assert loop_row(loop).closed_at == dt.datetime(*closed_at, tzinfo=UTC)
    assert loop_row(loop).closes_at == dt.datetime(*closed_at, tzinfo=UTC)
    assert notified(":digest") == emails(world, *CIRCLE)


@pytest.mark.parametrize(
    "closes_on, before, at",
    [
        # Reminder day 26 March 2027, still GMT: from midnight UTC.
        (D(2027, 3, 28), (2027, 3, 25, 23, 59, 59), (2027, 3, 26, 0, 0)),
        # Reminder day 30 March 2027, BST: from 23:00 UTC the day before.
        (D(2027, 4, 1), (2027, 3, 29, 22, 59, 59), (2027, 3, 29, 23, 0)),
        # Reminder day 1 November 2027, GMT again after the 25-hour day.
        (D(2027, 11, 3), (2027, 10, 31, 23, 59, 59), (2027, 11, 1, 0, 0)),
    ],
)
def test_the_reminder_goes_three_days_before_the_close_in_london(
    world, clock, closes_on, before, at
):
    clock.london(2027, 1, 4, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 1, 4), closes_on=closes_on)
    answer(world, loop, lead="lead_a2", participation="part_a2")
    clock.set(dt.datetime(*before, tzinfo=UTC))
    run_due_feedback_loops()
    assert notified(":reminder") == []
    clock.set(dt.datetime(*at, tzinfo=UTC))
    assert run_due_feedback_loops() == 1
    # Only the lead of the cluster that has not answered, once.
    assert notified(":reminder") == emails(world, "lead_a")
    notice = Notification.objects.get(event_key__endswith=":reminder")
    assert "these clusters have not answered yet: Harlow cluster" in notice.body
    clock.set(dt.datetime(*at, tzinfo=UTC) + dt.timedelta(hours=5))
    assert run_due_feedback_loops() == 0
    assert notified(":reminder") == emails(world, "lead_a")


def test_no_one_is_reminded_when_every_cluster_has_answered(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 10))
    answer(world, loop)
    answer(world, loop, lead="lead_a2", participation="part_a2")
    clock.london(2027, 3, 8, 0, 5)
    assert run_due_feedback_loops() == 1  # the step is taken (and audited) ...
    assert notified(":reminder") == []  # ... but there is nobody to remind
    assert loop_row(loop).reminded_at is not None


def test_closing_circulates_one_digest_of_every_answer(world, clock):
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    answer(world, loop, texts=("Harlow: networking is lively", "Harlow: trust takes time"))
    clock.london(2027, 3, 4, 0, 1)
    AuditEntry.objects.all().delete()
    assert run_due_feedback_loops() == 1
    assert notified(":digest") == emails(world, *CIRCLE)
    digest = Notification.objects.filter(event_key__endswith=":digest").first()
    assert digest.category == Notification.Category.FEEDBACK
    assert "1 of 2 clusters answered" in digest.body
    assert "- Harlow cluster: Harlow: networking is lively" in digest.body
    assert "Not answered: Braintree cluster." in digest.body
    assert digest.url == f"/feedback-loops/{loop.pk}/digest/"
    [entry] = AuditEntry.objects.all()
    assert (entry.action, entry.actor, entry.changes) == (
        "enquiries.feedback_loop.closed",
        None,
        {"answered": 1, "asked": 2},
    )
    assert run_due_feedback_loops() == 0


def test_a_tick_that_missed_the_whole_loop_closes_it_without_asking(world, clock):
    clock.london(2027, 2, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 1), closes_on=D(2027, 3, 3))
    clock.london(2027, 3, 5, 12, 0)  # workers were down for the whole loop
    run_due_feedback_loops()
    assert loop_row(loop).closed_at is not None
    assert notified(":opened") == [] and notified(":reminder") == []
    assert notified(":digest") == emails(world, *CIRCLE)


def test_each_step_is_claimed_once_whoever_calls_it(world, clock):
    """The services themselves: a second call of any step is a no-op returning False."""
    clock.london(2027, 3, 1, 9, 0)
    loop = add_loop(world, opens_on=D(2027, 3, 2), closes_on=D(2027, 3, 10))
    clock.london(2027, 3, 2, 0, 0)
    assert services.feedback_loop_open(loop=loop) is True
    assert services.feedback_loop_open(loop=loop) is False
    clock.london(2027, 3, 8, 0, 0)
    assert services.feedback_loop_remind(loop=loop) is True
    assert services.feedback_loop_remind(loop=loop) is False
    clock.london(2027, 3, 11, 0, 0)
    assert services.feedback_loop_close(loop=loop) is True
    assert services.feedback_loop_close(loop=loop) is False
    counts = {
        event: Notification.objects.filter(event_key__endswith=event).count()
        for event in (":opened", ":reminder", ":digest")
    }
    assert counts == {":opened": 2, ":reminder": 2, ":digest": 4}
