"""PostgreSQL drops a web process's kept connection (a restart, a failover, an idle
timeout). What a user would notice before CONN_HEALTH_CHECKS: the first request on
each gunicorn worker holding the old connection answered 500. Now the connection is
checked before a request reuses it, and the request succeeds.

The shared PostgreSQL is never restarted: the test ends its own connection's backend
with pg_terminate_backend, from a second connection. Requests go through Django's
WSGI handler in this thread, as gunicorn calls it (the test client would skip the
request_started handling that decides whether to keep a connection).
"""

import psycopg
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL), as in CI")


def terminate_backend_of(conn) -> None:
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    params = conn.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "context"}) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


class Gunicorn:
    """Calls the WSGI application the way a server does, in this thread."""

    def __init__(self, cookies: str) -> None:
        self.app = WSGIHandler()
        self.cookies = cookies

    def get(self, path: str) -> int:
        environ = RequestFactory().get(path, HTTP_COOKIE=self.cookies).environ
        status = []
        response = self.app(environ, lambda line, headers: status.append(line))
        b"".join(response)
        response.close()  # request_finished: the connection is kept (CONN_MAX_AGE)
        return int(status[0].split()[0])


@pytest.fixture
def server(client, postgresql):
    client.force_login(UserFactory())
    return Gunicorn(f"sessionid={client.cookies['sessionid'].value}")


def test_the_first_request_after_the_connection_dropped_succeeds(server):
    home = reverse("home")
    assert connection.settings_dict["CONN_MAX_AGE"] > 0  # connections are kept
    assert server.get(home) == 200
    kept = connection.connection

    terminate_backend_of(connection)

    assert server.get(home) == 200
    assert connection.connection is not kept  # a new one, made for this request


def test_without_health_checks_that_request_would_fail(server):
    """The fault is real: with the check off, the first request after the drop is the
    500 users saw (and the one after it works, on a fresh connection)."""
    home = reverse("home")
    connection.close()
    connection.settings_dict["CONN_HEALTH_CHECKS"] = False
    try:
        assert server.get(home) == 200
        terminate_backend_of(connection)

        assert server.get(home) == 500
        assert server.get(home) == 200
    finally:
        connection.close()
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
