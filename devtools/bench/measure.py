"""Timing the main pages of a built benchmark database with the in-process Client."""

from __future__ import annotations

import math
import secrets
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import NoReverseMatch, reverse

from .data import SEARCH_TERM, Built, bench_database, build, load_built, save_built

# --- Measuring -------------------------------------------------------------------


@dataclass
class PageSpec:
    label: str
    url_name: str
    args: Callable[[Built], list]
    persona: str = "facilitator"  # or "coleader"
    query: str = ""


PAGES = [
    PageSpec("LA directory", "networks:la_list", lambda b: []),
    PageSpec("LA page", "networks:la_detail", lambda b: [b.focus_la.code]),
    PageSpec("LA page (co-leader)", "networks:la_detail", lambda b: [b.focus_la.code], "coleader"),
    PageSpec("LA schools", "networks:la_schools", lambda b: [b.focus_la.code]),
    PageSpec("LA isolated schools", "networks:la_isolated", lambda b: [b.focus_la.code]),
    PageSpec("cluster page", "networks:cluster_detail", lambda b: [b.cluster.pk]),
    PageSpec("school page", "networks:school_detail", lambda b: [b.school.urn]),
    PageSpec("search", "networks:search", lambda b: [], query=f"q={SEARCH_TERM}"),
    # What people type: a word of an enquiry question, a school's name without its
    # punctuation, a postcode without its space; and one kind paged through.
    PageSpec("search: question word", "networks:search", lambda b: [], query="q=transition"),
    PageSpec(
        "search: sloppy school name", "networks:search", lambda b: [], query="q=st+marys+primary"
    ),
    PageSpec("search: postcode", "networks:search", lambda b: [], query="q=zz453aa"),
    PageSpec(
        "search: all schools, page 2",
        "networks:search",
        lambda b: [],
        query="q=st+marys&kind=schools&page=2",
    ),
    PageSpec(
        "search (co-leader)", "networks:search", lambda b: [], "coleader", query="q=oak+primary"
    ),
    PageSpec("home: my work", "home", lambda b: []),
    PageSpec("home: my work (co-leader)", "home", lambda b: [], "coleader"),
    PageSpec("initiative matrix", "enquiries:initiative_detail", lambda b: [b.initiative_id]),
    PageSpec("project page", "enquiries:project_detail", lambda b: [b.project_id]),
    PageSpec(
        "project page (co-leader)", "enquiries:project_detail", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("project map", "enquiries:project_map", lambda b: [b.project_id]),
    PageSpec("enquiry page", "enquiries:enquiry_detail", lambda b: [b.enquiry_id]),
    PageSpec("review queue", "enquiries:review_queue", lambda b: []),
    PageSpec("review queue (co-leader)", "enquiries:review_queue", lambda b: [], "coleader"),
    PageSpec("timeline", "enquiries:plan_timeline", lambda b: [b.project_id]),
    PageSpec(
        "timeline (co-leader)", "enquiries:plan_timeline", lambda b: [b.project_id], "coleader"
    ),
    PageSpec(
        "timeline, filtered",
        "enquiries:plan_timeline",
        lambda b: [b.project_id],
        query="strand=outcomes&plan=enquiry",
    ),
    PageSpec("feedback loops", "enquiries:feedback_loop_list", lambda b: [b.project_id]),
    PageSpec("feedback loop", "enquiries:feedback_loop_detail", lambda b: [b.feedback_loop_id]),
    PageSpec("feedback digest", "enquiries:feedback_loop_digest", lambda b: [b.feedback_loop_id]),
    PageSpec("reflective log", "enquiries:log_list", lambda b: [b.project_id]),
    PageSpec(
        "reflective log (co-leader)", "enquiries:log_list", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("research archive", "enquiries:archive", lambda b: [b.project_id]),
    PageSpec(
        "research archive (co-leader)", "enquiries:archive", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("archive item", "enquiries:archive_item", lambda b: [b.archive_item_id]),
    PageSpec("meetings", "meetings:list", lambda b: [b.project_id]),
    PageSpec("meetings (co-leader)", "meetings:list", lambda b: [b.project_id], "coleader"),
    PageSpec("meeting page", "meetings:detail", lambda b: [b.meeting_id]),
    PageSpec("meeting page (co-leader)", "meetings:detail", lambda b: [b.meeting_id], "coleader"),
    PageSpec("case study", "reports:case_study", lambda b: [b.project_id]),
    PageSpec("case study (co-leader)", "reports:case_study", lambda b: [b.project_id], "coleader"),
    PageSpec("evidence list", "evidence:evidence_list", lambda b: [b.project_id]),
    PageSpec(
        "evidence list (co-leader)", "evidence:evidence_list", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("key drivers", "evidence:key_drivers", lambda b: [b.project_id]),
    PageSpec(
        "key drivers (co-leader)", "evidence:key_drivers", lambda b: [b.project_id], "coleader"
    ),
    PageSpec("brokerage index", "brokerage:index", lambda b: []),
    PageSpec("brokerage dashboard", "brokerage:la_dashboard", lambda b: [b.focus_la.code]),
    PageSpec(
        "brokerage dashboard (co-leader)",
        "brokerage:la_dashboard",
        lambda b: [b.focus_la.code],
        "coleader",
    ),
    PageSpec("brokerage network map", "brokerage:la_map", lambda b: [b.focus_la.code]),
    PageSpec("brokerage membership", "brokerage:la_membership", lambda b: [b.focus_la.code]),
    PageSpec("brokerage activities", "brokerage:activity_list", lambda b: [b.focus_la.code]),
]


@dataclass
class Result:
    page: str
    median_ms: float
    p95_ms: float
    queries: int
    floor_ratio: float = 1.0
    status: int = 200
    # CPU time of this process per request (median): what the page costs the web
    # worker, steady even when other processes share the machine (wall time is not).
    cpu_ms: float = 0.0
    cpu_ratio: float = 1.0

    def as_dict(self) -> dict:
        return {
            "page": self.page,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "queries": self.queries,
            "floor_ratio": round(self.floor_ratio, 2),
            "cpu_ms": round(self.cpu_ms, 2),
            "cpu_ratio": round(self.cpu_ratio, 2),
        }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def measure_all(
    pages: list[tuple[str, Client, str]], repeat: int, alias: str = "default"
) -> list[Result]:
    """Time (label, client, url) pages in rounds, every page once per round.

    Interleaved, a change in the machine's load (other processes) falls on every
    page alike, so ratios to the floor hold even when absolute times drift.
    """
    for _, client, url in pages:
        client.get(url, secure=True)  # warm caches, compile templates
    timings: list[list[float]] = [[] for _ in pages]
    cpu: list[list[float]] = [[] for _ in pages]
    for _ in range(repeat):
        for index, (_, client, url) in enumerate(pages):
            started, cpu_started = time.perf_counter(), time.process_time()
            client.get(url, secure=True)
            timings[index].append((time.perf_counter() - started) * 1000)
            cpu[index].append((time.process_time() - cpu_started) * 1000)
    results = []
    for index, (label, client, url) in enumerate(pages):
        with CaptureQueriesContext(connections[alias]) as captured:
            response = client.get(url, secure=True)
        results.append(
            Result(
                page=label,
                median_ms=statistics.median(timings[index]),
                p95_ms=percentile(timings[index], 0.95),
                queries=len(captured),
                status=response.status_code,
                cpu_ms=statistics.median(cpu[index]),
            )
        )
    return results


FLOOR = "signed-in floor"


def _ratios(result: Result, floor: Result) -> None:
    result.floor_ratio = result.median_ms / floor.median_ms if floor.median_ms else 0.0
    result.cpu_ratio = result.cpu_ms / floor.cpu_ms if floor.cpu_ms else 0.0


def run_pages(
    built: Built,
    repeat: int,
    log: Callable[[str], None] = print,
    only: list[str] | None = None,
) -> list[Result]:
    # A broken page answers 500 and is reported, rather than stopping the run.
    clients = {
        "facilitator": Client(raise_request_exception=False),
        "coleader": Client(raise_request_exception=False),
    }
    clients["facilitator"].force_login(built.facilitator)
    clients["coleader"].force_login(built.coleader)

    # The floor is the signed-in base layout (session, user, unread count, base
    # template): every page costs at least that. healthz (no session, no template)
    # is kept as a row for scale.
    pages = [
        (FLOOR, clients["facilitator"], reverse("floor")),
        ("healthz", Client(), reverse("healthz")),
    ]
    skipped = []
    for spec in PAGES:
        if only and not any(word.lower() in spec.label.lower() for word in only):
            continue
        args = spec.args(built)
        if any(a is None for a in args):
            skipped.append(f"{spec.label}: no data (its app is not installed)")
            continue
        try:
            url = reverse(spec.url_name, args=args)
        except NoReverseMatch:
            skipped.append(f"{spec.label}: no URL named {spec.url_name}")
            continue
        if spec.query:
            url = f"{url}?{spec.query}"
        pages.append((spec.label, clients[spec.persona], url))
    results = measure_all(pages, repeat)
    floor = results[0]
    for result, (_, _, url) in zip(results, pages, strict=True):
        if result.status != 200:
            log(f"  note: {result.page} ({url}) answered {result.status}")
        _ratios(result, floor)
    for note in skipped:
        log(f"  skipped {note}")
    return results


def table(results: list[Result]) -> str:
    width = max(len(r.page) for r in results)
    lines = [
        f"{'page':<{width}}  {'median_ms':>9}  {'p95_ms':>8}  {'queries':>7}  {'floor_ratio':>11}"
        f"  {'cpu_ms':>7}  {'cpu_ratio':>9}"
    ]
    for r in results:
        lines.append(
            f"{r.page:<{width}}  {r.median_ms:>9.2f}  {r.p95_ms:>8.2f}  {r.queries:>7}  "
            f"{r.floor_ratio:>11.1f}  {r.cpu_ms:>7.2f}  {r.cpu_ratio:>9.1f}"
        )
    return "\n".join(lines)


@contextmanager
def measuring_settings():
    """Production-like request handling, but reachable from the in-process Client."""
    storages = {**settings.STORAGES}
    # The manifest storage needs collectstatic; the page work is the same without it.
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    try:
        settings.SECRET_KEY  # noqa: B018  # reading an empty key raises
        throwaway_key = False
    except ImproperlyConfigured:
        # Run as documented, with no DJANGO_SECRET_KEY: sessions in the bench's own
        # throwaway database need a key, so use one made for this run only (set
        # directly: override_settings would read the empty key back on exit).
        settings.SECRET_KEY = secrets.token_urlsafe(50)
        throwaway_key = True
    try:
        with override_settings(
            DEBUG=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
            STORAGES=storages,
            AXES_ENABLED=False,
        ):
            yield
    finally:
        if throwaway_key:
            settings.SECRET_KEY = ""


# The case study's PDF for the largest project must build within this (issue 9).
REPORT_BUDGET_S = 30.0


def time_report_build(floor_ms: float, log: Callable[[str], None] = print) -> Result | None:
    """Build the case study of the project with the most clusters as the build task
    does (every section, then the PDF; filing it in the archive is left out so the
    bench writes no files), timed once, with its queries."""
    from django.db.models import Count

    from enquiries.models import Project
    from reports.pdf import render_pdf, render_sections
    from reports.sections import collect_sections

    project = (
        Project.objects.select_related("la", "initiative")
        .annotate(clusters=Count("cluster_participations"))
        .order_by("-clusters", "pk")
        .first()
    )
    if project is None:
        return None
    started = time.perf_counter()
    with CaptureQueriesContext(connections["default"]) as captured:
        sections = collect_sections(project)
    pdf = render_pdf(project, render_sections(project, sections))
    seconds = time.perf_counter() - started
    verdict = "within" if seconds <= REPORT_BUDGET_S else "OVER"
    log(
        f"  case-study PDF of {project.la.name} ({project.clusters} clusters): "
        f"{seconds:.1f} s, {len(pdf) // 1024} KB, {verdict} the {REPORT_BUDGET_S:.0f} s budget"
    )
    ms = seconds * 1000
    return Result(
        page="case-study PDF build (largest project)",
        median_ms=ms,
        p95_ms=ms,
        queries=len(captured),
        floor_ratio=ms / floor_ms if floor_ms else 0.0,
    )


def run(
    scale: float = 1.0,
    repeat: int = 30,
    log: Callable[[str], None] = print,
    *,
    keep: bool = False,
    reuse: bool = False,
    only: list[str] | None = None,
) -> list[Result]:
    with bench_database(keep=keep, reuse=reuse) as name:
        log(f"Benchmark database: {name}" + (" (kept)" if keep or reuse else ""))
        if reuse:
            built = load_built(name)
            log("Reusing the data built by --keep: " + ", ".join(
                f"{n:,} {what}" for what, n in built.counts.items()
            ))  # fmt: skip
        else:
            built = build(scale, log=log)
            if keep:
                save_built(built, name)
        with measuring_settings():
            results = run_pages(built, repeat, log=log, only=only)
            if not only:
                report = time_report_build(results[0].median_ms, log=log)
                if report is not None:
                    results.append(report)
    return results
