"""What the evidence services share: the refusal people read, and the checks typed
input goes through (forms check the same first, so the message sits by the field)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from networks import service_input
from networks.service_input import require as require

EARLIEST = dt.date(1990, 1, 1)


class EvidenceError(Exception):
    """A refusal the person can read and act on, e.g. "Choose codes from this project's
    codebook"."""


def line(value: str, what: str, *, required: bool = True, max_length: int = 150) -> str:
    """One line of text: whitespace runs collapsed, control characters refused."""
    return service_input.line(EvidenceError, value, what, required=required, max_length=max_length)


def text(value: str, what: str, *, required: bool = True, max_length: int = 4000) -> str:
    """Several lines of text: line endings made \\n, other control characters refused."""
    return service_input.text(EvidenceError, value, what, required=required, max_length=max_length)


def past_date(value, what: str) -> dt.date:
    if value is None:
        raise EvidenceError(f"Enter the {what}.")
    if not isinstance(value, dt.date):
        raise EvidenceError(f"The {what} must be a real date.")
    if value > timezone.localdate():
        raise EvidenceError(f"The {what} cannot be in the future.")
    if value < EARLIEST:
        raise EvidenceError(f"The {what} must be in 1990 or later.")
    return value


def rating(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise EvidenceError("Choose a rating from 1 to 5, or none.") from None
    if not 1 <= number <= 5:
        raise EvidenceError("Choose a rating from 1 to 5, or none.")
    return number
