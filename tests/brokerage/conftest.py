import csv
import io

import pytest

from tests.brokerage.factories import shared_brokerage_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from shared_brokerage_world(django_db_blocker)


@pytest.fixture
def as_(client, world):
    """as_("co_x") → the test client, signed in as that person of the world."""

    def sign_in(name: str):
        client.force_login(world.person(name))
        return client

    return sign_in


def parse_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    text = response.content.decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def date_fields(prefix: str, day) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }
