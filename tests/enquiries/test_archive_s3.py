"""The archive on S3-compatible object storage, chosen by settings alone: an upload
and a download through the real views, against an S3 server the test starts itself
(moto's server mode on a free port, stopped by its PID)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from enquiries.models import ArchiveFileVersion
from tests.enquiries.logs_world import *  # noqa: F403
from tests.faults.helpers import free_port, wait_for
from tests.files import HTML, PDF

pytestmark = pytest.mark.django_db

BUCKET = "enquiry-archive-test"
MOTO_SERVER = shutil.which("moto_server") or str(Path(sys.executable).parent / "moto_server")
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture
def s3_server(tmp_path):
    if not os.path.exists(MOTO_SERVER):
        pytest.skip("moto_server is not installed (pip install 'moto[server]'; CI has it)")
    port = free_port()
    with open(tmp_path / "moto.log", "wb") as log:
        process = subprocess.Popen(
            [MOTO_SERVER, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    try:
        import urllib.request

        def answers() -> bool:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1)  # noqa: S310
                return True
            except OSError:
                return False

        assert wait_for(answers, timeout=30), (tmp_path / "moto.log").read_text()
        yield url
    finally:
        os.kill(process.pid, signal.SIGTERM)
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    """The uploads storage pointed at the bucket, as config/settings.py does when
    STORAGE_BUCKET and AWS_S3_ENDPOINT_URL are set."""
    import boto3

    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-west-2")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"}
    )
    monkeypatch.setenv("STORAGE_BUCKET", BUCKET)
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", s3_server)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "eu-west-2")
    monkeypatch.setenv("AWS_S3_ADDRESSING_STYLE", "path")
    storage = settings_storage()
    settings.STORAGES = {**settings.STORAGES, "default": storage, "uploads": storage}
    return client


def settings_storage() -> dict:
    """UPLOAD_STORAGE as config/settings.py builds it from the environment now."""
    import importlib

    import config.settings

    fresh = importlib.reload(config.settings)
    try:
        return fresh.UPLOAD_STORAGE
    finally:
        importlib.reload(config.settings)


def keys(client) -> list[str]:
    listed = client.list_objects_v2(Bucket=BUCKET)
    return sorted(item["Key"] for item in listed.get("Contents", []))


def test_an_archive_file_goes_up_to_the_bucket_and_comes_back_through_the_view(
    client, essex, bucket
):
    client.force_login(essex.lead)
    assert client.get(reverse("enquiries:archive", args=[essex.project.pk])).status_code == 200
    category = essex.project.archive_categories.get(slug="planning-documents")
    response = client.post(
        reverse("enquiries:archive_item_create", args=[essex.project.pk]),
        {
            "category": category.pk,
            "title": "Harlow cluster plan",
            "file": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    version = ArchiveFileVersion.objects.get()
    assert keys(bucket) == [version.storage_key]
    stored = bucket.get_object(Bucket=BUCKET, Key=version.storage_key)["Body"].read()
    assert stored == PDF

    download = client.get(reverse("enquiries:archive_download", args=[version.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"

    # A refused upload leaves the bucket as it was; an outsider gets nothing.
    refused = client.post(
        reverse("enquiries:archive_version_create", args=[version.item_id]),
        {"file": SimpleUploadedFile("v2.pdf", HTML, content_type="application/pdf")},
    )
    assert refused.status_code == 200 and keys(bucket) == [version.storage_key]
    client.force_login(essex.outsider)
    assert client.get(reverse("enquiries:archive_download", args=[version.pk])).status_code == 404
