"""The research archive's services: categories, items, versions, and the door other
parts of the product use; each checks permission, and nothing is half-stored."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages

from enquiries import services
from enquiries.models import ArchiveCategory, ArchiveFileVersion, ArchiveItem
from enquiries.services import EnquiryError
from networks.models import AuditEntry
from tests.enquiries.logs_world import *  # noqa: F403
from tests.factories import ProjectFactory
from tests.files import HTML, PDF, docx

pytestmark = pytest.mark.django_db


def plan(w, actor=None, **extra):
    services.archive_categories_seed(project=w.project)
    return services.archive_item_create(
        actor=actor or w.lead,
        project=w.project,
        category=w.project.archive_categories.get(slug="planning-documents"),
        title="Harlow cluster plan",
        filename="plan.pdf",
        content=PDF,
        **extra,
    )


def test_it_seeds_the_default_categories_once(essex):
    project = ProjectFactory(initiative=essex.initiative)  # made without the services
    assert services.archive_categories_seed(project=project) == 7
    assert services.archive_categories_seed(project=project) == 0
    assert list(project.archive_categories.values_list("slug", flat=True)) == [
        "planning-documents",
        "enquiry-plans",
        "surgery-notes",
        "reflective-logs",
        "audio-visual-records",
        "evidence",
        "case-studies",
    ]
    seeded = AuditEntry.objects.filter(action="enquiries.archive_category.seeded")
    assert seeded.filter(object_id=str(project.pk)).count() == 1


def test_co_leaders_add_categories_and_others_may_not(essex):
    category = services.archive_category_create(
        actor=essex.coleader, project=essex.project, name="Conference  materials"
    )
    assert (category.slug, category.name) == ("conference-materials", "Conference materials")
    with pytest.raises(EnquiryError, match="already has a category"):
        services.archive_category_create(
            actor=essex.coleader, project=essex.project, name="Conference materials"
        )
    with pytest.raises(PermissionDenied):
        services.archive_category_create(actor=essex.lead, project=essex.project, name="Mine")


def test_a_new_version_keeps_the_old_ones(essex, uploads_dir):
    item = plan(essex, cluster=essex.cluster)
    second = services.archive_version_add(
        actor=essex.coleader, item=item, filename="plan v2.docx", content=docx(), note="Final"
    )
    item.refresh_from_db()
    assert item.current_version == second and second.number == 2
    assert [v.number for v in item.versions.all()] == [2, 1]
    assert len(uploads_dir()) == 2
    storage = storages["uploads"]
    assert storage.open(item.versions.get(number=1).storage_key).read() == PDF


def test_who_may_add_a_version(essex, uploads_dir):
    item = plan(essex, cluster=essex.cluster)
    for person in (essex.lead, essex.coleader, essex.national):  # uploader, managers
        services.archive_version_add(actor=person, item=item, filename="v.pdf", content=PDF)
    for person in (essex.member, essex.officer, essex.outsider, essex.braintree_lead):
        with pytest.raises(PermissionDenied):
            services.archive_version_add(actor=person, item=item, filename="v.pdf", content=PDF)


def test_items_go_only_under_ones_own_cluster(essex, uploads_dir):
    services.archive_categories_seed(project=essex.project)
    with pytest.raises(EnquiryError, match="one of your clusters"):
        plan(essex, actor=essex.officer, cluster=essex.cluster)
    assert plan(essex, actor=essex.lead, cluster=essex.cluster).cluster == essex.cluster
    assert plan(essex, actor=essex.coleader, cluster=essex.cluster).cluster == essex.cluster


def test_outsiders_and_the_projects_readers_who_take_no_part_add_nothing(essex, uploads_dir):
    with pytest.raises(PermissionDenied):
        plan(essex, actor=essex.outsider)
    assert not ArchiveItem.objects.exists() and uploads_dir() == []


def test_a_renamed_file_is_refused_and_nothing_is_stored(essex, uploads_dir):
    services.archive_categories_seed(project=essex.project)
    with pytest.raises(EnquiryError, match="not a real PDF"):
        services.archive_item_create(
            actor=essex.lead,
            project=essex.project,
            category=essex.project.archive_categories.first(),
            title="Sneaky",
            filename="sneaky.pdf",
            content=HTML,
        )
    assert not ArchiveItem.objects.exists() and uploads_dir() == []


def test_nothing_is_half_stored_when_the_database_write_fails(essex, uploads_dir, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr("enquiries.services.archive.audit", broken)
    with pytest.raises(RuntimeError):
        plan(essex)
    assert not ArchiveItem.objects.exists() and not ArchiveFileVersion.objects.exists()
    assert uploads_dir() == []


def test_nothing_is_half_stored_when_the_file_write_fails(essex, uploads_dir, monkeypatch):
    def broken(self, name, content, max_length=None):
        raise OSError("disk full")

    monkeypatch.setattr("django.core.files.storage.FileSystemStorage.save", broken)
    with pytest.raises(OSError, match="disk full"):
        plan(essex)
    assert not ArchiveItem.objects.exists() and not ArchiveFileVersion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="enquiries.archive_item").exists()


def test_a_file_written_before_a_failed_commit_is_removed(essex, uploads_dir, monkeypatch):
    """The last moment to fail: after the file is written, as the transaction ends."""
    from enquiries import uploads

    real = uploads.stored

    def then_fail(files):
        with real(files):
            yield
        raise RuntimeError("commit failed")

    import contextlib

    monkeypatch.setattr("enquiries.services.archive.stored", contextlib.contextmanager(then_fail))
    with pytest.raises(RuntimeError, match="commit failed"):
        plan(essex)
    assert not ArchiveItem.objects.exists() and uploads_dir() == []


def test_other_parts_of_the_product_put_files_in_through_one_service(essex, uploads_dir):
    first = services.archive_add_version(
        actor=essex.coleader,
        project=essex.project,
        category_slug="surgery-notes",
        title="Surgery notes: Harlow",
        filename="notes.pdf",
        content=PDF,
    )
    again = services.archive_add_version(
        actor=essex.coleader,
        project=essex.project,
        category_slug="surgery-notes",
        title="Surgery notes: Harlow",
        filename="notes-checked.pdf",
        content=PDF,
        note="Checked by the cluster",
    )
    assert (first.number, again.number) == (1, 2) and first.item_id == again.item_id
    assert ArchiveCategory.objects.filter(project=essex.project).count() == 7
    with pytest.raises(EnquiryError, match="no category"):
        services.archive_add_version(
            actor=essex.coleader,
            project=essex.project,
            category_slug="gossip",
            title="x",
            filename="x.pdf",
            content=PDF,
        )
