"""Evidence and key drivers for one project: the evidence list (and its exports),
adding evidence from a source, the codebook, baselines and reviews side by side,
and the key-driver page (heat table, drivers, driver diagram)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_http_methods

from enquiries.models import ArchiveItem, ClusterParticipation, FeedbackResponse, LogEntry
from meetings.models import MeetingNotes
from networks.csv_export import csv_response
from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster
from networks.scope import scope_for

from . import driver_diagram, refi_qda, rules, selectors, services, sources
from .access import (
    get_baseline_for_user,
    get_code_for_user,
    get_driver_for_user,
    get_project_for_user,
)
from .forms import BaselineForm, CodeForm, DriverForm, EvidenceForm, MemoForm, ReviewForm
from .models import MAX_KEY_DRIVERS, Code, SourceKind
from .selectors import heat_level

# The sub-navigation of a project's evidence pages: (section, URL name, label).
SECTIONS = (
    ("evidence", "evidence:evidence_list", "Evidence"),
    ("codebook", "evidence:codebook", "Codebook"),
    ("baselines", "evidence:baselines", "Baselines and progress"),
    ("drivers", "evidence:key_drivers", "Key drivers"),
)
DRIVER_EVIDENCE_LIMIT = 300


def _paginate(request: HttpRequest, queryset) -> Page:
    return Paginator(queryset, settings.PAGE_SIZE).get_page(request.GET.get("page"))


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _context(user, project, section: str, **extra) -> dict:
    return {
        "project": project,
        "section": section,
        "sections": SECTIONS,
        "can_code": rules.codes_project(user, project),
        "can_contribute": rules.contributes_to(user, project),
        "can_baseline": rules.writes_any_baseline(user, project),
        "can_name_drivers": rules.names_drivers(user, project),
        **extra,
    }


def _save_or_show(request, form, save, *, done, template: str, context: dict):
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except services.EvidenceError as error:
            form.add_error(None, str(error))
        else:
            message, url = done(obj)
            messages.success(request, message)
            return redirect(url)
    return render(request, template, {"form": form, **context})


# --- Evidence -------------------------------------------------------------------------


@require_GET
@login_required
def evidence_list(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project's evidence the person may read; `?code=` and `?cluster=` narrow it."""
    project = get_project_for_user(request.user, pk)
    items = selectors.evidence_for(request.user, project)
    codes = selectors.codable_codes(project)
    clusters = selectors.project_clusters(project)
    code = next((c for c in codes if str(c.pk) == request.GET.get("code")), None)
    cluster = next((c for c in clusters if str(c.pk) == request.GET.get("cluster")), None)
    if code is not None:
        items = items.filter(codes=code)
    if cluster is not None:
        items = items.filter(cluster=cluster)
    context = _context(
        request.user,
        project,
        "evidence",
        page_obj=_paginate(request, items),
        codes=codes,
        clusters=clusters,
        code=code,
        cluster=cluster,
    )
    return render(request, "evidence/evidence_list.html", context)


def _source_label(item) -> str:
    return sources.title_of(item.kind, item.source)


