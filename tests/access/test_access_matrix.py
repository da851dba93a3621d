"""Every URL, every persona: see matrix.py for how rows work and world.py for who is who."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tests.fingerprint import fingerprint

from .matrix import LOGIN, REFUSALS, Row, load_rows, url_names
from .world import PERSONAS, build_world

ROWS = load_rows()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The world, built once for the whole matrix and rolled back at the end.

    It lives in an outer transaction; each row runs in a savepoint inside it (the
    `db` fixture) and each persona's request in one more, rolled back afterwards, so
    every request meets the same world.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_world()
        world.sessions = _sign_in_everyone(world)
        yield world
        transaction.set_rollback(True)


def _sign_in_everyone(world) -> dict[str, str]:
    """Each persona's session key. Signing in is a third of a request's cost, so each
    persona signs in once, here, and every request sends their session cookie; a
    request that signs out or changes the session is rolled back like any other."""
    sessions = {}
    for persona, user in world.users.items():
        if user is not None:
            client = Client()
            client.force_login(user)
            sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


def _answer(response):
    """The status, with a redirect to the sign-in page told apart from other redirects."""
    if response.status_code == 302:
        target = response["Location"].split("?", 1)[0]
        if target == resolve_url(settings.LOGIN_URL):
            return LOGIN
    return response.status_code


def _try(row: Row, world, persona: str) -> tuple[object, list[str]]:
    """One persona's request, rolled back afterwards: its answer, and what is wrong
    with what it did to the database."""
    problems: list[str] = []
    with transaction.atomic():
        client = Client()
        user = world.users[persona]
        if user is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
        url = reverse(row.name, args=row.args(world))
        headers = row.headers or {}
        data = row.data(world) if row.data else {}
        effects = row.effects.get(persona, ())
        # An actor's request is held to its effects; anyone else's to the fingerprint.
        before = None if effects else fingerprint()
        measured = [effect.measure(world, user) for effect in effects]
        if row.method == "get":
            response = client.get(url, row.query or {}, **headers)
        else:
            response = getattr(client, row.method)(url, data, **headers)
        if getattr(response, "streaming", False):  # a download is read to its end
            b"".join(response.streaming_content)
        answer = _answer(response)
        for effect, then in zip(effects, measured, strict=True):
            now = effect.measure(world, user)
            if not effect.holds(then, now):
                problems.append(f"expected it to {effect.says}: was {then!r}, now {now!r}")
        if before is not None:
            changes = before.changes(fingerprint())
            if changes:
                problems.append("changed the database: " + "; ".join(changes))
        transaction.set_rollback(True)
    return answer, problems


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_it_answers_each_persona_as_the_matrix_says(row: Row, world, db):
    mismatches = []
    for persona in PERSONAS:
        problems: list[str] = []
        try:
            answer, problems = _try(row, world, persona)
        except Exception as exc:  # noqa: BLE001 - a crash is one more mismatch to report
            answer = f"raised {type(exc).__name__}: {exc}"
        if answer != row.expected(persona):
            mismatches.append(f"  {persona}: expected {row.expected(persona)!r}, got {answer!r}")
        mismatches.extend(f"  {persona}: {problem}" for problem in problems)
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
        (row.id, persona)
        for row in ROWS
        for persona in (*row.expect, *row.effects)
        if persona not in PERSONAS
    }
    assert not unknown, f"Rows name personas that world.py does not build: {sorted(unknown)}"


def test_it_expects_effects_only_from_requests_that_may_act():
    """A GET changes nothing, and neither does a refused request."""
    wrong = sorted(
        (row.id, persona)
        for row in ROWS
        for persona in row.effects
        if row.method == "get" or row.expected(persona) in REFUSALS
    )
    assert not wrong, f"Rows give effects to GETs or to refused personas: {wrong}"


def test_it_gives_every_write_that_succeeds_for_someone_an_effect():
    """A POST that some persona may make (302 away, not to sign in) is an action: the
    row must say what it does. Rows where every 302 changes nothing are listed here,
    with the reason, and the list is kept exact."""
    changes_nothing = {
        # The world's questions exist: owners are sent on to revise them.
        "enquiries:enquiry_create POST",
        "enquiries:cluster_enquiry_create POST",
        # Every question in the world is a draft: reviewers are told it cannot be decided.
        "enquiries:enquiry_decide POST",
        "enquiries:enquiry_decide POST LA question",
        # Someone signed in is sent home; an empty form signs nobody in.
        "sign_in POST empty",
        # A reset for an address nobody has sends nothing and says the same.
        "password_reset POST",
        # An invitation already taken up is not sent again: the inviter is told so.
        "invitation_resend POST used",
        # A draft has nothing to withdraw: its writers are told so.
        "enquiries:enquiry_withdraw POST",
        # Signing out ends the session (not held to the fingerprint) and says so.
        "sign_out POST",
        # A late answer to a closed feedback loop is refused with a message.
        "enquiries:feedback_response POST closed",
        # Draft meeting notes are not coded as evidence: the person is sent back to
        # choose a source (told why if they may read the draft).
        "evidence:evidence_create POST draft notes",
    }
    without = {
        row.id
        for row in ROWS
        if row.method != "get"
        and not row.effects
        and any(row.expected(persona) == 302 for persona in PERSONAS)
    }
    assert without == changes_nothing, (
        f"Write rows with a 302 but no effects: {sorted(without - changes_nothing)}; "
        f"listed here but no longer such rows: {sorted(changes_nothing - without)}"
    )
