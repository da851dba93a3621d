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