@require_GET
@login_required
def evidence_csv(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    rows = (
        (
            item.created_at.date(),
            item.get_kind_display(),
            _source_label(item),
            item.cluster.name if item.cluster else "",
            item.quote,
            "; ".join(code.name for code in item.codes.all()),
            item.note,
            item.created_by.name if item.created_by else "",
        )
        for item in selectors.evidence_for(request.user, project).iterator(chunk_size=500)
    )
    header = ["Added", "Kind", "Source", "Cluster", "Quoted passage", "Codes", "Note", "Added by"]
    return csv_response(f"{project.title} evidence", header, rows)


SOURCE_LISTS = {
    SourceKind.LOG_ENTRY: "Reflective log entries",
    SourceKind.MEETING_NOTES: "Meeting notes",
    SourceKind.FEEDBACK_RESPONSE: "Feedback-loop responses",
    SourceKind.ARCHIVE_ITEM: "Research archive items",
}


@require_GET
@login_required
def evidence_sources(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Choose what to code: the project's log entries the person may read, the notes
    of its meetings they may read (the current version; not drafts, which still
    change), its clusters' answers to feedback loops, or its archive items
    (`?kind=`)."""
    project = get_project_for_user(request.user, pk, action="contribute")
    kind = request.GET.get("kind", SourceKind.LOG_ENTRY)
    if kind not in SourceKind.values:
        kind = SourceKind.LOG_ENTRY
    found: QuerySet
    if kind == SourceKind.LOG_ENTRY:
        found = (
            LogEntry.objects.visible_to(request.user)
            .filter(project=project)
            .select_related("author", "cluster")
            .order_by("-created_at", "-pk")
        )
    elif kind == SourceKind.MEETING_NOTES:
        found = (
            sources.notes_versions(request.user)
            .filter(notes__meeting__project=project, number=F("notes__version"))
            .exclude(notes__state=MeetingNotes.State.DRAFT)
            .select_related("notes__meeting")
            .order_by("-notes__meeting__starts_at", "-pk")
        )
    elif kind == SourceKind.FEEDBACK_RESPONSE:
        found = (
            FeedbackResponse.objects.filter(loop__project=project, submitted_at__isnull=False)
            .select_related("loop", "cluster_participation__cluster")
            .order_by("-submitted_at", "-pk")
        )
    else:
        found = (
            ArchiveItem.objects.filter(project=project)
            .select_related("category", "cluster")
            .order_by("-updated_at", "-pk")
        )
    context = _context(
        request.user,
        project,
        "evidence",
        kind=kind,
        kinds=list(SOURCE_LISTS.items()),
        page_obj=_paginate(request, found),
    )
    return render(request, "evidence/evidence_sources.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def evidence_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Code one source (`?kind=&source=`), or a passage of it."""
    user = request.user
    project = get_project_for_user(user, pk, action="contribute")
    # The source is named in the query string (the form posts back to it), or posted.
    params = request.GET if "source" in request.GET else request.POST
    kind = params.get("kind", "")
    source = sources.load_source(user, project, kind, params.get("source", ""))
    if source is None:
        messages.error(request, "Choose a source from this project that you can read.")
        return redirect("evidence:evidence_sources", project.pk)
    reason = sources.not_ready(kind, source)
    if reason:
        messages.error(request, reason)
        return redirect(f"{reverse('evidence:evidence_sources', args=[project.pk])}?kind={kind}")
    source_cluster_id = sources.cluster_id_of(kind, source)
    codes_all = rules.codes_project(user, project)
    if source_cluster_id is not None and not rules.may_add_evidence(
        user, project, source_cluster_id
    ):
        messages.error(request, "You add evidence about your own cluster's work only.")
        return redirect("evidence:evidence_sources", project.pk)
    clusters = None
    if source_cluster_id is None:
        clusters = Cluster.objects.filter(participations__project=project).order_by("name")
        if not codes_all:
            # A cluster lead's evidence is about their own cluster: they choose which.
            clusters = clusters.filter(pk__in=scope_for(user).lead_cluster_ids)
    codes = Code.objects.filter(pk__in=[c.pk for c in selectors.codable_codes(project)]).order_by(
        "project_id", "group_rank", "position", "name"
    )
    form = EvidenceForm(
        _posted(request), codes=codes, clusters=clusters, cluster_optional=codes_all
    )
    return _save_or_show(
        request,
        form,
        lambda form: services.evidence_add(
            actor=user,
            project=project,
            kind=kind,
            source=source,
            codes=form.cleaned_data["codes"],
            quote=form.cleaned_data["quote"],
            note=form.cleaned_data["note"],
            cluster=form.cleaned_data.get("cluster"),
        ),
        done=lambda item: (
            "The evidence is coded.",
            reverse("evidence:evidence_list", args=[project.pk]),
        ),
        template="evidence/evidence_form.html",
        context=_context(
            user,
            project,
            "evidence",
            kind=kind,
            source=source,
            source_title=sources.title_of(kind, source),
            source_text=sources.text_of(kind, source),
        ),
    )


# --- Codebook -------------------------------------------------------------------------


@require_GET
@login_required
def codebook(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk)
    context = _context(request.user, project, "codebook", tree=selectors.codebook(project))
    return render(request, "evidence/codebook.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def code_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    project = get_project_for_user(user, pk, action="code")
    form = CodeForm(_posted(request), parents=Code.objects.for_project(project))
    return _save_or_show(
        request,
        form,
        lambda form: services.code_create(actor=user, project=project, **form.cleaned_data),
        done=lambda code: (
            f"The code “{code.name}” is added.",
            reverse("evidence:codebook", args=[project.pk]),
        ),
        template="evidence/code_form.html",
        context=_context(user, project, "codebook"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def code_memo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    code = get_code_for_user(user, pk, action="memo")
    project = code.project
    assert project is not None  # the shared codes have no memo page (access.py)
    form = MemoForm(_posted(request), initial={"memo": code.memo})
    return _save_or_show(
        request,
        form,
        lambda form: services.code_memo_update(
            actor=user, code=code, memo=form.cleaned_data["memo"]
        ),
        done=lambda code: (
            f"The memo of “{code.name}” is saved.",
            reverse("evidence:codebook", args=[project.pk]),
        ),
        template="evidence/code_memo.html",
        context=_context(user, project, "codebook", code=code),
    )


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
@login_required
def codebook_qdc(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The codebook as a REFI-QDA codebook file (.qdc)."""
    project = get_project_for_user(request.user, pk)
    codes = [code for code, _depth in selectors.codebook(project)]
    return _download(
        refi_qda.codebook_qdc(codes),
        f"{slugify(project.title) or 'project'}-codebook.qdc",
        "application/xml",
    )


@require_GET
@login_required
def evidence_qdpx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The coded evidence the person may read as a REFI-QDA project (.qdpx)."""
    project = get_project_for_user(request.user, pk)
    items = list(
        selectors.evidence_for(request.user, project).prefetch_related(
            "feedback_response__answers__prompt"
        )
    )
    codes = [code for code, _depth in selectors.codebook(project)]
    return _download(
        refi_qda.project_qdpx(project, items, codes),
        f"{slugify(project.title) or 'project'}-evidence.qdpx",
        "application/zip",
    )


# --- Baselines and progress -------------------------------------------------------------


@require_GET
@login_required
def baselines(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Each cluster's baselines with their progress reviews beside them."""
    user = request.user
    project = get_project_for_user(user, pk)
    rows = selectors.baselines_by_cluster(project)
    for row in rows:
        row.can_write = rules.writes_baseline(user, row.participation)  # type: ignore[attr-defined]
    context = _context(user, project, "baselines", rows=rows)
    return render(request, "evidence/baselines.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def baseline_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    project = get_project_for_user(user, pk, action="baseline")
    participations = (
        ClusterParticipation.objects.filter(project=project)
        .select_related("cluster", "project")
        .order_by("cluster__name")
    )
    if not rules.codes_project(user, project):
        participations = participations.filter(cluster_id__in=scope_for(user).lead_cluster_ids)
    form = BaselineForm(_posted(request), participations=participations)
    return _save_or_show(
        request,
        form,
        lambda form: services.baseline_record(
            actor=user,
            participation=form.cleaned_data["cluster_participation"],
            aspect=form.cleaned_data["aspect"],
            narrative=form.cleaned_data["narrative"],
            rating_value=form.cleaned_data["rating"],
            described_on=form.cleaned_data["described_on"],
        ),
        done=lambda baseline: (
            "The baseline is recorded.",
            reverse("evidence:baselines", args=[project.pk]),
        ),
        template="evidence/baseline_form.html",
        context=_context(user, project, "baselines"),
    )


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    baseline = get_baseline_for_user(user, pk, action="review")
    project = baseline.project
    form = ReviewForm(_posted(request))
    return _save_or_show(
        request,
        form,
        lambda form: services.progress_review_record(
            actor=user,
            baseline=baseline,
            narrative=form.cleaned_data["narrative"],
            rating_value=form.cleaned_data["rating"],
            reviewed_on=form.cleaned_data["reviewed_on"],
        ),
        done=lambda review: (
            "The progress review is recorded.",
            reverse("evidence:baselines", args=[project.pk]),
        ),
        template="evidence/review_form.html",
        context=_context(user, project, "baselines", baseline=baseline),
    )


# --- Key drivers --------------------------------------------------------------------------


def heat_cells(counts: list[int], highest: int) -> SafeString:
    """A heat-table row's count cells as HTML. Built here, not by a template loop: a
    national project has thousands of cells, and the loop was most of the page's
    time. Only integers and fixed class names go in, so nothing needs escaping."""
    return mark_safe(  # noqa: S308  # integers and literals only
        "".join(
            '<td class="govuk-table__cell govuk-table__cell--numeric app-heat '
            f'app-heat--{heat_level(count, highest)}">{int(count) or "–"}</td>'
            for count in counts
        )
    )


@require_GET
@login_required
def key_drivers(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The heat table, the key drivers with their evidence, and the driver diagram."""
    user = request.user
    project = get_project_for_user(user, pk)
    table = selectors.heat_table(user, project)
    drivers = selectors.key_drivers(user, project)
    aim = selectors.aim_of(project)
    diagram = driver_diagram.layout(
        aim, [(row.driver.title, [idea.text for idea in row.change_ideas]) for row in drivers]
    )
    heat_rows = [(row, heat_cells(row.counts, table.highest)) for row in table.rows]
    context = _context(
        user,
        project,
        "drivers",
        table=table,
        heat_rows=heat_rows,
        drivers=drivers,
        aim=aim,
        diagram=diagram,
        max_drivers=MAX_KEY_DRIVERS,
        room_for_more=len(drivers) < MAX_KEY_DRIVERS,
    )
    return render(request, "evidence/key_drivers.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def key_driver_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    project = get_project_for_user(user, pk, action="drivers")
    evidence = selectors.evidence_for(user, project)
    limited = evidence.filter(
        pk__in=list(evidence.values_list("pk", flat=True)[:DRIVER_EVIDENCE_LIMIT])
    )
    codes = Code.objects.filter(pk__in=[c.pk for c in selectors.codable_codes(project)]).order_by(
        "project_id", "group_rank", "position", "name"
    )
    form = DriverForm(_posted(request), codes=codes, evidence=limited)
    return _save_or_show(
        request,
        form,
        lambda form: services.key_driver_name(actor=user, project=project, **form.cleaned_data),
        done=lambda driver: (
            f"“{driver.title}” is named as a key driver.",
            reverse("evidence:key_drivers", args=[project.pk]),
        ),
        template="evidence/key_driver_form.html",
        context=_context(user, project, "drivers", max_drivers=MAX_KEY_DRIVERS),
    )


@require_http_methods(["GET", "POST"])
@login_required
def key_driver_remove(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    user = request.user
    driver = get_driver_for_user(user, pk, action="remove")
    project = driver.project
    if request.method == "POST":
        services.key_driver_remove(actor=user, driver=driver)
        messages.success(request, f"“{driver.title}” is no longer a key driver.")
        return redirect("evidence:key_drivers", project.pk)
    return render(
        request,
        "evidence/key_driver_remove.html",
        _context(user, project, "drivers", driver=driver),
    )
