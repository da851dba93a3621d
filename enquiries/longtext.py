"""Long text people write (log entries, descriptions): line breaks and tabs allowed,
every other control character refused (PostgreSQL refuses NUL outright, and the rest
only hide or garble text)."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

TEXT_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MESSAGE = "Text cannot contain control characters (other than line breaks and tabs)"


def refuse_control_characters_in_text(value: str) -> None:
    if TEXT_CONTROL_CHARACTERS.search(value):
        raise ValidationError(MESSAGE, code="control_characters")
