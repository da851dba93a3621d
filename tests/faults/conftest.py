"""Fixtures for the fault tests: each starts the real components it breaks."""

import os
import time

import pytest

from .helpers import REDIS_SERVER, CeleryAt, RedisServer


@pytest.fixture
def redis_server():
    """A Redis server of this test's own, on a free port (the shared one is never
    stopped). Stopped at the end if the test left it running."""
    if not os.path.exists(REDIS_SERVER):
        pytest.skip("redis-server is not installed (CI has it: the skip fails CI)")
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def broker(redis_server, settings):
    """The project's Celery app publishing to `redis_server`, not eager, on a queue of
    this test's own. Yields the queue's name."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    celery_at = CeleryAt(redis_server.url, f"faults-{os.getpid()}-{time.monotonic_ns()}")
    yield celery_at.queue
    celery_at.restore()
