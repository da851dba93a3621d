"""Small reads about people shown beside enquiry work: which LA each works for (two
facilitators may share a name), and what reviewers asked for on a question."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from networks.models import RoleAssignment
from networks.models.people import LA_ROLES

from ..models import Enquiry, EnquiryEvent


def la_names_of(user_ids: Iterable[int]) -> dict[int, list[str]]:
    """The LAs each person is a co-leader or officer of now, by name. One query (none
    for nobody)."""
    user_ids = set(user_ids)
    if not user_ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    rows = (
        RoleAssignment.objects.current()
        .filter(user_id__in=user_ids, role__in=LA_ROLES)
        .order_by("la__name")
        .values_list("user_id", "la__name")
        .distinct()
    )
    for user_id, la_name in rows:
        found[user_id].append(la_name)
    return dict(found)


# What a reviewer says about a wording, for its owners to read when revising it.
ASKS = (
    EnquiryEvent.Kind.CHANGES_REQUESTED,
    EnquiryEvent.Kind.COMMENTED,
    EnquiryEvent.Kind.ALIGNMENT_REVIEWED,
)


def asked_of_current_revision(enquiry: Enquiry) -> list[EnquiryEvent]:
    """Requested changes, comments and alignment reviews made while the current wording
    stood (since the previous revision), oldest first. One query."""
    if enquiry.current_revision_id is None:
        return []
    return list(
        enquiry.events.filter(revision_id=enquiry.current_revision_id, kind__in=ASKS)
        .exclude(comment="")
        .select_related("actor")
        .order_by("created_at", "pk")
    )
