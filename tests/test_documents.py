"""Documents are judged like photos, and only what the content uses is published: each class of the
files an officer really drops into content/media/ (a phone photo linked as a document, a huge
scan, a renamed program, Office leftovers, a file nobody uses, a hard link, names in a PDF's or a
Word file's properties), in the check and in the real build."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

import photos
from conftest import build, copy_project as copy_buildable
from contentfiles import add_item, edit
from sitegen import documents
from test_validation import copy_project, run_check

REPORT = "content/ro/documents/report.yml"  # the fixture's document, in both languages


def _document(root: Path, name: str, data: bytes | None = None) -> str:
    """A file in content/media/documents/ named by the fixture's document in both languages."""
    path = root / "content" / "media" / "documents" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if data is not None:
        path.write_bytes(data)
    for lang in ("ro", "en"):
        edit(root, f"content/{lang}/documents/report.yml", "file: media/documents/report.pdf",
             f"file: media/documents/{name}")
    return f"media/documents/{name}"


def _said(root: Path) -> tuple[int, str]:
    return run_check(root)


def _docx(path: Path, creator: str, editor: str) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("docProps/core.xml", (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<dc:creator>{creator}</dc:creator><cp:lastModifiedBy>{editor}</cp:lastModifiedBy></cp:coreProperties>"))


def test_a_type_a_visitor_cannot_open_is_refused_by_name(tmp_path):
    root = copy_project(tmp_path)
    _document(root, "arhiva.zip", b"PK\x03\x04" + b"\0" * 100)
    code, out = _said(root)
    assert code == 1 and f"{REPORT}:3: " in out and "fișierele .zip nu se publică" in out and ".pdf" in out, out


@pytest.mark.parametrize("name, data, actual", [("raport.pdf", b"MZ\x90\0" + b"\0" * 100, "program"),
                                                ("raport.docx", b"%PDF-1.4\n%%EOF\n", "PDF"),
                                                ("poza.jpg", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "PNG")])
def test_a_renamed_file_is_refused_for_what_it_is(tmp_path, name, data, actual):
    root = copy_project(tmp_path)
    _document(root, name, data)
    code, out = _said(root)
    assert code == 1 and f"este de fapt un fișier {actual}" in out, out


def test_size_limits_say_why(tmp_path):
    root = copy_project(tmp_path)
    path = root / "content" / "media" / "documents" / "scan.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as out:  # sparse: 30 MiB without writing them
        out.write(b"%PDF-1.4\n")
        out.truncate(30 * 1024 * 1024)
    _document(root, "scan.pdf")
    code, out = _said(root)
    assert code == 1 and "are 30.0 MiB; cel mult 25 MiB: github.com nu primește din browser" in out, out
    with open(path, "r+b") as file:
        file.truncate(12_000_000)
    code, out = _said(root)
    assert code == 0 and "avertisment: „media/documents/scan.pdf” are 12.0 MB; pentru vizitatorii pe telefon" in out


def test_names_in_a_documents_properties_are_shown_before_publishing(tmp_path):
    root = copy_project(tmp_path)
    pdf = b"%PDF-1.4\n1 0 obj<</Author (Ion Popescu)/Creator (Microsoft Word)>>endobj\ntrailer<</Info 1 0 R>>\n%%EOF\n"
    _document(root, "raport.pdf", pdf)
    code, out = _said(root)
    assert code == 0 and "conține în proprietățile lui numele Ion Popescu (autor" in out, out
    assert "Microsoft Word" not in out  # a program is not a person
    _docx(root / "content" / "media" / "documents" / "raport.docx", "Maria Ionescu", "Vasile Rusu")
    for lang in ("ro", "en"):
        edit(root, f"content/{lang}/documents/report.yml", "raport.pdf", "raport.docx")
    code, out = _said(root)
    assert "numele Maria Ionescu, Vasile Rusu" in out, out
    assert documents.people(root / "content/media/documents/raport.docx", "ooxml") == ["Maria Ionescu", "Vasile Rusu"]


def test_a_file_nothing_uses_is_reported_and_leftovers_are_never_mentioned(tmp_path):
    root = copy_project(tmp_path)
    media = root / "content" / "media"
    (media / "documents" / "vechi.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    for name in ("Thumbs.db", "desktop.ini", ".DS_Store", "~$raport-final.docx", "copie.tmp", "._poza.jpg"):
        (media / "documents" / name).write_bytes(b"leftover by Ion Popescu")
    code, out = _said(root)
    assert code == 0 and "content/media/documents/vechi.pdf: avertisment: fișierul nu este folosit" in out, out
    for name in ("Thumbs.db", "desktop.ini", "DS_Store", "~$raport", "copie.tmp", "._poza"):
        assert name not in out


def test_a_hard_link_is_refused_like_a_symbolic_link(tmp_path):
    root = copy_project(tmp_path)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 secret\n")
    os.link(secret, root / "content" / "media" / "documents" / "legat.pdf")
    code, out = _said(root)
    assert code == 1 and "content/media/documents/legat.pdf: este un alt nume al unui fișier (hard link)" in out, out


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The fixture content with a phone photo linked as a document, a Word file with names, files
    nobody uses and leftovers: built for real. (project, site)"""
    base = tmp_path_factory.mktemp("documents")
    project = copy_buildable(base / "project")
    media = project / "content" / "media"
    photos.phone_photo(media / "documents" / "afis.jpg", size=(1600, 1200), orientation=6)
    _docx(media / "documents" / "raport.docx", "Maria Ionescu", "Vasile Rusu")
    (media / "documents" / "nefolosit.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    photos.phone_photo(media / "images" / "nefolosita.jpg", size=(900, 600))
    for name in ("Thumbs.db", "desktop.ini", ".DS_Store", "~$raport-final.docx", "copie.tmp"):
        (media / "documents" / name).write_bytes(b"Ion Popescu")
    add_item(project, "documents", "afis", {
        "ro": "title: Afișul\nfile: media/documents/afis.jpg\nlanguage: ro\n",
        "en": "title: The poster\nfile: media/documents/afis.jpg\nlanguage: ro\n"})
    add_item(project, "documents", "raport-word", {
        "ro": "title: Raportul Word\nfile: media/documents/raport.docx\nlanguage: ro\n",
        "en": "title: The Word report\nfile: media/documents/raport.docx\nlanguage: ro\n"})
    site = base / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result


def test_a_photo_linked_as_a_document_is_published_without_its_metadata(published):
    _, site, _ = published
    poster = site / "media" / "documents" / "afis.jpg"
    data = poster.read_bytes()
    for secret in photos.SECRETS:
        assert secret not in data, secret
    from PIL import Image
    with Image.open(poster) as image:
        assert image.size == (1200, 1600)  # upright: the phone's orientation applied
        assert not image.getexif()
    assert poster.stat().st_size > 10_000


def test_only_what_content_uses_is_published(published):
    _, site, result = published
    files = {p.relative_to(site / "media").as_posix() for p in (site / "media").rglob("*") if p.is_file()}
    # The documents, and the site's visual (the fixture's identity names one); not what nobody uses.
    assert files == {"documents/report.pdf", "documents/afis.jpg", "documents/raport.docx", "images/meeting.png"}, files
    assert "nefolosit.pdf" not in result.stderr or "WARNING" not in result.stderr  # a warning never stops a build
