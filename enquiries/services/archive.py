"""The research archive: categories, items, and file versions (a new upload keeps the
old ones). `archive_add_version` is the door other parts of the product use to put
a file in the archive (circulated surgery notes, the case-study report).

Services that keep files run their own transaction: the rows are written first,
then the file (enquiries/uploads.stored), and a failure anywhere deletes the file
again, so nothing is ever half-stored.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from networks.audit import audit
from networks.models import User
from networks.scope import scope_for
from networks.validators import refuse_control_characters

from .. import rules_logs
from ..longtext import refuse_control_characters_in_text
from ..models import (
    DEFAULT_ARCHIVE_CATEGORIES,
    ArchiveCategory,
    ArchiveFileVersion,
    ArchiveItem,
    Project,
)
from ..uploads import CheckedFile, delete_quietly, new_key, stored
from ._common import EnquiryError
from .logs import check_files


def archive_categories_seed(*, project: Project, actor=None) -> int:
    """Give the project the default categories it lacks (project_create calls it when
    a project is set up; migration 0006 gave older projects theirs; a reading page
    never writes). Returns how many were added; a second call adds none.

    One read when they are all there (every later visit), without opening a
    transaction; the writes, when there are any, are atomic with their audit entry.
    """
    have = set(project.archive_categories.values_list("slug", flat=True))
    if {slug for slug, _, _ in DEFAULT_ARCHIVE_CATEGORIES} <= have:
        return 0
    return _seed_categories(project, have, actor)


@transaction.atomic
def _seed_categories(project: Project, have: set[str], actor) -> int:
    missing = [
        ArchiveCategory(project=project, slug=slug, name=name, description=text, position=n)
        for n, (slug, name, text) in enumerate(DEFAULT_ARCHIVE_CATEGORIES, start=1)
        if slug not in have
    ]
    if not missing:
        return 0
    # ignore_conflicts: two first visits at once add each category once.
    ArchiveCategory.objects.bulk_create(missing, ignore_conflicts=True)
    audit(
        actor,
        "enquiries.archive_category.seeded",
        project,
        {"categories": [category.slug for category in missing]},
        la=project.la_id,
    )
    return len(missing)


def _clean_line(value: str, what: str, limit: int) -> str:
    value = " ".join(value.split()) if value else ""
    if not value:
        raise EnquiryError(f"Give the {what}.")
    if len(value) > limit:
        raise EnquiryError(f"The {what} can be at most {limit} characters.")
    try:
        refuse_control_characters(value)
    except ValidationError as error:
        raise EnquiryError(error.messages[0]) from None
    return value


def _clean_text(value: str, what: str) -> str:
    value = (value or "").strip()
    try:
        refuse_control_characters_in_text(value)
    except ValidationError as error:
        raise EnquiryError(f"The {what}: {error.messages[0]}") from None
    return value


@transaction.atomic
def archive_category_create(
    *, actor: User, project: Project, name: str, description: str = ""
) -> ArchiveCategory:
    """A category of the project's own, after the defaults (co-leaders)."""
    if not rules_logs.may_manage_project(actor, project):
        raise PermissionDenied
    name = _clean_line(name, "category's name", 100)
    slug = slugify(name)[:60]
    if not slug:
        raise EnquiryError("Give the category a name with letters or numbers in it.")
    if project.archive_categories.filter(slug=slug).exists():
        raise EnquiryError(f"The archive already has a category called “{name}”.")
    position = (project.archive_categories.aggregate(last=Max("position"))["last"] or 0) + 1
    try:
        with transaction.atomic():
            category = ArchiveCategory.objects.create(
                project=project,
                slug=slug,
                name=name,
                description=_clean_text(description, "description")[:300],
                position=position,
            )
    except IntegrityError as error:
        raise EnquiryError(f"The archive already has a category called “{name}”.") from error
    audit(
        actor,
        "enquiries.archive_category.created",
        category,
        {"project": project.pk, "name": name},
        la=project.la_id,
    )
    return category


def item_clusters(user, project: Project) -> set[int]:
    """Clusters the person may file an item under: any of the project's for its
    managers, otherwise their own clusters in it."""
    clusters = project.cluster_participations.values_list("cluster_id", flat=True)
    if not rules_logs.may_manage_project(user, project):
        clusters = clusters.filter(cluster_id__in=scope_for(user).cluster_ids)
    return set(clusters)


