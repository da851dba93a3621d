"""Seeding the shared codebook (run by migration 0002; safe to run again).

Each seeded code's GUID is derived from its key, so every installation exports the
same GUIDs for the same codes and QDA software merges codebooks from several LAs."""

from __future__ import annotations

import uuid

from .models.codebook import GROUP_DESCRIPTIONS, SEEDED_CODES, CodeGroup

NAMESPACE = uuid.UUID("6f6b7c1e-2f43-4d53-9a53-1c6a0e1f0a71")
GROUP_RANK = {value: rank for rank, value in enumerate(CodeGroup.values)}


def seeded_guid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"enquiry-networks:evidence:{key}")


def seed_codebook(Code) -> int:
    """Create any shared code that is missing (Code: the model, or the migration's
    historical model). Returns how many were created."""
    created = 0
    labels = dict(CodeGroup.choices)
    parents = {}
    for rank, (group, description) in enumerate(GROUP_DESCRIPTIONS.items()):
        key = f"{group}:"
        parent, made = Code.objects.get_or_create(
            project=None,
            key=key,
            defaults={
                "group": group,
                "group_rank": GROUP_RANK[group],
                "name": labels[group],
                "description": description,
                "position": rank,
                "is_codable": False,
                "guid": seeded_guid(key),
            },
        )
        parents[group] = parent
        created += made
    for position, (group, name_key, name, description) in enumerate(SEEDED_CODES):
        key = f"{group}:{name_key}"
        _code, made = Code.objects.get_or_create(
            project=None,
            key=key,
            defaults={
                "group": group,
                "group_rank": GROUP_RANK[group],
                "parent": parents[group],
                "name": name,
                "description": description,
                "position": position,
                "is_codable": True,
                "guid": seeded_guid(key),
            },
        )
        created += made
    return created
