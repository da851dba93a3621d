"""Reads that networks pages share."""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import RoleAssignment


@dataclass
class MyWork:
    roles: list[RoleAssignment] = field(default_factory=list)


def my_work(user) -> MyWork:
    roles = list(
        RoleAssignment.objects.current()
        .filter(user=user)
        .select_related("initiative", "project", "la", "cluster", "school")
    )
    return MyWork(roles=roles)
