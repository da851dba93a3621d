"""Answering a download: the only way an uploaded file leaves storage."""

from __future__ import annotations

import logging

from django.http import FileResponse, Http404

from ..models import StoredFile
from ..uploads import upload_storage

log = logging.getLogger(__name__)


def download(stored: StoredFile) -> FileResponse:
    """The file as an attachment (never shown in the page's origin), of the type it
    was checked to be, which the browser must not second-guess."""
    try:
        handle = upload_storage().open(stored.storage_key, "rb")
    except (FileNotFoundError, OSError) as error:
        log.error("Stored file %s is missing: %s", stored.storage_key, error)
        raise Http404("No such file") from None
    response = FileResponse(
        handle, as_attachment=True, filename=stored.filename, content_type=stored.content_type
    )
    response["Content-Length"] = str(stored.size)
    response["X-Content-Type-Options"] = "nosniff"
    # Were it ever opened in place, it could run nothing and reach nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
