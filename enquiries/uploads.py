"""Checking an uploaded file before anything is stored, and storing it.

Every file is checked by **content** as well as by name: its extension must be on
the allow-list, and its first bytes (or, for office files, its zip directory) must
say it really is that kind of file, so an HTML page renamed `.pdf` is refused.
Each kind has its size limit (settings.UPLOAD_MAX_MB). Nothing is written until the
file has passed; the services write it as the last step of their transaction and
delete it again if the transaction fails (see `stored`).

Files live in the "uploads" storage (settings.STORAGES) under a random key; the
uploader's file name is kept on the row only to name the download.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import IO

import filetype
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage, storages

from networks.text import BIDI_CONTROLS, CONTROL_CHARACTERS

from .models.files import FileKind


class UploadRefused(Exception):
    """The file is not one we take; the message says why, in words for the uploader."""


HEAD_BYTES = 8192


def _magic(*extensions: str) -> Callable[[IO[bytes], bytes], bool]:
    """Sniffed by its leading bytes (the `filetype` package) as one of `extensions`."""

    def check(file: IO[bytes], head: bytes) -> bool:
        guessed = filetype.guess(head)
        return guessed is not None and guessed.extension in extensions

    return check


def _pdf(file: IO[bytes], head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _ooxml(part: str) -> Callable[[IO[bytes], bytes], bool]:
    """A Word, Excel or PowerPoint file: a zip holding [Content_Types].xml and its
    main part. Only the zip's directory is read; nothing is unpacked."""

    def check(file: IO[bytes], head: bytes) -> bool:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            file.seek(0)
            names = set(zipfile.ZipFile(file).namelist())
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return False
        return "[Content_Types].xml" in names and part in names

    return check


def _opendocument(mimetype: str) -> Callable[[IO[bytes], bytes], bool]:
    """An OpenDocument file: a zip whose first entry, stored uncompressed, is
    `mimetype` holding the document's type (so it sits at byte 30 onward)."""
    expected = b"mimetype" + mimetype.encode()

    def check(file: IO[bytes], head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and head[30 : 30 + len(expected)] == expected

    return check


HTML_START = re.compile(rb"^\s*<(!doctype|html|head|body|script|svg|\?xml|iframe)", re.IGNORECASE)


def _text(file: IO[bytes], head: bytes) -> bool:
    """Plain text or CSV: UTF-8 (or Windows-1252, as spreadsheets save it), no NUL or
    other control characters but tabs and line breaks, and not a web page."""
    file.seek(0)
    data = file.read()
    if HTML_START.match(data.removeprefix(b"\xef\xbb\xbf")):
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text)


@dataclass(frozen=True)
class FileType:
    kind: str
    content_type: str
    label: str
    check: Callable[[IO[bytes], bytes], bool]


DOC = FileKind.DOCUMENT
OOXML = "application/vnd.openxmlformats-officedocument"
ODF = "application/vnd.oasis.opendocument"

# The allow-list, by extension.
ALLOWED: dict[str, FileType] = {
    ".pdf": FileType(DOC, "application/pdf", "PDF", _pdf),
    ".docx": FileType(
        DOC, f"{OOXML}.wordprocessingml.document", "Word", _ooxml("word/document.xml")
    ),
    ".xlsx": FileType(DOC, f"{OOXML}.spreadsheetml.sheet", "Excel", _ooxml("xl/workbook.xml")),
    ".pptx": FileType(
        DOC, f"{OOXML}.presentationml.presentation", "PowerPoint", _ooxml("ppt/presentation.xml")
    ),
    ".odt": FileType(DOC, f"{ODF}.text", "OpenDocument text", _opendocument(f"{ODF}.text")),
    ".ods": FileType(
        DOC, f"{ODF}.spreadsheet", "OpenDocument spreadsheet", _opendocument(f"{ODF}.spreadsheet")
    ),
    ".odp": FileType(
        DOC,
        f"{ODF}.presentation",
        "OpenDocument presentation",
        _opendocument(f"{ODF}.presentation"),
    ),
    ".txt": FileType(DOC, "text/plain; charset=utf-8", "text", _text),
    ".csv": FileType(DOC, "text/csv; charset=utf-8", "CSV", _text),
    ".png": FileType(FileKind.IMAGE, "image/png", "PNG image", _magic("png", "apng")),
    ".jpg": FileType(FileKind.IMAGE, "image/jpeg", "JPEG image", _magic("jpg")),
    ".jpeg": FileType(FileKind.IMAGE, "image/jpeg", "JPEG image", _magic("jpg")),
    ".gif": FileType(FileKind.IMAGE, "image/gif", "GIF image", _magic("gif")),
    ".webp": FileType(FileKind.IMAGE, "image/webp", "WebP image", _magic("webp")),
    ".mp3": FileType(FileKind.AUDIO, "audio/mpeg", "MP3 audio", _magic("mp3")),
    ".m4a": FileType(FileKind.AUDIO, "audio/mp4", "M4A audio", _magic("m4a", "mp4")),
    ".wav": FileType(FileKind.AUDIO, "audio/wav", "WAV audio", _magic("wav")),
    ".ogg": FileType(FileKind.AUDIO, "audio/ogg", "Ogg audio", _magic("ogg")),
    ".oga": FileType(FileKind.AUDIO, "audio/ogg", "Ogg audio", _magic("ogg")),
    ".flac": FileType(FileKind.AUDIO, "audio/flac", "FLAC audio", _magic("flac")),
    ".mp4": FileType(FileKind.VIDEO, "video/mp4", "MP4 video", _magic("mp4", "m4v")),
    ".m4v": FileType(FileKind.VIDEO, "video/mp4", "MP4 video", _magic("m4v", "mp4")),
    ".mov": FileType(FileKind.VIDEO, "video/quicktime", "QuickTime video", _magic("mov", "mp4")),
    ".webm": FileType(FileKind.VIDEO, "video/webm", "WebM video", _magic("webm", "mkv")),
}
ACCEPT = ",".join(sorted(ALLOWED))  # for <input type="file" accept="...">
ALLOWED_HINT = (
    "PDF, Word, Excel, PowerPoint, OpenDocument, text or CSV documents; PNG, JPEG, GIF or "
    "WebP images; MP3, M4A, WAV, Ogg or FLAC audio; MP4, MOV or WebM video."
)


