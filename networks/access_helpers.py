"""The core every app's ``access.py`` is built on: load one object by id, then let a
person have it for an action or not.

An app's helper (``get_project_for_user(user, pk, action=...)``) names the object's
kind, loads it with its own select_related through :func:`first`, and hands it to
:func:`allow` with a table of checks, one per action, ``"view"`` among them:

- 404 for anyone who may not read it, the same answer as for an id that does not
  exist, so ids leak nothing;
- ``ValueError`` for an action the table does not know (a programming mistake);
- 403 for a reader who may not take the action.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

Check = Callable[[Any, Any], bool]


def allow(user, obj, action: str, checks: dict[str, Check], what: str):
    """``obj``, if ``user`` sees it and may take ``action`` on it: 404 unless they see
    it (or it is None), 403 unless they may take the action."""
    if obj is None or not checks["view"](user, obj):
        raise Http404(f"No such {what}")
    if action not in checks:
        raise ValueError(f"Unknown action on {what}: {action!r}")
    if not checks[action](user, obj):
        raise PermissionDenied
    return obj


def first(queryset, pk):
    """The row of ``queryset`` with this id, or None for a missing or malformed id."""
    if not str(pk).isdigit():
        return None
    try:
        return queryset.filter(pk=pk).first()
    except (ValueError, TypeError):
        return None
