"""Every URL, every persona: see matrix.py for how rows work and world.py for who is who."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from .matrix import LOGIN, Row, load_rows, url_names
from .world import PERSONAS, build_world

ROWS = load_rows()


class _RollBack(Exception):
    """Raised to undo one persona's request so the next one starts from the same world."""


def _answer(response):
    """The status, with a redirect to the sign-in page told apart from other redirects."""
    if response.status_code == 302:
        target = response["Location"].split("?", 1)[0]
        if target == resolve_url(settings.LOGIN_URL):
            return LOGIN
    return response.status_code


def _request(row: Row, world, persona: str):
    client = Client()
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    url = reverse(row.name, args=row.args(world))
    headers = row.headers or {}
    if row.method == "get":
        return client.get(url, row.query or {}, **headers)
    data = row.data(world) if row.data else {}
    return getattr(client, row.method)(url, data, **headers)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_it_answers_each_persona_as_the_matrix_says(row: Row, db):
    world = build_world()
    mismatches = []
    for persona in PERSONAS:
        answer = None
        try:
            with transaction.atomic():
                answer = _answer(_request(row, world, persona))
                raise _RollBack
        except _RollBack:
            pass
        except Exception as exc:  # noqa: BLE001 - a crash is one more mismatch to report
            answer = f"raised {type(exc).__name__}: {exc}"
        if answer != row.expected(persona):
            mismatches.append(f"  {persona}: expected {row.expected(persona)!r}, got {answer!r}")
    assert not mismatches, f"{row.id}:\n" + "\n".join(mismatches)


def test_it_has_a_row_for_every_url():
    with_rows = {row.name for row in ROWS}
    missing = sorted(url_names() - with_rows)
    assert not missing, (
        "These URLs have no row in tests/access/rows_*.py; add one saying who may "
        "open them:\n  " + "\n  ".join(missing)
    )


def test_it_has_no_rows_for_urls_that_are_gone():
    stale = sorted({row.name for row in ROWS} - url_names())
    assert not stale, "Rows for URL names that no longer exist:\n  " + "\n  ".join(stale)


def test_it_names_only_personas_the_world_builds():
    unknown = {
        (row.id, persona) for row in ROWS for persona in row.expect if persona not in PERSONAS
    }
    assert not unknown, f"Rows name personas that world.py does not build: {sorted(unknown)}"
