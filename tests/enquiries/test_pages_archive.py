"""The research archive pages: the archive by category, adding items and categories,
an item's history, new versions, and downloads (attachments, permission-checked)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enquiries import services
from enquiries.models import ArchiveFileVersion, ArchiveItem
from tests.enquiries.logs_world import *  # noqa: F403
from tests.files import HTML, PDF, docx

pytestmark = pytest.mark.django_db


def archive_url(w, **query):
    url = reverse("enquiries:archive", args=[w.project.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def add(w, n=0, actor=None, category="planning-documents"):
    return services.archive_add_version(
        actor=actor or w.coleader,
        project=w.project,
        category_slug=category,
        title=f"Document {n}",
        filename=f"doc-{n}.pdf",
        content=PDF,
    )


def pdf(name="plan.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize("rows", [1, 10])
def test_the_archive_lists_items_in_constant_queries(
    client, essex, rows, django_assert_num_queries
):
    for n in range(rows):
        add(essex, n)
    client.force_login(essex.member)
    # session, user, project, roles, facilitations (scope), notification count;
    # categories with their counts; the items' count and page (category, cluster,
    # uploader and latest version joined); the projects the person's clusters work in
    # (may they add to it?)
    with django_assert_num_queries(10):
        response = client.get(archive_url(essex, category="planning-documents"))
    body = response.content.decode()
    assert body.count("doc-") == rows
    assert f"Planning documents ({rows})" in body


def test_a_new_project_starts_with_the_default_categories(client, essex):
    """project_create seeds them when the project is set up (the fixture's projects are
    factory-made, so it seeds them itself); reading the archive writes nothing."""
    client.force_login(essex.member)
    body = client.get(archive_url(essex)).content.decode()
    for name in ("Planning documents", "Surgery notes", "Audio-visual records", "Case studies"):
        assert name in body


@pytest.mark.parametrize("versions", [1, 10])
def test_an_item_shows_its_history_in_constant_queries(
    client, essex, versions, django_assert_num_queries
):
    for _ in range(versions):
        version = add(essex)
    client.force_login(essex.member)
    # session, user, the item (project, category, cluster, uploader, latest version
    # joined), roles, facilitations, notification count, its versions (uploaders); the
    # projects the person's clusters work in (may they add a version?)
    with django_assert_num_queries(8):
        response = client.get(reverse("enquiries:archive_item", args=[version.item_id]))
    assert response.content.decode().count("Download doc-0.pdf") == versions


def test_a_cluster_lead_adds_an_item_and_a_co_leader_a_new_version(client, essex, uploads_dir):
    services.archive_categories_seed(project=essex.project)
    category = essex.project.archive_categories.get(slug="planning-documents")
    client.force_login(essex.lead)
    response = client.post(
        reverse("enquiries:archive_item_create", args=[essex.project.pk]),
        {
            "category": category.pk,
            "title": "Harlow plan",
            "cluster": essex.cluster.pk,
            "file": pdf(),
        },
    )
    item = ArchiveItem.objects.get()
    assert response["Location"] == item.get_absolute_url()
    client.force_login(essex.coleader)
    response = client.post(
        reverse("enquiries:archive_version_create", args=[item.pk]),
        {"file": SimpleUploadedFile("plan.docx", docx()), "note": "Agreed at the surgery"},
    )
    assert response.status_code == 302
    assert [v.filename for v in item.versions.all()] == ["plan.docx", "plan.pdf"]
    assert len(uploads_dir()) == 2
    body = client.get(item.get_absolute_url()).content.decode()
    assert "Agreed at the surgery" in body and "Download plan.pdf" in body


def test_any_version_downloads_as_an_attachment_with_nosniff(client, essex):
    first = add(essex)
    add(essex)
    client.force_login(essex.contact)
    response = client.get(reverse("enquiries:archive_download", args=[first.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="doc-0.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_outsiders_get_404_for_downloads_and_items(client, essex):
    version = add(essex)
    client.force_login(essex.outsider)
    assert client.get(reverse("enquiries:archive_download", args=[version.pk])).status_code == 404
    assert client.get(version.item.get_absolute_url()).status_code == 404
    assert client.get(reverse("enquiries:archive_download", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "upload, message",
    [
        (pdf("notes.pdf", HTML), "notes.pdf does not contain what its name says"),
        (pdf("page.html", HTML), "page.html is not a type of file we take"),
    ],
)
def test_bad_files_are_refused_with_a_message_and_nothing_is_stored(
    client, essex, uploads_dir, upload, message
):
    services.archive_categories_seed(project=essex.project)
    category = essex.project.archive_categories.first()
    client.force_login(essex.lead)
    response = client.post(
        reverse("enquiries:archive_item_create", args=[essex.project.pk]),
        {"category": category.pk, "title": "Notes", "file": upload},
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not ArchiveFileVersion.objects.exists() and uploads_dir() == []


def test_an_oversize_file_is_refused(client, essex, uploads_dir, settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "document": 1}
    version = add(essex)
    client.force_login(essex.coleader)
    response = client.post(
        reverse("enquiries:archive_version_create", args=[version.item_id]),
        {"file": pdf("big.pdf", PDF + b"0" * 1024 * 1024)},
    )
    assert "a document can be at most 1 MB" in response.content.decode()
    assert ArchiveFileVersion.objects.count() == 1


def test_a_forged_category_is_a_form_error(client, essex):
    services.archive_categories_seed(project=essex.project)
    services.archive_categories_seed(project=essex.other_project)
    foreign = essex.other_project.archive_categories.first()
    client.force_login(essex.coleader)
    response = client.post(
        reverse("enquiries:archive_item_create", args=[essex.project.pk]),
        {"category": foreign.pk, "title": "Notes", "file": pdf()},
    )
    assert response.status_code == 200 and not ArchiveItem.objects.exists()


def test_co_leaders_add_a_category(client, essex):
    client.force_login(essex.coleader)
    url = reverse("enquiries:archive_category_create", args=[essex.project.pk])
    assert client.post(url, {"name": "Conference materials"}).status_code == 302
    assert "Conference materials" in client.get(archive_url(essex)).content.decode()


def test_home_lists_recent_archive_additions(client, essex):
    add(essex)
    client.force_login(essex.member)
    body = client.get(reverse("home")).content.decode()
    assert "New in your projects" in body and "Document 0" in body
