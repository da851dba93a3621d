"""The upload checks: by name, by size and by content, before anything is stored."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from enquiries.uploads import UploadRefused, check_upload, safe_filename
from tests.files import HTML, PDF, PNG, docx, odt, wav


@pytest.mark.parametrize(
    "name, content, kind",
    [
        ("plan.pdf", PDF, "document"),
        ("notes.docx", docx(), "document"),
        ("notes.odt", odt(), "document"),
        ("data.csv", b"school,pupils\nOak,210\n", "document"),
        ("notes.txt", "Café notes\r\n".encode("cp1252"), "document"),
        ("photo.png", PNG, "image"),
        ("voice.wav", wav(), "audio"),
    ],
)
def test_it_takes_real_files_of_each_kind(name, content, kind):
    checked = check_upload(name, content)
    assert checked.kind == kind and checked.size == len(content) and checked.filename == name
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    "name, content, says",
    [
        ("report.pdf", HTML, "not a real PDF"),
        ("photo.png", PDF, "not a real PNG image"),
        ("voice.mp3", wav(), "not a real MP3 audio"),
        ("notes.docx", odt(), "not a real Word"),
        ("notes.odt", docx(), "not a real OpenDocument text"),
        ("notes.txt", HTML, "not a real text"),
        ("notes.txt", b"abc\x00def", "not a real text"),
        ("page.html", HTML, "not a type of file we take"),
        ("script.exe", b"MZ\x90\x00", "not a type of file we take"),
        ("noextension", PDF, "needs a name ending"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_it_refuses_files_that_are_not_what_they_say(name, content, says):
    with pytest.raises(UploadRefused, match=says):
        check_upload(name, content)


def test_it_refuses_a_file_over_its_kinds_limit(settings):
    settings.UPLOAD_MAX_MB = {**settings.UPLOAD_MAX_MB, "document": 1, "image": 1}
    big_pdf = PDF + b"0" * (1024 * 1024)
    with pytest.raises(UploadRefused, match="a document can be at most 1 MB"):
        check_upload("big.pdf", ContentFile(big_pdf))
    check_upload("small.pdf", ContentFile(PDF))  # under it: fine


def test_it_keeps_only_a_safe_name():
    assert safe_filename("C:\\Users\\me\\plan.pdf") == "plan.pdf"
    assert safe_filename("../../etc/passwd.txt") == "passwd.txt"
    assert safe_filename("evil\u202egpj.pdf") == "evilgpj.pdf"
    assert safe_filename("line\nbreak.pdf") == "linebreak.pdf"
    assert len(safe_filename("a" * 500 + ".pdf")) == 200
