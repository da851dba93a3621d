"""What the meetings services share: the refusal people read, typed-input checks, and
who to tell."""

from __future__ import annotations

from typing import cast

from django.utils.text import Truncator

from networks import service_input
from networks.models import RoleAssignment, User
from networks.service_input import require as require
from notifications.models import Notification

from ..reach import MEMBER_ROLES

CATEGORY = Notification.Category.MEETINGS


class MeetingError(Exception):
    """A refusal the person can read and act on, e.g. "Choose a check-by date to come"."""


def line(value: str, what: str, *, required: bool = True, max_length: int = 200) -> str:
    """One line of text: whitespace runs collapsed, control characters refused."""
    return service_input.line(MeetingError, value, what, required=required, max_length=max_length)


def text(value: str, what: str, *, required: bool = True, max_length: int = 20000) -> str:
    """Several lines of text: line endings made \\n, other control characters refused."""
    return service_input.text(MeetingError, value, what, required=required, max_length=max_length)


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
