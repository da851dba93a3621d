"""The case study as HTML and as a PDF, with WeasyPrint.

`render_sections` renders the collected sections once, with autoescape, through
templates/reports/_sections.html (each section's include): the build stores that
HTML on its ReportBuild (the page shows it) and `render_pdf` prints the same HTML in
a document of its own (templates/reports/pdf.html) with a small print stylesheet
(A4, page numbers, headings that never end a page). Tagged (pdf_tags), with the
document's title and language, so a screen reader finds the headings, lists and
tables."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString

from enquiries.models import Project

from .sections import SECTIONS, CollectedSection

# WeasyPrint reports every layout step at INFO; a build's log needs only its problems.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_sections(project: Project, sections: Iterable[CollectedSection]) -> SafeString:
    """The sections as HTML (autoescaped by the templates): what the page shows and
    the PDF prints."""
    return render_to_string(
        "reports/_sections.html", {"project": project, "sections": list(sections)}
    )


def render_html(project: Project, sections_html: SafeString) -> str:
    """The PDF's document around the rendered sections. A plain str (not marked safe
    by render_sections) would be escaped, never printed as markup."""
    return render_to_string(
        "reports/pdf.html",
        {
            "project": project,
            "sections": SECTIONS,  # the contents
            "sections_html": sections_html,
            "made_at": timezone.now(),
        },
    )


def render_pdf(project: Project, sections_html: SafeString) -> bytes:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    html = render_html(project, sections_html)
    stylesheet = CSS(string=render_to_string("reports/print.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet], pdf_tags=True)
