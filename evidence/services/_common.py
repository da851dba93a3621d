"""What the evidence services share: the refusal people read, and the checks typed
input goes through (forms check the same first, so the message sits by the field)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from brokerage.services._common import CONTROL_BUT_LINE_BREAKS
from networks.text import CONTROL_CHARACTERS

EARLIEST = dt.date(1990, 1, 1)


class EvidenceError(Exception):
    """A refusal the person can read and act on, e.g. "Choose codes from this project's
    codebook"."""


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def line(value: str, what: str, *, required: bool = True, max_length: int = 150) -> str:
    value = value or ""
    if CONTROL_CHARACTERS.search(value):
        raise EvidenceError(f"The {what} cannot contain line breaks or control characters.")
    value = " ".join(value.split())
    if required and not value:
        raise EvidenceError(f"Enter the {what}.")
    if len(value) > max_length:
        raise EvidenceError(f"The {what} must be {max_length} characters or fewer.")
    return value


def text(value: str, what: str, *, required: bool = True, max_length: int = 4000) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL_BUT_LINE_BREAKS.search(value):
        raise EvidenceError(f"The {what} cannot contain control characters.")
    value = value.strip()
    if required and not value:
        raise EvidenceError(f"Enter the {what}.")
    if len(value) > max_length:
        raise EvidenceError(f"The {what} must be {max_length} characters or fewer.")
    return value


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
