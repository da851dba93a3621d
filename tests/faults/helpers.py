"""Real components for the fault tests, started and stopped by the tests themselves: a
Redis server of our own (never the shared one), a mail server that can stall, and
Celery workers in this process or in a subprocess we can SIGKILL."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
from pathlib import Path

from django.db import connection

from config.celery import app

ROOT = Path(__file__).resolve().parents[2]
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float = 20.0, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return bool(condition())


# --- Redis ---------------------------------------------------------------------------
class RedisServer:
    """`redis-server --port <free port> --save '' --appendonly no`, ours alone."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_for(self._answers, timeout=10):
            raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        """Stop it by its PID, and wait until it is gone."""
        if self.process is not None:
            os.kill(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
            self.process = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False


# --- Celery --------------------------------------------------------------------------
CELERY_KEYS = (
    "task_always_eager",
    "broker_url",
    "broker_transport_options",
    "task_default_queue",
)


class CeleryAt:
    """Point the project's Celery app at a broker (not eager) with a queue of its own,
    for one test; `restore()` puts everything back."""

    def __init__(self, broker_url: str, queue: str) -> None:
        self.saved = {key: app.conf[key] for key in CELERY_KEYS}
        self.queue = queue
        app.conf.task_always_eager = False
        app.conf.broker_url = broker_url
        # As in production (settings): fail fast when the broker is away.
        app.conf.broker_transport_options = {
            "visibility_timeout": 600,
            "socket_connect_timeout": 2,
            "socket_timeout": 5,
        }
        app.conf.task_default_queue = queue
        forget_connections()

    def restore(self) -> None:
        for key, value in self.saved.items():
            app.conf[key] = value
        forget_connections()


def forget_connections() -> None:
    """Drop the app's cached pools so the next publish connects with the current
    settings (not closed: kombu hands pools out by settings, see test_worker.py)."""
    app._pool = None
    app.amqp._producer_pool = None


def database_url() -> str:
    """The test database, as a URL a worker in another process can use."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


class WorkerProcess:
    """`celery -A config worker` in a subprocess (solo pool: the task runs in the one
    process, so SIGKILL kills the worker mid-task), on the test database and broker."""

    def __init__(self, *, broker_url: str, queue: str, log: Path, **env: str) -> None:
        self.command = [sys.executable, "-m", "celery", "-A", "config", "worker"]
        self.command += ["--pool=solo", "--without-gossip", "--without-mingle"]
        self.command += ["--without-heartbeat", "--loglevel=INFO", "-Q", queue]
        self.command += ["-n", f"{queue}@%h"]
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        self.env.update(
            ENQUIRY_TESTING="1",  # the test SECRET_KEY, so the links it makes work here
            CELERY_TASK_ALWAYS_EAGER="0",
            DATABASE_URL=database_url(),
            REDIS_URL=broker_url,
            **env,
        )
        self.log = log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT
            )
        if not wait_for(lambda: b"ready." in self.log.read_bytes(), timeout=60):
            self.stop()
            raise RuntimeError(f"The worker did not start:\n{self.log.read_text()}")

    def kill(self) -> None:
        """SIGKILL: no warm shutdown, no chance to finish or release anything."""
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.process = None


# --- A mail server -------------------------------------------------------------------
class SMTPStub:
    """A mail server in a thread speaking just enough SMTP for smtplib (no TLS, no
    login). When `stall` is set it takes the whole message and then never answers
    the final ".": the sender waits (as on a stalled server) until it is killed.
    `accepted` holds each message it answered 250 to; `delay` slows each one."""

    def __init__(self, *, delay: float = 0.0) -> None:
        self.accepted: list[bytes] = []
        self.delay = delay
        self.stall = threading.Event()
        self.stalled = threading.Event()  # a message has arrived and is being held
        self.release = threading.Event()
        self.lock = threading.Lock()
        stub = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                stub._converse(self.rfile, self.wfile)

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> SMTPStub:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def settings(self) -> dict[str, str]:
        """Environment for a process that should send through this server."""
        return {"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "0"}

    def _converse(self, rfile, wfile) -> None:
        def reply(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        try:
            reply("220 stub ESMTP")
            while line := rfile.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    reply("250 stub")
                elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                    reply("250 OK")
                elif verb == b"DATA":
                    reply("354 End data with <CR><LF>.<CR><LF>")
                    lines = []
                    while (data := rfile.readline()) not in (b".\r\n", b""):
                        lines.append(data)
                    if not data:
                        return  # the client went away mid-message
                    message = b"".join(lines)
                    if self.stall.is_set():
                        self.stalled.set()
                        self.release.wait(timeout=120)
                        return  # hang up without ever accepting it
                    time.sleep(self.delay)
                    with self.lock:
                        self.accepted.append(message)
                    reply("250 OK queued")
                elif verb == b"QUIT":
                    reply("221 Bye")
                    return
                else:
                    reply("502 Command not implemented")
        except OSError:
            return  # the client went away (killed, or timed out)
