"""A person's private calendar feed: a secret token, stored hashed; revocable and
regenerated on demand (the old URL stops working at once)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from networks.audit import audit

from ..models import CalendarFeed
from ..models.calendar import token_hash


@transaction.atomic
def calendar_feed_regenerate(*, actor) -> str:
    """A new secret for the actor's feed; returns it (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    feed, _ = CalendarFeed.objects.select_for_update().get_or_create(user=actor)
    feed.token_hash = token_hash(token)
    feed.created_at = timezone.now()
    feed.revoked_at = None
    feed.save()
    audit(actor, "meetings.calendar_feed.regenerated", feed, {})
    return token


@transaction.atomic
def calendar_feed_revoke(*, actor) -> bool:
    """Stop the actor's feed. Returns whether there was one to stop."""
    feed = CalendarFeed.objects.select_for_update().filter(user=actor).first()
    if feed is None or not feed.is_active:
        return False
    feed.token_hash = None
    feed.revoked_at = timezone.now()
    feed.save()
    audit(actor, "meetings.calendar_feed.revoked", feed, {})
    return True
