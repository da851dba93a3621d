"""Validators for text people give us, shared by models, forms and the importer."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from networks.text import CONTROL_CHARACTERS

CONTROL_CHARACTERS_MESSAGE = "Names cannot contain line breaks or other control characters"


def refuse_control_characters(value: str) -> None:
    """Refuse line breaks, tabs, NUL and other control characters.

    A name ends up in email headers (a newline there makes the send fail, or adds a
    header), in CSV exports and in PostgreSQL, which refuses NUL outright.
    """
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters")
