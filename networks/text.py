"""Text that people type or files bring in, made safe to show on a page or in an email."""

from __future__ import annotations

import re

# Unicode category Cc (C0, DEL, C1) plus the line and paragraph separators, which
# are not Cc but break a line all the same.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# Embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI):
# they reorder the text after them. The marks U+200E/U+200F only nudge their
# neighbours, so they are left alone.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
ISOLATE_INITIATORS = frozenset("\u2066\u2067\u2068")
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def isolate_bidi(text: str) -> str:
    """``text`` unchanged, or, if it holds bidirectional controls, wrapped in an isolate
    so that a right-to-left override in a name cannot reverse the words around it.

    The closing PDI also ends any embedding or override left open inside.
    """
    if not BIDI_CONTROLS.search(text):
        return text
    # Balance the isolates inside first: a stray PDI would close our isolate early,
    # and one left open would take our closing PDI, either way letting text escape.
    kept: list[str] = []
    depth = 0
    for character in text:
        if character in ISOLATE_INITIATORS:
            depth += 1
        elif character == POP_DIRECTIONAL_ISOLATE:
            if not depth:
                continue
            depth -= 1
        kept.append(character)
    closing = POP_DIRECTIONAL_ISOLATE * (depth + 1)
    return FIRST_STRONG_ISOLATE + "".join(kept) + closing


def single_line(text: str) -> str:
    """``text`` for an email subject: control characters and every run of whitespace
    become one space, so no header can be split or smuggled in."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())
