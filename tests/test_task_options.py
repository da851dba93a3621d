"""Every task's options, in one table. Celery ignores an option it does not know (a
misspelt one, or a setting name such as task_reject_on_worker_lost passed to the
decorator), so each task's real attributes are compared with what we meant."""

import celery
import pytest
from django.conf import settings

from config.celery import app

OURS = (
    "networks.",
    "notifications.",
    "enquiries.",
    "brokerage.",
    "meetings.",
    "devtools.",
    "config.",
    "reports.",
)

# Why these values: networks/tasks.py. In short, the outbox row is the source of truth
# and the message only a nudge, so no task acks late or retries through Celery, and
# every sending task's hard time limit is below the email lease.
NUDGE = {"acks_late": False, "reject_on_worker_lost": None, "max_retries": 0}
EXPECTED = {
    "networks.tasks.send_outbox_email": {**NUDGE, "soft_time_limit": 60, "time_limit": 90},
    "networks.tasks.send_due_outbox_emails": {**NUDGE, "soft_time_limit": 100, "time_limit": 120},
    "networks.tasks.expire_invitations": {**NUDGE, "soft_time_limit": 200, "time_limit": 240},
    "notifications.tasks.send_notification_emails": {
        **NUDGE,
        "soft_time_limit": 100,
        "time_limit": 120,
    },
    "notifications.tasks.send_pending_emails": {**NUDGE, "soft_time_limit": 100, "time_limit": 120},
    "notifications.tasks.send_daily_digests": {**NUDGE, "soft_time_limit": 200, "time_limit": 240},
    "enquiries.tasks.run_feedback_loops": {**NUDGE, "soft_time_limit": 100, "time_limit": 120},
    "enquiries.tasks.send_log_reminders": {**NUDGE, "soft_time_limit": 200, "time_limit": 240},
    "meetings.tasks.run_notes_sweep": {**NUDGE, "soft_time_limit": 100, "time_limit": 120},
    # The build's lease (settings.REPORT_BUILD_LEASE) outlasts its hard limit likewise.
    "reports.tasks.build_case_study": {**NUDGE, "soft_time_limit": 200, "time_limit": 240},
    "reports.tasks.sweep_report_builds": {**NUDGE, "soft_time_limit": 50, "time_limit": 60},
}
# Options Celery reads from the task class but does not define on Task itself (the
# retry ones), or copies from the app's settings onto each task as it binds it.
NOT_ON_TASK = {
    "store_eager_result",
    "autoretry_for",
    "dont_autoretry_for",
    "retry_kwargs",
    "retry_backoff",
    "retry_backoff_max",
    "retry_jitter",
}


@pytest.fixture(scope="module")
def our_tasks():
    app.loader.import_default_modules()  # as a worker does: every app's tasks module
    return {name: task for name, task in app.tasks.items() if name.startswith(OURS)}


def test_the_table_names_every_task_of_ours(our_tasks):
    assert sorted(our_tasks) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_task_has_the_options_we_meant(our_tasks, name):
    task = our_tasks[name]
    actual = {option: getattr(task, option) for option in EXPECTED[name]}
    assert actual == EXPECTED[name]
    assert not getattr(task, "autoretry_for", ())  # retries are the sweep's job
    assert task.ignore_result is True


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_task_passes_an_option_celery_does_not_know(our_tasks, name):
    options = {key for key in vars(type(our_tasks[name])) if not key.startswith("_")}
    unknown = options - set(dir(celery.Task)) - NOT_ON_TASK
    assert unknown == set()


def test_no_sending_task_outlives_the_email_lease():
    """A live sender must never lose its claim to the sweep, or an email goes twice."""
    longest = max(options["time_limit"] for options in EXPECTED.values())
    assert settings.EMAIL_CLAIM_LEASE.total_seconds() > longest


def test_no_build_outlives_its_lease():
    """A live build must never lose its claim to the sweep, or it is built twice."""
    limit = EXPECTED["reports.tasks.build_case_study"]["time_limit"]
    assert settings.REPORT_BUILD_LEASE.total_seconds() > limit


def test_the_app_defaults_leave_the_options_as_the_tasks_set_them():
    assert app.conf.task_acks_late is False
    assert not app.conf.task_reject_on_worker_lost
    assert app.conf.task_ignore_result is True
