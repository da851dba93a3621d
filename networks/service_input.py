"""The checks every service puts typed input through before it is saved, shared by the
apps' services: each app passes its own refusal class (``BrokerageError``,
``MeetingError``, ...) so the person reads the refusal in that app's words.

Forms check the same things first so the message sits beside the field; the services
check again because they are the only way in (demo data, tests, a future import), and
a service must never save what a form would have refused.
"""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied

from .text import CONTROL_CHARACTERS

# Multi-line text keeps its line breaks (and tabs); every other control character
# (NUL, escape, the C1 range, line and paragraph separators) is refused.
CONTROL_BUT_LINE_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def require(allowed: bool) -> None:
    """Refuse (403) unless the actor may do this."""
    if not allowed:
        raise PermissionDenied


def line(error: type[Exception], value: str, what: str, *, required: bool, max_length: int) -> str:
    """One line of text: whitespace runs collapsed, control characters refused."""
    value = value or ""
    if CONTROL_CHARACTERS.search(value):
        raise error(f"The {what} cannot contain line breaks or control characters.")
    value = " ".join(value.split())
    if required and not value:
        raise error(f"Enter the {what}.")
    if len(value) > max_length:
        raise error(f"The {what} must be {max_length} characters or fewer.")
    return value


def text(error: type[Exception], value: str, what: str, *, required: bool, max_length: int) -> str:
    """Several lines of text: line endings made \\n, other control characters refused."""
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL_BUT_LINE_BREAKS.search(value):
        raise error(f"The {what} cannot contain control characters.")
    value = value.strip()
    if required and not value:
        raise error(f"Enter the {what}.")
    if len(value) > max_length:
        raise error(f"The {what} must be {max_length} characters or fewer.")
    return value
