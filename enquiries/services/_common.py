"""What the enquiry services share: the refusal people read, and how they are told."""

from __future__ import annotations

from typing import cast

from django.utils.text import Truncator

from notifications.models import Notification
from notifications.services import notify

from ..models import Enquiry, EnquiryEvent


class EnquiryError(Exception):
    """A refusal the person can read and act on, e.g. "It is with the reviewers"."""


def subject(text: str) -> str:
    return Truncator(text).chars(cast(int, Notification._meta.get_field("subject").max_length))


def body(opening: str, enquiry: Enquiry, comment: str = "") -> str:
    """The opening line, then what the person said (what the reader most needs, so it
    comes before the question it is about), then the question itself."""
    parts = [opening]
    if comment:
        parts.append(f"Comment:\n{comment}")
    revision = enquiry.current_revision
    if revision is not None:
        parts.append(f"The question (revision {revision.number}):\n{revision.text}")
    return "\n\n".join(parts)


def announce(event: EnquiryEvent, *, recipients, category: str, title: str, text: str) -> None:
    """Notify people of an event on an enquiry: once each, never the person who acted."""
    notify(
        recipients=recipients,
        actor=event.actor,
        category=category,
        event_key=f"enquiry-event:{event.pk}",
        subject=subject(title),
        body=text,
        url=event.enquiry.get_absolute_url(),
    )


def la_of(enquiry: Enquiry):
    """The LA whose audit trail an enquiry's changes belong to (None for key questions)."""
    return enquiry.project.la_id if enquiry.project_id else None  # type: ignore[union-attr]
