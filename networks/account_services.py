"""Writes a person makes to their own account: their details and their password.

Keyword-only and atomic, each writing one audit entry in its transaction. The
person acts on themselves only, so there is nothing else to check; the forms
validate (names without control characters, Django's password validators).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .audit import audit
from .models import User
from .validators import refuse_control_characters

DETAIL_FIELDS = ("name", "organisation", "job_title")


class AccountError(Exception):
    """A refusal the person can read, e.g. "Enter your full name"."""


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


@transaction.atomic
def account_update(*, user: User, name: str, organisation: str = "", job_title: str = "") -> dict:
    """Change one's own name, organisation and job title; returns what changed."""
    if not _signed_in(user):
        raise PermissionDenied
    after = {
        "name": " ".join(name.split()),
        "organisation": " ".join(organisation.split()),
        "job_title": " ".join(job_title.split()),
    }
    if not after["name"]:
        raise AccountError("Enter your full name.")
    for value in after.values():
        try:
            refuse_control_characters(value)
        except ValidationError as error:
            raise AccountError(error.messages[0]) from None
    changes = {
        field: [getattr(user, field), value]
        for field, value in after.items()
        if getattr(user, field) != value
    }
    if not changes:
        return {}
    for field, (_before, value) in changes.items():
        setattr(user, field, value)
    user.save(update_fields=list(changes))
    audit(user, "networks.account.changed", user, changes)
    return changes


@transaction.atomic
def account_password_change(*, user: User, password: str) -> None:
    """Set one's own new password (already checked by the form). The audit entry
    says that it changed, never what to."""
    if not _signed_in(user):
        raise PermissionDenied
    if not password:
        raise AccountError("Enter a new password.")
    user.set_password(password)
    user.save(update_fields=["password"])
    audit(user, "networks.account.password_changed", user, {})
