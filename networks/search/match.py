"""Matching and ranking on the normalised search columns, on either database."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchVector, TrigramSimilarity
from django.db import connections
from django.db.models import Case, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Length

from .text import Terms

# The full-text configuration: 'simple' (no stemming, no stop words), so PostgreSQL
# finds what the LIKEs find on SQLite. The GIN index is built on the same expression
# (enquiries/migrations/0007_search_columns.py).
FTS_CONFIG = "simple"


def on_postgresql(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def every_word_in(column: str, terms: Terms) -> Q:
    """Each word typed appears somewhere in the column (names: "ary" finds "Mary")."""
    condition = Q()
    for word in terms.words:
        condition &= Q(**{f"{column}__contains": word})
    return condition


def ranked_by_name(
    queryset: QuerySet, column: str, terms: Terms, *, exact: Q | None = None
) -> QuerySet:
    """Exact name (or `exact`, e.g. a URN) first, then names starting with what was
    typed, then names with a word starting so, each of those shortest first (the
    closest to what was typed); then the rest, the most alike (trigram similarity)
    first on PostgreSQL, the shortest on SQLite.

    One sort key, so the query is compiled and sorted once. Similarity is worked out
    only for the rest: it costs far more than a LIKE, and "oak" starts 500 school
    names. Names are at most a few hundred characters, so length / 1000 never
    reaches the next band."""
    length = Length(column) / Value(1000.0)
    whens = [When(exact, then=Value(0.0))] if exact is not None else []
    whens += [
        When(Q(**{column: terms.phrase}), then=Value(0.0)),
        When(Q(**{f"{column}__startswith": terms.phrase}), then=Value(1.0) + length),
        When(Q(**{f"{column}__contains": f" {terms.phrase}"}), then=Value(2.0) + length),
    ]
    if on_postgresql(queryset):
        rest = Value(4.0) - TrigramSimilarity(column, terms.phrase)
    else:
        rest = Value(3.0) + length
    rank = Case(*whens, default=rest, output_field=FloatField())
    return queryset.alias(search_rank=rank).order_by("search_rank", column, "pk")


def words_started_in(column: str, terms: Terms) -> Q:
    """SQLite's full-text stand-in: each word typed starts a word of the column."""
    condition = Q()
    for word in terms.words:
        condition &= Q(**{f"{column}__startswith": word}) | Q(**{f"{column}__contains": f" {word}"})
    return condition


def full_text(queryset: QuerySet, column: str, terms: Terms) -> QuerySet:
    """Rows whose column has a word starting with each word typed, best first: those
    holding the whole phrase, then the shortest, then the newest.

    PostgreSQL: full-text search with prefix terms ('word:*' & ...), read from the
    GIN index on to_tsvector('simple', column), so `column` must be the queryset's
    own, not one reached through a join. SQLite: the same test as LIKEs.

    Not ranked by ts_rank: it parses every matching text again (a common word matches
    a twelfth of the country's questions), which took 11 of the 13 ms of the query at
    national scale, and for a few words in a one-sentence question it says little
    more than the order here does (each word once; shorter is denser, as ts_rank's
    length normalisation has it). The same order on both databases, too.
    """
    phrase_first = Case(
        When(Q(**{f"{column}__contains": terms.phrase}), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    queryset = queryset.alias(search_phrase=phrase_first, search_length=Length(column))
    if on_postgresql(queryset):
        # Words are letters and digits only (normalised), so safe as raw tsquery terms.
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in terms.words), search_type="raw", config=FTS_CONFIG
        )
        queryset = queryset.alias(search_document=SearchVector(column, config=FTS_CONFIG)).filter(
            search_document=query
        )
    else:
        queryset = queryset.filter(words_started_in(column, terms))
    return queryset.order_by("search_phrase", "search_length", "-pk")
