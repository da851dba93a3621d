"""Fixtures for the enquiries tests: the shared world and signing in as its people."""

import pytest

from networks.models import User
from tests.enquiries.factories import shared_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world of tests/enquiries/factories.py, built once per test module through
    the services and rolled back at the module's end; each test runs in a savepoint
    inside it, so tests cannot see each other's changes (see shared_world)."""
    yield from shared_world(django_db_blocker)


@pytest.fixture
def as_(client, world):
    """`as_("co_x")`: the test's client, signed in as that person of the world
    (reloaded, so their roles are read afresh), or as someone a fixture of the test
    made with tests.enquiries.factories.person (e.g. "co_s": co_s@example.org)."""

    def sign_in(name: str):
        if hasattr(world, name):
            user = world.person(name)
        else:
            user = User.objects.get(email=f"{name}@example.org")
        client.force_login(user)
        return client

    return sign_in
