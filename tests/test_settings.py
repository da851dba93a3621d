"""Production settings come from the environment and refuse to run half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(ENQUIRY_TESTING="0", **env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_it_will_not_serve_without_a_secret_key(tmp_path):
    result = run("import config.wsgi", ENQUIRY_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY setting must not be empty" in result.stderr


def test_it_serves_with_a_secret_key(tmp_path):
    result = run("import config.wsgi", ENQUIRY_VAR_DIR=str(tmp_path), DJANGO_SECRET_KEY="k" * 60)
    assert result.returncode == 0, result.stderr


def test_it_refuses_a_debug_flag_it_cannot_read(tmp_path):
    result = run("import config.wsgi", ENQUIRY_VAR_DIR=str(tmp_path), DJANGO_DEBUG="maybe")
    assert "DJANGO_DEBUG must be true or false" in result.stderr


def settings_from(tmp_path, code: str, **env: str) -> subprocess.CompletedProcess:
    setup = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "from django.conf import settings; "
    )
    return run(setup + code, ENQUIRY_VAR_DIR=str(tmp_path), DJANGO_SECRET_KEY="k" * 60, **env)


def test_it_checks_a_kept_database_connection_before_reusing_it(tmp_path):
    """After PostgreSQL restarts, the first request on each worker reconnects, not 500s."""
    result = settings_from(
        tmp_path,
        "d = settings.DATABASES['default']; "
        "print(d['CONN_HEALTH_CHECKS'], d['CONN_MAX_AGE'], d['OPTIONS']['connect_timeout'])",
        DATABASE_URL="postgres://u@db.example.org:5432/enquiry",
    )
    assert result.stdout.split() == ["True", "300", "5"], result.stderr


def test_it_fits_the_redis_visibility_timeout_to_the_longest_task(tmp_path):
    from tests.test_task_options import EXPECTED

    result = settings_from(
        tmp_path,
        "o = settings.CELERY_BROKER_TRANSPORT_OPTIONS; "
        "print(o['visibility_timeout'], o['socket_connect_timeout'], o['socket_timeout'])",
        REDIS_URL="redis://cache.example.org:6379/0",
    )
    visibility, connect_timeout, socket_timeout = (int(v) for v in result.stdout.split())
    longest = max(options["time_limit"] for options in EXPECTED.values())
    # Not handed to a second worker while it waits behind the longest task, and far
    # below Celery's default hour.
    assert 2 * longest <= visibility < 3600
    assert connect_timeout <= 2 and socket_timeout <= 5


def test_it_refuses_a_lease_it_cannot_read(tmp_path):
    result = settings_from(tmp_path, "settings.EMAIL_CLAIM_LEASE", EMAIL_CLAIM_LEASE_SECONDS="5m")
    assert "EMAIL_CLAIM_LEASE_SECONDS must be a whole number" in result.stderr
