"""Site search: one box that finds everything a person may see.

What it finds, and who sees what
    Each *kind* of result (LAs, clusters, schools, people here; projects and enquiry
    questions from `enquiries`, which registers them from its AppConfig.ready() with
    `register_kind`, as it extends the Scope with `extend_scope`) is a function
    `(user, terms) -> QuerySet` that starts from the kind's own `visible_to(user)`
    queryset, so search never decides access itself. The page (networks.views.search)
    shows each kind as a group with its count, capped, with a link to page through
    the rest of that kind.

Insensitive to case, punctuation and accents
    Each searched model keeps a normalised copy of the words people type for it
    (`search_name`, a school's `search_postcode`, a revision's `search_text`):
    lower case, accents and apostrophes gone, other punctuation a space
    (networks.search.text.normalise). The model writes it on save, bulk_create,
    bulk_update and update (networks.search.columns), a migration filled the rows
    that existed, and what a person types goes through the same function. So
    "St Marys" finds "St Mary's", "ecole" finds "École", "cm201aa" finds "CM20 1AA".

Matching and ranking (networks.search.match)
    Names: every word typed appears in the name (LIKE '%word%' on the normalised
    column). On PostgreSQL a pg_trgm GIN index serves those LIKEs, so no query scans
    the register (the search plans with SSD page costs so that PostgreSQL chooses
    the index: networks.search.page.index_friendly_costs); SQLite runs the same
    LIKEs. Ranked: the exact name (or URN, or postcode), then names that start with
    what was typed, then names with a word that does, shorter names first; then the
    rest, most alike first by trigram similarity on PostgreSQL, shorter on SQLite.
    Questions: every word typed starts a word of the current wording. On PostgreSQL
    that is full-text search (`to_tsvector('simple', search_text) @@ 'word:*' & ...`,
    from a GIN index); on SQLite the same test as LIKEs. The 'simple' configuration
    (no stemming, no stop words) keeps the two databases finding the same rows, which
    the tests check on both. Ranked by the whole phrase, then the shortest wording,
    then the newest (why not ts_rank: networks.search.match.full_text).

Why not django-watson
    It keeps one search-entry table in step through post_save signals, so every
    bulk path here (the register import of 50,000 schools, the demo, the benchmark)
    would leave it stale; it has no accent folding on SQLite (plain icontains) and no
    trigram matching for mistyped names on PostgreSQL; and results must still be cut
    down to what each person may see, which needs our querysets anyway. A column per
    model that the model keeps itself, with PostgreSQL's own indexes, does all of it
    in a few hundred lines.
"""
