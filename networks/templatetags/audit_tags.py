"""Reading audit entries: an action code in words, and what changed as short lines."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def action_words(code: str) -> str:
    """'enquiries.question.changes_requested' -> 'Question: changes requested'."""
    parts = code.split(".")
    thing, verb = parts[-2], parts[-1]
    return f"{thing.replace('_', ' ').capitalize()}: {verb.replace('_', ' ')}"


@register.filter
def change_lines(changes) -> list[tuple[str, str]]:
    """(field, what) pairs; a [before, after] pair reads 'before → after'."""
    if not isinstance(changes, dict):
        return []
    lines = []
    for key, value in changes.items():
        if isinstance(value, list) and len(value) == 2 and not key.endswith("s"):
            before, after = value
            text = f"{_short(before)} → {_short(after)}"
        else:
            text = _short(value)
        lines.append((key.replace("_", " "), text))
    return lines


def _short(value) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    text = str(value)
    return text if len(text) <= 160 else text[:159] + "…"
