"""A file kept in the uploads storage: what archive file versions and log attachments share.

The row holds the storage key (random, never the uploader's file name), the name to
give the file when it is downloaded, and what the content was checked to be
(enquiries/uploads.py). The file itself lives in the "uploads" storage
(settings.STORAGES): a folder by default, an S3-compatible bucket by settings alone.
"""

from __future__ import annotations

from django.db import models


class FileKind(models.TextChoices):
    DOCUMENT = "document", "Document"
    IMAGE = "image", "Image"
    AUDIO = "audio", "Audio"
    VIDEO = "video", "Video"


class StoredFile(models.Model):
    storage_key = models.CharField(max_length=200, unique=True, editable=False)
    filename = models.CharField("file name", max_length=200)
    content_type = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(help_text="In bytes")
    sha256 = models.CharField(max_length=64, editable=False)

    class Meta:
        abstract = True

    @property
    def size_label(self) -> str:
        size = float(self.size)
        for unit in ("bytes", "KB", "MB"):
            if size < 1024 or unit == "MB":
                return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
            size /= 1024
        return f"{size:.1f} MB"
