"""`make run`'s embedded set-up really runs the periodic sweeps.

bin/dev starts the web server, a Celery worker and beat on SQLite and kombu's
filesystem broker, with no server of any kind. A notification whose email was never
queued (as when the broker was down) must still reach the person: only beat's
minute sweep can send it, so its arrival proves worker and beat both run.

The run is isolated: its own var folder (database, queue, mail) and port, no
DATABASE_URL or REDIS_URL, and the whole process group stopped afterwards.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from tests.faults.helpers import ROOT, free_port, wait_for

# Beat's first run of a 60-second schedule comes a minute after it starts.
SWEEP_WAIT = 150

MAKE_PENDING = """
from django.contrib.auth import get_user_model
from notifications.models import Notification
person = get_user_model().objects.create_user(email="ruth@example.org", password="x" * 12,
                                              name="Ruth Ellis")
Notification.objects.create(recipient=person, category=Notification.Category.REVIEW,
                            event_key="embedded-run", subject="A question waits for you")
"""


def _embedded_env(var_dir, port: int) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "ENQUIRY_TESTING", "EMAIL_HOST"}
    }
    env.update(ENQUIRY_VAR_DIR=str(var_dir), DJANGO_DEBUG="1", PORT=str(port))
    return env


def _manage(env, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def test_make_runs_embedded_setup_sends_what_only_the_sweep_can(tmp_path):
    var_dir, port = tmp_path / "var", free_port()
    env = _embedded_env(var_dir, port)
    _manage(env, "migrate", "--no-input")
    _manage(env, "shell", "-c", MAKE_PENDING)

    log = open(tmp_path / "dev.log", "wb")
    dev = subprocess.Popen(
        ["bin/dev"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    mail = var_dir / "mail"
    try:
        sent = wait_for(
            lambda: mail.is_dir() and any(mail.iterdir()), timeout=SWEEP_WAIT, interval=1
        )
        output = (tmp_path / "dev.log").read_text(errors="replace")
        assert sent, f"No email within {SWEEP_WAIT} s; bin/dev printed:\n{output[-3000:]}"
        messages = "".join(path.read_text(errors="replace") for path in mail.iterdir())
        assert "A question waits for you" in messages
        assert "To: ruth@example.org" in messages
        assert f"http://127.0.0.1:{port}" in output  # served where it said
    finally:
        os.killpg(dev.pid, signal.SIGTERM)
        try:
            dev.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(dev.pid, signal.SIGKILL)
            dev.wait()
        log.close()
        time.sleep(0.2)
