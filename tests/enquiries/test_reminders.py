"""Log reminders: periods in Europe/London (at their edges and across the clock
change), once per person and period, snooze and opt-out, who is reminded."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from enquiries import access_q_logs, services
from enquiries.models import Facilitation, LogEntry, LogSchedule, Project
from enquiries.periods import period_on
from enquiries.reminders import reminded_people, send_log_reminders
from networks.models import Role
from networks.scope import forget_scope
from notifications.models import Notification
from notifications.services import notification_preferences_update
from tests.enquiries.logs_world import *  # noqa: F403
from tests.factories import UserFactory, facilitate, grant

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def reminded(**filters) -> list[str]:
    return sorted(
        Notification.objects.filter(category="reflective_log", **filters).values_list(
            "recipient__email", flat=True
        )
    )


def wrote(w, person, at: datetime) -> LogEntry:
    entry = services.log_entry_create(actor=person, project=w.project, text="Noticed it.")
    LogEntry.objects.filter(pk=entry.pk).update(created_at=at)
    return entry


def cadence(w, value):
    LogSchedule.objects.update_or_create(project=w.project, defaults={"cadence": value})


# --- Periods ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "cadence, day, start, end",
    [
        ("weekly", date(2026, 3, 29), date(2026, 3, 23), date(2026, 3, 30)),  # a Sunday
        ("weekly", date(2026, 3, 30), date(2026, 3, 30), date(2026, 4, 6)),  # the Monday
        ("fortnightly", date(2024, 1, 14), date(2024, 1, 1), date(2024, 1, 15)),
        ("fortnightly", date(2024, 1, 15), date(2024, 1, 15), date(2024, 1, 29)),
        ("monthly", date(2026, 2, 28), date(2026, 2, 1), date(2026, 3, 1)),
        ("monthly", date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1)),
    ],
)
def test_periods_start_and_end_where_people_expect(cadence, day, start, end):
    period = period_on(cadence, day)
    assert (period.start, period.end) == (start, end)


def test_a_period_across_the_clock_change_is_an_hour_short_or_long():
    spring = period_on("weekly", date(2026, 3, 29))  # BST starts on Sunday 29 March
    assert spring.starts_at == utc(2026, 3, 23, 0, 0)  # midnight GMT
    assert spring.ends_at == utc(2026, 3, 29, 23, 0)  # midnight BST
    autumn = period_on("weekly", date(2026, 10, 25))  # BST ends on Sunday 25 October
    assert autumn.starts_at == utc(2026, 10, 18, 23, 0)
    assert autumn.ends_at == utc(2026, 10, 26, 0, 0)
    # (Aware datetimes in one zone subtract as wall-clock times: compare in UTC.)
    length = autumn.ends_at.astimezone(UTC) - autumn.starts_at.astimezone(UTC)
    assert length.total_seconds() == (7 * 24 + 1) * 3600


# --- Who is due, and when --------------------------------------------------------


def test_nobody_is_reminded_before_the_reminder_day_in_london(essex):
    cadence(essex, "monthly")  # March 2026: reminders from Wednesday 25 March
    assert send_log_reminders(now=utc(2026, 3, 24, 23, 59)) == 0
    # Essex's five, and Northamptonshire's co-leader for that project (monthly too).
    assert send_log_reminders(now=utc(2026, 3, 25, 8, 5)) == 6
    other = reminded(event_key__contains=f":{essex.other_project.pk}:")
    assert other == ["outsider@example.org"]


def test_the_reminder_day_is_in_london_time_after_the_clocks_go_forward(essex):
    cadence(essex, "weekly")  # the week of Monday 30 March 2026 (BST): from Friday 3 April
    assert send_log_reminders(now=utc(2026, 4, 2, 22, 59)) == 0  # 23:59 Thursday BST
    assert send_log_reminders(now=utc(2026, 4, 2, 23, 0)) > 0  # 00:00 Friday BST


def test_an_entry_counts_for_the_london_week_it_was_written_in(essex):
    """Across the clock change: 23:15 UTC on Sunday 29 March is already Monday in
    London, so that entry counts for the new week; 22:45 UTC is still Sunday."""
    cadence(essex, "weekly")
    wrote(essex, essex.lead, utc(2026, 3, 29, 23, 15))  # 00:15 Monday BST: the new week
    wrote(essex, essex.member, utc(2026, 3, 29, 22, 45))  # 23:45 Sunday BST: last week
    send_log_reminders(now=utc(2026, 4, 3, 9, 0))
    assert "lead@example.org" not in reminded()
    assert "member@example.org" in reminded()


def test_an_entry_at_the_very_start_of_a_period_counts(essex):
    cadence(essex, "monthly")
    wrote(essex, essex.lead, utc(2026, 3, 1, 0, 0))  # midnight GMT, 1 March: in March
    wrote(essex, essex.member, utc(2026, 2, 28, 23, 59, 59))  # still February
    send_log_reminders(now=utc(2026, 3, 30, 9, 0))
    assert "lead@example.org" not in reminded() and "member@example.org" in reminded()


def test_each_person_is_reminded_once_a_period_and_again_the_next(
    essex, mailoutbox, django_capture_on_commit_callbacks
):
    cadence(essex, "weekly")
    LogSchedule.objects.create(project=essex.other_project, cadence="off")
    with django_capture_on_commit_callbacks(execute=True):
        first = send_log_reminders(now=utc(2026, 4, 3, 9, 0))
    assert first == len(reminded()) > 0
    with django_capture_on_commit_callbacks(execute=True):
        assert send_log_reminders(now=utc(2026, 4, 3, 10, 0)) == 0  # the next tick
    assert len(mailoutbox) == first  # one email each
    assert send_log_reminders(now=utc(2026, 4, 10, 9, 0)) == first  # the next week
    keys = set(Notification.objects.values_list("event_key", flat=True))
    assert keys == {
        f"log-reminder:{essex.project.pk}:2026-03-30",
        f"log-reminder:{essex.project.pk}:2026-04-06",
    }
    notification = Notification.objects.filter(recipient=essex.lead).first()
    assert notification.url == reverse("enquiries:log_entry_create", args=[essex.project.pk])
    assert "Essex learning project" in notification.subject


def test_snoozed_and_opted_out_people_are_not_reminded(essex):
    from enquiries.models import LogReminderPreference

    cadence(essex, "weekly")
    LogReminderPreference.objects.create(user=essex.lead, opted_out=True)
    LogReminderPreference.objects.create(user=essex.member, snoozed_until=date(2026, 4, 4))
    send_log_reminders(now=utc(2026, 4, 3, 9, 0))
    assert "lead@example.org" not in reminded() and "member@example.org" not in reminded()
    assert "officer@example.org" in reminded()


def test_a_snooze_ends(essex):
    from enquiries.models import LogReminderPreference

    cadence(essex, "weekly")
    LogReminderPreference.objects.create(user=essex.member, snoozed_until=date(2026, 4, 3))
    send_log_reminders(now=utc(2026, 4, 2, 23, 30))  # Friday 00:30 BST: snooze is over
    assert "member@example.org" in reminded()


def test_email_off_still_leaves_the_reminder_in_the_app(
    essex, mailoutbox, django_capture_on_commit_callbacks
):
    cadence(essex, "weekly")
    notification_preferences_update(user=essex.lead, deliveries={"reflective_log": "off"})
    with django_capture_on_commit_callbacks(execute=True):
        send_log_reminders(now=utc(2026, 4, 3, 9, 0))
    assert len(mailoutbox) == 4  # the other four of Essex
    assert "lead@example.org" in reminded()
    assert essex.lead.email not in [message.to[0] for message in mailoutbox]


def test_no_reminders_when_logging_is_off_or_the_project_is_over(essex):
    cadence(essex, "off")
    assert send_log_reminders(now=utc(2026, 4, 3, 9, 0)) == 0
    cadence(essex, "weekly")
    Project.objects.filter(pk=essex.project.pk).update(status=Project.Status.COMPLETED)
    assert send_log_reminders(now=utc(2026, 4, 3, 9, 0)) == 0


def test_who_is_reminded(essex):
    cadence(essex, "weekly")
    la_facilitator = UserFactory(email="peer@example.org")
    grant(la_facilitator, Role.LA_OFFICER, la=essex.other_project.la)
    facilitate(la_facilitator, project=essex.project)
    kq_facilitator = UserFactory(email="kq@example.org")
    facilitate(kq_facilitator, initiative=essex.initiative)
    gone = UserFactory(email="gone@example.org", is_active=False)
    grant(gone, Role.CLUSTER_MEMBER, cluster=essex.cluster)
    send_log_reminders(now=utc(2026, 4, 3, 9, 0))
    assert reminded(event_key__contains=f":{essex.project.pk}:") == [
        "coleader@example.org",
        "contact@example.org",
        "lead@example.org",
        "member@example.org",
        "officer@example.org",
        "peer@example.org",
    ]


def test_the_sweep_and_the_home_page_agree_on_who_is_reminded(essex):
    """reminded_people (set-based) against access_q_logs.reminded_projects (per person)."""
    facilitate(UserFactory(email="peer@example.org"), project=essex.project)
    facilitate(UserFactory(email="kq@example.org"), initiative=essex.initiative)
    projects = {p.pk: p.la_id for p in Project.objects.all()}
    by_sweep = reminded_people(list(projects), projects)
    by_person = set()
    for user in type(essex.lead).objects.all():
        forget_scope(user)
        for pk in Project.objects.filter(access_q_logs.reminded_projects(user)).values_list(
            "pk", flat=True
        ):
            by_person.add((user.pk, pk))
    assert by_sweep == by_person
    assert Facilitation.objects.count() == 2
