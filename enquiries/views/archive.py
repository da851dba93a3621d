"""Research archive pages: a project's archive (by category), adding an item, adding
a category, one item's history, a new version, and downloading any version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from networks.http import AuthenticatedHttpRequest
from networks.models import Cluster

from .. import selectors, services
from ..access import get_project_for_user
from ..access_logs import get_archive_item_for_user, get_archive_version_for_user
from ..forms_logs import ArchiveCategoryForm, ArchiveItemForm, ArchiveVersionForm
from ..rules import may_manage_project
from ..rules_logs import may_add_to_archive, may_add_version
from ..services import EnquiryError
from ..services.archive import item_clusters
from .base import posted
from .files import download


@require_GET
@login_required
def archive(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The project's research archive; `?category=<slug>` shows one category."""
    project = get_project_for_user(request.user, pk)
    page = selectors.archive_page(
        project, category_slug=request.GET.get("category"), page_number=request.GET.get("page")
    )
    context = {
        "project": project,
        "page": page,
        "page_obj": page.items,
        "can_add": may_add_to_archive(request.user, project),
        "can_manage": may_manage_project(request.user, project),
    }
    return render(request, "enquiries/archive.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def archive_item_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="add_to_archive")
    categories = list(project.archive_categories.order_by("position", "name"))
    clusters = list(Cluster.objects.filter(pk__in=item_clusters(request.user, project)))
    initial = {}
    chosen = next((c for c in categories if c.slug == request.GET.get("category")), None)
    if chosen is not None:
        initial["category"] = chosen.pk
    form = ArchiveItemForm(
        posted(request),
        request.FILES or None,
        categories=categories,
        clusters=clusters,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            item = services.archive_item_create(
                actor=request.user,
                project=project,
                category=data["category"],
                title=data["title"],
                description=data["description"],
                cluster=data.get("cluster"),
                filename=data["file"].name,
                content=data["file"],
                note=data["note"],
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{item.title}” is in the archive.")
            return redirect(item)
    return render(request, "enquiries/archive_item_form.html", {"form": form, "project": project})


@require_http_methods(["GET", "POST"])
@login_required
def archive_category_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_project_for_user(request.user, pk, action="manage")
    form = ArchiveCategoryForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            category = services.archive_category_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The archive has a new category, “{category.name}”.")
            return redirect("enquiries:archive", project.pk)
    return render(
        request, "enquiries/archive_category_form.html", {"form": form, "project": project}
    )


@require_GET
@login_required
def archive_item(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """One item and the history of its file: every version, each downloadable."""
    item = get_archive_item_for_user(request.user, pk)
    context = {
        "item": item,
        "project": item.project,
        "versions": selectors.item_versions(item),
        "can_add_version": may_add_version(request.user, item),
    }
    return render(request, "enquiries/archive_item.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def archive_version_create(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = get_archive_item_for_user(request.user, pk, action="add_version")
    form = ArchiveVersionForm(posted(request), request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            version = services.archive_version_add(
                actor=request.user,
                item=item,
                filename=upload.name,
                content=upload,
                note=form.cleaned_data["note"],
            )
        except EnquiryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Version {version.number} of “{item.title}” is saved.")
            return redirect(item)
    context = {"form": form, "item": item, "project": item.project}
    return render(request, "enquiries/archive_version_form.html", context)


@require_GET
@login_required
def archive_download(request: AuthenticatedHttpRequest, pk: int):
    return download(get_archive_version_for_user(request.user, pk))
