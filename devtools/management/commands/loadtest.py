"""Load-test the bench database: gunicorn workers under `wrk`, signed in, on a page mix.

    python manage.py bench --keep          # once: build the data and leave it
    python manage.py loadtest              # gunicorn -w 2, wrk -c 32 on eight pages

Starts gunicorn (production settings, a throwaway secret key, static files collected
into a temporary folder) against the database `bench --keep` left, signs the
national facilitator in, checks every page answers 200, then runs `wrk` on the mix
(round robin) and on the signed-in floor page alone (first; each run starts once
the workers are idle again), and prints requests per
second, errors and latency percentiles for each. Needs `wrk` (apt-get install wrk).
Not part of CI.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.test import Client
from django.urls import reverse

from devtools.bench import PAGES, bench_database
from devtools.bench.data import load_built

# The mix: what people open most, heavy and light.
MIX = [
    "home: my work",
    "LA page",
    "cluster page",
    "project page",
    "project map",
    "enquiry page",
    "review queue",
    "timeline",
]


class Command(BaseCommand):
    help = "gunicorn workers under wrk on a signed-in mix of eight pages of the kept bench data."

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--connections", type=int, default=32)
        parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
        parser.add_argument("--duration", type=int, default=30, help="seconds per run")
        parser.add_argument("--port", type=int, default=0, help="default: a free port")
        parser.add_argument("--no-floor", action="store_true", help="skip the floor-only run")

    def handle(self, *args, workers, connections, threads, duration, port, no_floor, **options):
        if not shutil.which("wrk"):
            raise CommandError("wrk is not installed (apt-get install wrk)")
        secret_key = secrets.token_urlsafe(50)
        port = port or _free_port()
        with bench_database(reuse=True) as name:
            try:
                built = load_built(name)
            except FileNotFoundError as error:
                raise CommandError(str(error)) from None
            paths = _paths(built)
            cookie = _session_cookie(built.facilitator, secret_key)
            database_url = _database_url(name)
        self.stdout.write(f"Database {name}; gunicorn on 127.0.0.1:{port} with {workers} workers")
        with tempfile.TemporaryDirectory(prefix="enquiry-loadtest-") as var_dir:
            env = {
                **os.environ,
                "DJANGO_DEBUG": "0",
                "ENQUIRY_TESTING": "0",
                "DJANGO_SECRET_KEY": secret_key,
                "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on localhost
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
                "ENQUIRY_VAR_DIR": var_dir,
                "LOG_LEVEL": "WARNING",
            }
            if database_url:
                env["DATABASE_URL"] = database_url
            subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=settings.BASE_DIR, env=env, check=True,
            )  # fmt: skip
            if not database_url:  # SQLite: the kept file, where the var folder would look
                shutil.copy(Path(name), Path(var_dir) / "db.sqlite3")
            server = subprocess.Popen(
                [
                    str(Path(sys.executable).with_name("gunicorn")), "config.wsgi",
                    "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                    "--log-level", "warning",
                ],
                cwd=settings.BASE_DIR, env=env, start_new_session=True,
            )  # fmt: skip
            try:
                base = f"http://127.0.0.1:{port}"
                _wait_until_up(base, server)
                for label, path in [("signed-in floor", reverse("floor")), *paths]:
                    status = _status(base + path, cookie)
                    if status != 200:
                        raise CommandError(f"{label} ({path}) answered {status}, not 200")
                for _ in range(workers * 2):  # each worker compiles its templates
                    for _, path in paths:
                        _status(base + path, cookie)
                runs = [] if no_floor else [("signed-in floor only", [reverse("floor")])]
                runs.append(("mix of eight pages", [p for _, p in paths]))
                for title, run_paths in runs:
                    _wait_until_idle(base)
                    self.stdout.write(f"\n{title}: wrk -t{threads} -c{connections} -d{duration}s")
                    result = _wrk(base, run_paths, cookie, threads, connections, duration)
                    self.stdout.write(result)
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)


def _paths(built) -> list[tuple[str, str]]:
    specs = {spec.label: spec for spec in PAGES}
    paths = []
    for label in MIX:
        spec = specs[label]
        path = reverse(spec.url_name, args=spec.args(built))
        paths.append((label, f"{path}?{spec.query}" if spec.query else path))
    return paths


def _session_cookie(user, secret_key: str) -> str:
    """A session for `user` in the bench database, signed with the server's key."""
    try:
        old = settings.SECRET_KEY
    except ImproperlyConfigured:  # none set: the bench runs without one
        old = ""
    settings.SECRET_KEY = secret_key
    try:
        client = Client()
        client.force_login(user)
        return (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    finally:
        settings.SECRET_KEY = old


def _database_url(name: str) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if not url or connections["default"].vendor == "sqlite":
        return ""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _status(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError("gunicorn exited while starting")
        try:
            if _status(base + reverse("healthz"), "") == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise CommandError("gunicorn did not answer /healthz/ within 60 s")


def _wait_until_idle(base: str) -> None:
    """Requests queued by a previous run are served before a new one starts."""
    for _ in range(120):
        started = time.monotonic()
        _status(base + reverse("healthz"), "")
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.5)


LUA = """
local paths = {%(paths)s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Cookie"] = "%(cookie)s"})
end
done = function(summary, latency, requests)
  io.write(string.format("requests/s %%.1f\\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("requests %%d, errors: connect %%d read %%d write %%d timeout %%d, "
    .. "status not 2xx/3xx %%d\\n", summary.requests, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status))
  io.write(string.format("latency ms: p50 %%.0f  p90 %%.0f  p99 %%.0f  max %%.0f\\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def _wrk(base, paths, cookie, threads, connections, duration) -> str:
    lua = LUA % {"paths": ", ".join(f'"{p}"' for p in paths), "cookie": cookie}
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        completed = subprocess.run(
            ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
             "-s", script.name, base],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    finally:
        os.unlink(script.name)
    # wrk's own summary, then the lines the script wrote.
    out = completed.stdout
    tail = out[out.find("requests/s") :] if "requests/s" in out else out
    return re.sub(r"\n+$", "", tail)
