import pytest

from tests.enquiries.factories import shared_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_world(django_db_blocker)
