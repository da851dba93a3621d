"""Word-level comparison of two wordings of a question.

Pages show inserts as <ins> and deletes as <del>, each with visually hidden
"[inserted: …]" / "[deleted: …]" text, so a change reads without colour.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

# Words (letters, digits, apostrophes and hyphens inside a word: "children's",
# "cross-phase"), single punctuation marks, and runs of whitespace. Joining the
# tokens gives back the text exactly.
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*|\s+|[^\w\s]")


@dataclass(frozen=True)
class DiffChunk:
    kind: Literal["equal", "insert", "delete"]
    text: str


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def word_diff(old: str, new: str) -> list[DiffChunk]:
    """Chunks that rebuild `old` from equal+delete and `new` from equal+insert.

    A replaced run comes out as its delete followed by its insert. A lone space
    left "equal" between two changes is folded into them, so "quick brown" →
    "slow red" reads as one replacement rather than two with a space between.
    """
    a, b = tokenize(old), tokenize(new)
    opcodes = SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()

    # Fold whitespace-only equal runs that sit between two changes.
    groups: list[tuple[str, str, str]] = []  # (tag, old_text, new_text)
    tag: str
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        old_part, new_part = "".join(a[i1:i2]), "".join(b[j1:j2])
        between_changes = 0 < index < len(opcodes) - 1
        if tag == "equal" and between_changes and not old_part.strip():
            tag = "replace"
        if tag != "equal" and groups and groups[-1][0] == "change":
            _, old_so_far, new_so_far = groups.pop()
            groups.append(("change", old_so_far + old_part, new_so_far + new_part))
        elif tag != "equal":
            groups.append(("change", old_part, new_part))
        else:
            groups.append(("equal", old_part, new_part))

    chunks: list[DiffChunk] = []
    for tag, old_part, new_part in groups:
        if tag == "equal":
            chunks.append(DiffChunk("equal", old_part))
            continue
        if old_part:
            chunks.append(DiffChunk("delete", old_part))
        if new_part:
            chunks.append(DiffChunk("insert", new_part))
    return chunks
