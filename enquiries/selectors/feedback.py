"""Reads for staged feedback loops: a project's loops, one loop's page, its digest.

Who reads the answers: before a loop closes, the project's managers read every
cluster's answers and a cluster's own people read their cluster's; once it closes
the digest circulates them to everyone who sees the project. (Who has answered is
no secret: everyone sees that.)
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet

from networks.scope import scope_for

from .. import rules
from ..models import FeedbackAnswer, FeedbackLoop, FeedbackPrompt, FeedbackResponse, Project


def feedback_loops(project: Project) -> QuerySet[FeedbackLoop]:
    """The project's loops, newest opening first, each annotated with how many clusters
    it asks (`asked`) and how many have answered (`answered`)."""
    return (
        FeedbackLoop.objects.filter(project_id=project.pk)
        .annotate(
            asked=Count("responses"),
            answered=Count("responses", filter=Q(responses__submitted_at__isnull=False)),
        )
        .order_by("-opens_on", "-pk")
    )


def feedback_loops_of(project: Project, *, page_number) -> Page:
    """A page of feedback_loops(project). Queries: a count and the page."""
    page = Paginator(feedback_loops(project), settings.PAGE_SIZE).get_page(page_number)
    for loop in page.object_list:
        loop.project = project
    return page


@dataclass
class ResponseRow:
    response: FeedbackResponse
    answers: list[tuple[FeedbackPrompt, str]] = field(default_factory=list)
    readable: bool = False  # may this person read the answers?
    can_answer: bool = False


@dataclass
class LoopPage:
    loop: FeedbackLoop
    prompts: list[FeedbackPrompt]
    rows: list[ResponseRow]

    @property
    def answered(self) -> int:
        return sum(row.response.is_submitted for row in self.rows)

    @property
    def yours(self) -> list[ResponseRow]:
        """The rows this person answers for."""
        return [row for row in self.rows if row.can_answer]


def may_read_answers(user, loop: FeedbackLoop, response: FeedbackResponse) -> bool:
    if loop.is_closed or rules.may_manage_project(user, loop.project):
        return True
    return response.cluster_participation.cluster_id in scope_for(user).cluster_ids


def feedback_loop_page(loop: FeedbackLoop, user) -> LoopPage:
    """The loop's prompts, every cluster it asks (with the answers this person may
    read). Queries: prompts; responses with their clusters; the answers."""
    prompts = list(loop.prompts.all())
    responses = list(
        loop.responses.select_related("cluster_participation__cluster", "submitted_by").order_by(
            "cluster_participation__cluster__name", "pk"
        )
    )
    rows = []
    for response in responses:
        response.loop = loop
        rows.append(
            ResponseRow(
                response=response,
                readable=response.is_submitted and may_read_answers(user, loop, response),
                can_answer=rules.may_answer_feedback(user, response),
            )
        )
    readable = [row.response.pk for row in rows if row.readable]
    if readable:
        texts: dict[int, dict[int, str]] = defaultdict(dict)
        for response_id, prompt_id, text in FeedbackAnswer.objects.filter(
            response_id__in=readable
        ).values_list("response_id", "prompt_id", "text"):
            texts[response_id][prompt_id] = text
        for row in rows:
            if row.readable:
                got = texts.get(row.response.pk, {})
                row.answers = [(prompt, got.get(prompt.pk, "")) for prompt in prompts]
    return LoopPage(loop=loop, prompts=prompts, rows=rows)


@dataclass
class DigestSection:
    prompt: FeedbackPrompt
    answers: list[tuple[str, str]]  # (cluster name, answer)


@dataclass
class Digest:
    loop: FeedbackLoop
    sections: list[DigestSection]
    answered: list[str]  # cluster names
    not_answered: list[str]

    @property
    def asked(self) -> int:
        return len(self.answered) + len(self.not_answered)


def feedback_digest(loop: FeedbackLoop) -> Digest:
    """Every answer, prompt by prompt, and who did not answer. Queries: prompts;
    responses with clusters; answers."""
    prompts = list(loop.prompts.all())
    responses = list(
        loop.responses.select_related("cluster_participation__cluster").order_by(
            "cluster_participation__cluster__name", "pk"
        )
    )
    name_of = {r.pk: r.cluster_participation.cluster.name for r in responses}
    by_prompt: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for response_id, prompt_id, text in (
        FeedbackAnswer.objects.filter(response__loop=loop, response__submitted_at__isnull=False)
        .order_by("response__cluster_participation__cluster__name", "response_id")
        .values_list("response_id", "prompt_id", "text")
    ):
        by_prompt[prompt_id].append((name_of[response_id], text))
    return Digest(
        loop=loop,
        sections=[DigestSection(p, by_prompt.get(p.pk, [])) for p in prompts],
        answered=[name_of[r.pk] for r in responses if r.is_submitted],
        not_answered=[name_of[r.pk] for r in responses if not r.is_submitted],
    )
