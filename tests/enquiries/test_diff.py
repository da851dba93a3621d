import re

from enquiries.diff import DiffChunk, word_diff


def old_and_new(chunks):
    old = "".join(c.text for c in chunks if c.kind in ("equal", "delete"))
    new = "".join(c.text for c in chunks if c.kind in ("equal", "insert"))
    return old, new


def test_it_marks_inserted_words():
    chunks = word_diff("How do clusters work?", "How do school clusters work together?")
    assert chunks == [
        DiffChunk("equal", "How do "),
        DiffChunk("insert", "school "),
        DiffChunk("equal", "clusters work"),
        DiffChunk("insert", " together"),
        DiffChunk("equal", "?"),
    ]


def test_it_marks_deleted_words():
    chunks = word_diff("the quick brown fox", "the fox")
    assert chunks == [
        DiffChunk("equal", "the "),
        DiffChunk("delete", "quick brown "),
        DiffChunk("equal", "fox"),
    ]


def test_it_shows_a_replacement_as_one_delete_then_one_insert():
    chunks = word_diff("the quick brown fox", "the slow red fox")
    assert chunks == [
        DiffChunk("equal", "the "),
        DiffChunk("delete", "quick brown"),
        DiffChunk("insert", "slow red"),
        DiffChunk("equal", " fox"),
    ]


def test_it_keeps_punctuation_apart_from_words():
    chunks = word_diff("What works, and why?", "What works and why?")
    assert chunks == [
        DiffChunk("equal", "What works"),
        DiffChunk("delete", ","),
        DiffChunk("equal", " and why?"),
    ]


def test_it_keeps_apostrophes_and_hyphens_inside_words():
    chunks = word_diff("children's mental-health needs", "children's mental health needs")
    assert chunks[0] == DiffChunk("equal", "children's ")
    assert DiffChunk("delete", "mental-health") in chunks


def test_it_returns_one_equal_chunk_for_identical_text():
    assert word_diff("Same words.", "Same words.") == [DiffChunk("equal", "Same words.")]


def test_it_handles_empty_text():
    assert word_diff("", "") == []
    assert word_diff("", "A new question") == [DiffChunk("insert", "A new question")]
    assert word_diff("An old question", "") == [DiffChunk("delete", "An old question")]


def test_it_rebuilds_both_texts_exactly():
    old = "How can eight clusters,  in Essex, shape\nthe county's ECM strategy?"
    new = "How can clusters in Essex shape the county's strategy for ECM — and its clusters?"
    assert old_and_new(word_diff(old, new)) == (old, new)


def test_it_renders_replaced_words_apart_and_changed_spaces_as_plain_text():
    from enquiries.templatetags.enquiry_tags import render_diff

    html = str(render_diff(word_diff("shared  at home", "joint at home")))
    assert re.search(r"</del>\s+<ins", html)  # never "sharedjoint"
    assert "[inserted: </span>joint<" in html and "[deleted: </span>shared<" in html
    assert "[inserted: </span><" not in html and "[deleted: </span><" not in html
