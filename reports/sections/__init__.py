"""The case-study report as an ordered list of sections.

Each Section is a selector (`collect(project) -> data`, a fixed number of queries
however large the project, every list cut to a limit it states) and a template
include (`templates/reports/sections/<key>.html`, given `data`, `section` and
`project`). The build task renders `collect_sections(project)` once as HTML
(reports/pdf.py), prints it as the PDF and keeps it on the build for the page
(reports/views.py), so what the page shows is what the PDF prints.

Adding a section is one function, one include and one line in SECTIONS below:

    # reports/sections/meetings.py
    def surgeries(project) -> Surgeries:            # bounded reads of meetings' models
        ...

    # SECTIONS, in the report's order:
    Section("surgeries", "Surgeries and meetings", meetings.surgeries),

The include is found by key (templates/reports/sections/baseline.html). A section
whose data is falsy is printed with its heading and "Nothing recorded yet." A
finished build keeps the HTML it printed, so a new section shows on the page from
the next build on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from enquiries.models import Project

from . import brokerage, clusters, evidence, feedback, logs, meetings, plans, questions


@dataclass(frozen=True)
class Section:
    key: str  # names the include and the heading's id
    title: str
    collect: Callable[[Project], Any]

    @property
    def template(self) -> str:
        return f"reports/sections/{self.key}.html"


SECTIONS: list[Section] = [
    Section("focus", "The project and its focus", questions.focus),
    Section("question", "How the research question evolved", questions.question_history),
    Section("clusters", "Clusters, their questions and alignment", clusters.clusters),
    Section("plans", "Plan progress", plans.plan_progress),
    Section("surgeries", "Surgeries and meetings", meetings.surgeries),
    Section("feedback", "Feedback loops and their digests", feedback.feedback_loops),
    Section("logs", "Reflective logs", logs.log_activity),
    Section("brokerage", "Brokerage", brokerage.brokerage),
    Section("baseline", "Baseline and progress reviews", evidence.baselines),
    Section("key_drivers", "Key drivers and their evidence", evidence.key_drivers),
]


@dataclass
class CollectedSection:
    section: Section
    data: Any

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def title(self) -> str:
        return self.section.title

    @property
    def template(self) -> str:
        return self.section.template


def iter_sections(project: Project) -> Iterator[CollectedSection]:
    """Each section's data in order, collected as it is asked for (the build task
    reports its progress between sections)."""
    for section in SECTIONS:
        yield CollectedSection(section, section.collect(project))


def collect_sections(project: Project) -> list[CollectedSection]:
    return list(iter_sections(project))
