"""Tags for enquiry pages: status and rating tags, and word diffs.

Each says in words what its colour says, so nothing depends on colour alone.
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from enquiries.models import AlignmentRating, Enquiry

register = template.Library()

STATUS_COLOURS = {
    Enquiry.Status.DRAFT: "grey",
    Enquiry.Status.SUBMITTED: "blue",
    Enquiry.Status.CHANGES_REQUESTED: "orange",
    Enquiry.Status.AGREED: "green",
}
RATING_COLOURS = {
    AlignmentRating.ALIGNED: "green",
    AlignmentRating.MOSTLY: "turquoise",
    AlignmentRating.PARTLY: "yellow",
    AlignmentRating.NOT_ALIGNED: "red",
}


# The tags are drawn for every row of long lists: each distinct one is built once.
_STATUS_HTML: dict[str, SafeString] = {}
_RATING_HTML: dict[tuple[str, str, bool], SafeString] = {}


@register.simple_tag
def status_tag(enquiry) -> SafeString:
    label = enquiry.get_status_display()
    key = f"{enquiry.status}\x00{label}"
    html = _STATUS_HTML.get(key)
    if html is None:
        colour = STATUS_COLOURS.get(enquiry.status, "grey")
        html = _STATUS_HTML[key] = format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label
        )
    return html


@register.simple_tag
def rating_tag(review) -> SafeString:
    """The latest review's rating, with "Review again" when either side has moved on."""
    if review is None:
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not reviewed yet"
        )
    key = (review.rating, review.get_rating_display(), review.is_stale)
    html = _RATING_HTML.get(key)
    if html is None:
        rating, label, stale = key
        html = format_html(
            '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
            RATING_COLOURS.get(rating, "grey"),
            label,
        )
        if stale:
            html += format_html(
                ' <strong class="govuk-tag govuk-tag--orange app-tag--stale">{}</strong>',
                "Review again",
            )
        _RATING_HTML[key] = html
    return html


DIFF_MARKUP = {
    "insert": (
        '<ins class="app-diff__ins"><span class="govuk-visually-hidden">[inserted: </span>'
        '{}<span class="govuk-visually-hidden">]</span></ins>'
    ),
    "delete": (
        '<del class="app-diff__del"><span class="govuk-visually-hidden">[deleted: </span>'
        '{}<span class="govuk-visually-hidden">]</span></del>'
    ),
}


@register.simple_tag
def render_diff(chunks) -> SafeString:
    """Word diff chunks as text with <ins>/<del>, each announced in words too.

    Underline and strike-through come from the browser's defaults, so the change is
    readable without colour; the visually hidden "[deleted: …]" / "[inserted: …]"
    say it to screen readers. A replaced word gets a space between its old and new
    forms so they never run together.
    """
    parts: list[str] = []
    previous = None
    for chunk in chunks:
        words = chunk.text.strip()
        if chunk.kind in DIFF_MARKUP and words:
            if previous not in (None, "equal"):
                parts.append(" ")
            # Spaces around a changed run stay outside the mark: "[inserted: word]".
            before, _, after = chunk.text.partition(words)
            parts.append(format_html("{}" + DIFF_MARKUP[chunk.kind] + "{}", before, words, after))
        else:
            parts.append(format_html("{}", chunk.text))
        previous = chunk.kind
    return format_html_join("", "{}", ((part,) for part in parts))


@register.filter
def reviews_questions(user) -> bool:
    """{% if user|reviews_questions %}: whether to offer the review queue."""
    from enquiries.rules import reviews_any

    return reviews_any(user)


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }}: a dict's value, or an empty list when it has none."""
    return mapping.get(key, []) if mapping else []


@register.simple_tag
def map_pair_tag(pair) -> SafeString:
    """A pair on the alignment map (`alignment_map.MapPair`) as a tag: the same words
    its box says, so the list and the picture read one thing."""
    if pair.rating is None:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', pair.words)
    tag = format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        RATING_COLOURS.get(pair.rating, "grey"),
        pair.rating_label,
    )
    if pair.stale:
        tag += format_html(
            ' <strong class="govuk-tag govuk-tag--orange app-tag--stale">{}</strong>',
            "Review again",
        )
    return tag


HEADING_CHARS = 70


@register.simple_tag
def key_question_heading(kq) -> SafeString:
    """A matrix column heading: the key question's number and its words, cut at a word
    near HEADING_CHARS for the eye ("…"); the rest stays in the page for screen readers
    (visually hidden), and the number links to the question."""
    text = " ".join((kq.current_revision.text if kq.current_revision_id else "").split())
    short, rest = text, ""
    if len(text) > HEADING_CHARS:
        cut = text.rfind(" ", 0, HEADING_CHARS)
        cut = cut if cut > 0 else HEADING_CHARS
        short, rest = text[:cut], text[cut:]
    if rest:
        words = format_html(
            '<span class="app-matrix__kq-text">{}<span aria-hidden="true">…</span>'
            '<span class="govuk-visually-hidden">{}</span></span>',
            short,
            rest,
        )
    else:
        words = format_html('<span class="app-matrix__kq-text">{}</span>', short)
    return format_html(
        '<a class="govuk-link" href="{}">{}</a><span class="govuk-visually-hidden">: </span>{}',
        kq.get_absolute_url(),
        kq.label,
        words,
    )
