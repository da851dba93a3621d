"""Text as search compares it: lower case, accents and punctuation gone.

`normalise` is the one definition. The search columns (`search_name`, ...) hold it,
written by the models themselves (networks.search.columns), and what a person types
goes through it too, so "St Marys", "st. mary's" and "ST MARY’S" all become
"st marys", and "École" becomes "ecole".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Letters NFKD does not take apart into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
# Dropped inside a word, so "Mary's" is "marys" (not "mary s").
_APOSTROPHES = re.compile("['‘’`´ʼ]")
# Everything else that is not a letter or a digit separates words. `_` is a word
# character to the re module, not to people.
_SEPARATORS = re.compile(r"[\W_]+")

# More than this is not a search for a name or a question: refused with a message.
MAX_QUERY_LENGTH = 200
MIN_QUERY_LENGTH = 2
# A question or a name never needs more words than this to be found.
MAX_WORDS = 8

# A UK postcode, without its space: outward code (area, district) then inward code.
_POSTCODE = re.compile(r"(?P<outward>[a-z]{1,2}[0-9][a-z0-9]?)(?P<inward>[0-9][a-z]{2})?")


def normalise(text: str | None) -> str:
    """Lower case, no accents, words separated by single spaces, nothing else."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).translate(_FOLD)
    text = _APOSTROPHES.sub("", text)
    return " ".join(_SEPARATORS.sub(" ", text).split())


def postcode_key(postcode: str | None) -> str:
    """A postcode as the search column keeps it: "cm20 1aa" however it was typed."""
    compact = normalise(postcode).replace(" ", "")
    if len(compact) < 5:
        return compact
    return f"{compact[:-3]} {compact[-3:]}"


@dataclass(frozen=True)
class Terms:
    """What a person typed, read once for every kind of result."""

    typed: str  # as typed, tidied for showing back
    phrase: str = ""  # normalised
    words: tuple[str, ...] = field(default_factory=tuple)
    postcode: str = ""  # a full postcode ("cm20 1aa") or an outward code ("cm20")
    number: int | None = None  # a URN, an LA code
    problem: str = ""  # why nothing was searched, for the page to say

    @property
    def searchable(self) -> bool:
        return bool(self.words) and not self.problem

    @property
    def full_postcode(self) -> bool:
        return " " in self.postcode


def read_query(typed: str | None) -> Terms:
    """Terms from the query string, or Terms with the problem to show."""
    typed = typed or ""
    # Control characters (a NUL would not even reach PostgreSQL) become spaces.
    shown = " ".join("".join(c if c.isprintable() else " " for c in typed[:1000]).split())
    if len(typed) > MAX_QUERY_LENGTH:
        return Terms(
            typed=shown[:60] + "…",
            problem=f"Your search is too long: use at most {MAX_QUERY_LENGTH} characters.",
        )
    if not shown:
        return Terms(typed="")
    phrase = normalise(shown)
    if len(phrase.replace(" ", "")) < MIN_QUERY_LENGTH:
        return Terms(
            typed=shown,
            problem=(
                f"Your search is too short: type at least {MIN_QUERY_LENGTH} letters or numbers."
            ),
        )
    words = tuple(dict.fromkeys(phrase.split()))[:MAX_WORDS]
    compact = phrase.replace(" ", "")
    postcode = ""
    if len(words) <= 2 and (found := _POSTCODE.fullmatch(compact)):
        postcode = " ".join(part for part in found.group("outward", "inward") if part)
    number = int(compact) if compact.isascii() and compact.isdigit() and len(compact) <= 9 else None
    return Terms(
        typed=shown,
        phrase=" ".join(words),
        words=words,
        postcode=postcode,
        number=number,
    )
