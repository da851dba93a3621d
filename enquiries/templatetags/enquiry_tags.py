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


@register.simple_tag
def status_tag(enquiry) -> SafeString:
    colour = STATUS_COLOURS.get(enquiry.status, "grey")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, enquiry.get_status_display()
    )


@register.simple_tag
def rating_tag(review) -> SafeString:
    """The latest review's rating, with "Review again" when either side has moved on."""
    if review is None:
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not reviewed yet"
        )
    tag = format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        RATING_COLOURS.get(review.rating, "grey"),
        review.get_rating_display(),
    )
    if review.is_stale:
        tag += format_html(
            ' <strong class="govuk-tag govuk-tag--orange app-tag--stale">{}</strong>',
            "Review again",
        )
    return tag


@register.simple_tag
def render_diff(chunks) -> SafeString:
    """Word diff chunks as text with <ins>/<del>, each announced in words too.

    Underline and strike-through come from the browser's defaults, so the change is
    readable without colour; the visually hidden prefixes say it to screen readers.
    """
    parts = []
    for chunk in chunks:
        if chunk.kind == "insert":
            parts.append(
                format_html(
                    '<ins class="app-diff__ins"><span class="govuk-visually-hidden">'
                    "inserted: </span>{}</ins>",
                    chunk.text,
                )
            )
        elif chunk.kind == "delete":
            parts.append(
                format_html(
                    '<del class="app-diff__del"><span class="govuk-visually-hidden">'
                    "deleted: </span>{}</del>",
                    chunk.text,
                )
            )
        else:
            parts.append(format_html("{}", chunk.text))
    return format_html_join("", "{}", ((part,) for part in parts))


@register.filter
def level_noun(enquiry) -> str:
    """ "LA research question", "cluster enquiry question": the level mid-sentence."""
    label = enquiry.get_level_display()
    return label if label.startswith("LA") else label[:1].lower() + label[1:]
