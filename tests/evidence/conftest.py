import pytest

from tests.evidence.factories import shared_evidence_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_evidence_world(django_db_blocker)


@pytest.fixture
def as_(client, world):
    def sign_in(name: str):
        client.force_login(world.person(name))
        return client

    return sign_in
