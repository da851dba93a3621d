"""Feedback loops: each loop with who answered, and the digests of the newest closed
ones (answers circulate to the whole project once a loop closes; an open loop's
answers are not printed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q

from enquiries.models import FeedbackAnswer, FeedbackLoop, FeedbackPrompt, FeedbackResponse, Project

LOOP_LIMIT = 30  # loops listed, newest first
DIGEST_LIMIT = 3  # the newest closed loops whose digests are printed
ANSWER_LIMIT = 30  # answers printed per prompt (the digest on the site has them all)
NAME_LIMIT = 30  # clusters named as not having answered


@dataclass
class PromptAnswers:
    prompt: FeedbackPrompt
    answers: list[tuple[str, str]]  # (cluster name, answer), the first ANSWER_LIMIT
    more: int  # answers not printed


@dataclass
class LoopDigest:
    loop: FeedbackLoop
    prompts: list[PromptAnswers] = field(default_factory=list)
    not_answered: list[str] = field(default_factory=list)  # the first NAME_LIMIT
    not_answered_more: int = 0


@dataclass
class FeedbackLoops:
    loops: Sequence[FeedbackLoop]  # annotated with asked / answered
    total: int
    digests: list[LoopDigest]

    def __bool__(self) -> bool:
        return bool(self.loops)

    @property
    def left_out(self) -> int:
        return self.total - len(self.loops)


def feedback_loops(project: Project) -> FeedbackLoops:
    """Queries: the count and the loops (with counts); for the digests printed, their
    prompts, responses (with cluster names) and answers."""
    loops_qs = FeedbackLoop.objects.filter(project_id=project.pk)
    total = loops_qs.count()
    loops = list(
        loops_qs.annotate(
            asked=Count("responses"),
            answered=Count("responses", filter=Q(responses__submitted_at__isnull=False)),
        ).order_by("-opens_on", "-pk")[:LOOP_LIMIT]
    )
    for loop in loops:
        loop.project = project
    closed = [loop for loop in loops if loop.is_closed][:DIGEST_LIMIT]
    ids = [loop.pk for loop in closed]
    digests = {loop.pk: LoopDigest(loop) for loop in closed}
    if ids:
        prompts = list(FeedbackPrompt.objects.filter(loop_id__in=ids).order_by("loop", "position"))
        responses = list(
            FeedbackResponse.objects.filter(loop_id__in=ids)
            .order_by("cluster_participation__cluster__name", "pk")
            .values_list("pk", "loop_id", "submitted_at", "cluster_participation__cluster__name")
        )
        name_of = {pk: name for pk, _, _, name in responses}
        texts: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for response_id, prompt_id, text in (
            FeedbackAnswer.objects.filter(
                response__loop_id__in=ids, response__submitted_at__isnull=False
            )
            .order_by("response__cluster_participation__cluster__name", "response_id")
            .values_list("response_id", "prompt_id", "text")
        ):
            texts[prompt_id].append((name_of[response_id], text))
        for prompt in prompts:
            answers = texts.get(prompt.pk, [])
            digests[prompt.loop_id].prompts.append(
                PromptAnswers(prompt, answers[:ANSWER_LIMIT], max(len(answers) - ANSWER_LIMIT, 0))
            )
        for _, loop_id, submitted_at, name in responses:
            if submitted_at is None:
                digest = digests[loop_id]
                if len(digest.not_answered) < NAME_LIMIT:
                    digest.not_answered.append(name)
                else:
                    digest.not_answered_more += 1
    return FeedbackLoops(loops=loops, total=total, digests=[digests[loop.pk] for loop in closed])