KIND_NOUN = {"document": "a document", "image": "an image", "audio": "audio", "video": "a video"}


def max_bytes(kind: str) -> int:
    return settings.UPLOAD_MAX_MB[kind] * 1024 * 1024


def limits_hint() -> str:
    mb = settings.UPLOAD_MAX_MB
    return (
        f"Up to {mb['document']} MB for a document, {mb['image']} MB for an image, "
        f"{mb['audio']} MB for audio and {mb['video']} MB for video."
    )


def safe_filename(name: str) -> str:
    """The uploader's file name without any folder, control or bidi characters, at most
    200 characters (keeping its extension): the name a download is given."""
    name = os.path.basename(name.replace("\\", "/"))
    name = BIDI_CONTROLS.sub("", CONTROL_CHARACTERS.sub("", name)).strip().lstrip(".")
    stem, extension = os.path.splitext(name)
    return (stem[: 200 - len(extension)] + extension) if name else ""


@dataclass
class CheckedFile:
    """A file that passed: what it is, and its content ready to store."""

    filename: str
    kind: str
    content_type: str
    size: int
    sha256: str
    content: File

    def fields(self) -> dict:
        """The StoredFile fields for its row (the key is added when it is stored)."""
        return {
            "filename": self.filename,
            "kind": self.kind,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
        }


def check_upload(filename: str, content: File | bytes) -> CheckedFile:
    """Check a file by name, size and content; raise UploadRefused saying why."""
    if isinstance(content, bytes | bytearray):
        content = ContentFile(bytes(content))
    name = safe_filename(filename or getattr(content, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    if not name or not extension:
        raise UploadRefused("The file needs a name ending in its type, such as .pdf or .mp3.")
    file_type = ALLOWED.get(extension)
    if file_type is None:
        raise UploadRefused(f"{name} is not a type of file we take. Choose a {ALLOWED_HINT}")
    size = content.size
    if not size:
        raise UploadRefused(f"{name} is empty.")
    limit = max_bytes(file_type.kind)
    if size > limit:
        raise UploadRefused(
            f"{name} is {size / 1024 / 1024:.1f} MB; {KIND_NOUN[file_type.kind]} can be at most "
            f"{settings.UPLOAD_MAX_MB[file_type.kind]} MB."
        )
    content.seek(0)
    head = content.read(HEAD_BYTES)
    if not file_type.check(content, head):
        raise UploadRefused(
            f"{name} does not contain what its name says: it is not a real "
            f"{file_type.label} file. Save it again as {file_type.label} and upload that."
        )
    content.seek(0)
    digest = hashlib.sha256()
    for chunk in content.chunks():
        digest.update(chunk)
    content.seek(0)
    return CheckedFile(
        filename=name,
        kind=file_type.kind,
        content_type=file_type.content_type,
        size=size,
        sha256=digest.hexdigest(),
        content=content,
    )


def upload_storage() -> Storage:
    return storages["uploads"]


def new_key(area: str, project_id: int) -> str:
    """A fresh storage key: random, so no file name (or guess) ever reaches storage."""
    return f"{area}/{project_id}/{uuid.uuid4().hex}"


@contextmanager
def stored(files: list[tuple[str, CheckedFile]]) -> Iterator[None]:
    """Write each (key, file) to storage as the block ends, deleting every one again
    if the block (the service's database writes, inside its transaction) or any
    write fails: nothing half-stored.

    Use as the innermost part of a service's transaction, after its rows are
    written: if a row cannot be written no file is; if a file cannot be written the
    exception rolls the rows back. A failure of the enclosing transaction after
    this block (rare: its commit) is cleaned by the caller (`delete_quietly`).
    """
    yield
    storage = upload_storage()
    try:
        for key, checked in files:
            checked.content.seek(0)
            name = storage.save(key, checked.content)
            if name != key:  # the storage chose another name: our rows would miss it
                delete_quietly([name])
                raise RuntimeError(f"Storage saved {key!r} as {name!r}")
    except BaseException:
        delete_quietly([key for key, _ in files])
        raise


def delete_quietly(keys: list[str]) -> None:
    storage = upload_storage()
    for key in keys:
        with suppress(Exception):  # already gone, or storage away: nothing else to do
            storage.delete(key)