def _keep_version(
    *, actor: User, item: ArchiveItem, checked: CheckedFile, note: str, number: int, action: str
) -> ArchiveFileVersion:
    """Write one version of `item` (rows first, then the file), with its audit entry.
    Runs inside the caller's transaction; the caller deletes the file on failure."""
    key = new_key("archive", item.project_id)
    version = ArchiveFileVersion.objects.create(
        item=item,
        number=number,
        note=note,
        uploaded_by=actor,
        storage_key=key,
        **checked.fields(),
    )
    item.current_version = version
    item.updated_at = version.uploaded_at
    item.save(update_fields=["current_version", "updated_at"])
    audit(
        actor,
        action,
        item,
        {"version": number, "filename": checked.filename, "size": checked.size},
        la=item.project.la_id,
    )
    return version


def _with_file_cleanup(work, checked: CheckedFile):
    """Run `work(keep)` in a transaction where `keep(...)` writes a version; the file is
    written last, and deleted again if anything fails (here or in the commit)."""
    keys: list[str] = []

    def keep(**kwargs) -> ArchiveFileVersion:
        version = _keep_version(checked=checked, **kwargs)
        keys.append(version.storage_key)
        return version

    try:
        with transaction.atomic():
            result = work(keep)
            with stored([(key, checked) for key in keys]):
                pass
    except BaseException:
        delete_quietly(keys)
        raise
    return result


def archive_item_create(
    *,
    actor: User,
    project: Project,
    category: ArchiveCategory,
    title: str,
    filename: str,
    content,
    description: str = "",
    cluster=None,
    note: str = "",
    permitted: bool = False,
) -> ArchiveItem:
    """A new item in the project's archive, with its first file version.
    (`permitted`: see archive_add_version.)"""
    if not permitted and not rules_logs.may_add_to_archive(actor, project):
        raise PermissionDenied
    if category.project_id != project.pk:
        raise EnquiryError("Choose one of this archive's categories.")
    title = _clean_line(title, "title", 200)
    description = _clean_text(description, "description")
    note = _clean_line(note, "note", 300) if note.strip() else ""
    cluster_id = getattr(cluster, "pk", cluster)
    if cluster_id is not None and cluster_id not in item_clusters(actor, project):
        raise EnquiryError("Choose one of your clusters in this project.")
    (checked,) = check_files([(filename, content)])

    def work(keep) -> ArchiveItem:
        item = ArchiveItem.objects.create(
            project=project,
            category=category,
            title=title,
            description=description,
            cluster_id=cluster_id,
            uploaded_by=actor,
            updated_at=timezone.now(),
        )
        keep(actor=actor, item=item, note=note, number=1, action="enquiries.archive_item.created")
        return item

    return _with_file_cleanup(work, checked)


def archive_version_add(
    *,
    actor: User,
    item: ArchiveItem,
    filename: str,
    content,
    note: str = "",
    permitted: bool = False,
) -> ArchiveFileVersion:
    """A new version of an item's file; the earlier versions are kept.
    (`permitted`: see archive_add_version.)"""
    if not permitted and not rules_logs.may_add_version(actor, item):
        raise PermissionDenied
    note = _clean_line(note, "note", 300) if note.strip() else ""
    (checked,) = check_files([(filename, content)])

    def work(keep) -> ArchiveFileVersion:
        # Lock the item: two uploads at once get numbers one after the other.
        locked = ArchiveItem.objects.select_for_update().select_related("project").get(pk=item.pk)
        last = locked.versions.aggregate(last=Max("number"))["last"] or 0
        return keep(
            actor=actor,
            item=locked,
            note=note,
            number=last + 1,
            action="enquiries.archive_item.version_added",
        )

    return _with_file_cleanup(work, checked)


def archive_add_version(
    *,
    actor: User,
    project: Project,
    category_slug: str,
    title: str,
    filename: str,
    content,
    description: str = "",
    cluster=None,
    note: str = "",
    permitted: bool = False,
) -> ArchiveFileVersion:
    """Put a file in the project's archive from elsewhere in the product: a new version
    of the item of that title in that category, or a new item if there is none.
    `content` is bytes or a Django File; the checks are the upload page's.

    `permitted=True`: the caller has checked, by its own rule, that `actor` may file
    this (e.g. anyone who may request a case study files its new version, whoever
    uploaded the item first); the archive page's own permission checks are skipped,
    the content checks never are."""
    archive_categories_seed(project=project, actor=actor)
    category = project.archive_categories.filter(slug=category_slug).first()
    if category is None:
        raise EnquiryError(f"The archive has no category {category_slug!r}.")
    item = (
        ArchiveItem.objects.filter(project=project, category=category, title=title.strip())
        .select_related("project")
        .order_by("pk")
        .first()
    )
    if item is None:
        item = archive_item_create(
            actor=actor,
            project=project,
            category=category,
            title=title,
            filename=filename,
            content=content,
            description=description,
            cluster=cluster,
            note=note,
            permitted=permitted,
        )
        assert item.current_version is not None
        return item.current_version
    return archive_version_add(
        actor=actor, item=item, filename=filename, content=content, note=note, permitted=permitted
    )
