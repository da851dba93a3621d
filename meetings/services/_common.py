"""What the meetings services share: the refusal people read, typed-input checks, and
who to tell."""

from __future__ import annotations

import re
from typing import cast

from django.core.exceptions import PermissionDenied
from django.utils.text import Truncator

from networks.models import RoleAssignment, User
from networks.text import CONTROL_CHARACTERS
from notifications.models import Notification

from ..reach import MEMBER_ROLES

CATEGORY = Notification.Category.MEETINGS
CONTROL_BUT_LINE_BREAKS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


class MeetingError(Exception):
    """A refusal the person can read and act on, e.g. "Choose a check-by date to come"."""


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def line(value: str, what: str, *, required: bool = True, max_length: int = 200) -> str:
    value = value or ""
    if CONTROL_CHARACTERS.search(value):
        raise MeetingError(f"The {what} cannot contain line breaks or control characters.")
    value = " ".join(value.split())
    if required and not value:
        raise MeetingError(f"Enter the {what}.")
    if len(value) > max_length:
        raise MeetingError(f"The {what} must be {max_length} characters or fewer.")
    return value


def text(value: str, what: str, *, required: bool = True, max_length: int = 20000) -> str:
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if CONTROL_BUT_LINE_BREAKS.search(value):
        raise MeetingError(f"The {what} cannot contain control characters.")
    value = value.strip()
    if required and not value:
        raise MeetingError(f"Enter the {what}.")
    if len(value) > max_length:
        raise MeetingError(f"The {what} must be {max_length} characters or fewer.")
    return value


def subject(value: str) -> str:
    return Truncator(value).chars(cast(int, Notification._meta.get_field("subject").max_length))


def cluster_people(cluster_ids) -> list[int]:
    """The current leads and members of these clusters (who check notes for them)."""
    return list(
        RoleAssignment.objects.current()
        .filter(role__in=MEMBER_ROLES, cluster_id__in=list(cluster_ids), user__is_active=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )


def is_user(value) -> bool:
    return isinstance(value, User)
