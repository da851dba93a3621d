"""The case study as a PDF, with WeasyPrint: the page's sections in a document of its
own (templates/reports/pdf.html) and a small print stylesheet (A4, page numbers,
headings that never end a page). Tagged (pdf_tags), with the document's title and
language, so a screen reader finds the headings, lists and tables."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.template.loader import render_to_string
from django.utils import timezone

from enquiries.models import Project

from .sections import CollectedSection

# WeasyPrint reports every layout step at INFO; a build's log needs only its problems.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def render_html(project: Project, sections: Iterable[CollectedSection]) -> str:
    return render_to_string(
        "reports/pdf.html",
        {"project": project, "sections": list(sections), "made_at": timezone.now()},
    )


def render_pdf(project: Project, sections: Iterable[CollectedSection]) -> bytes:
    from weasyprint import CSS, HTML  # type: ignore[import-untyped]

    html = render_html(project, sections)
    stylesheet = CSS(string=render_to_string("reports/print.css"))
    return HTML(string=html).write_pdf(stylesheets=[stylesheet], pdf_tags=True)
