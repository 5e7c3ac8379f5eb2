"""The files of content/media/ published as they are — documents, and anything a text links to —
judged like photos before they reach a visitor.

- Only what the content uses is published: a document's `file`, a link in a text to `media/…`, the
  site's visual. Anything else there is reported (a warning) and left out; a photo shown as a photo
  is published only encoded (sitegen/images.py).
- A document is a type a visitor can open (PDF, Office, OpenDocument, an image), is what its name
  says it is (a renamed file is refused by name), and is small enough: github.com's browser upload
  refuses files over 25 MiB, and visitors on phones pay for every megabyte (a warning from 10 MB).
- An image used as a document loses its metadata (GPS position, camera, names) as photos do: it is
  published re-saved, upright, without them (cached in .cache/documents/).
- Names of people in a document's own metadata (PDF author, Office "last modified by") are shown to
  the officer as a warning, not removed: rewriting a PDF or an Office file can break it (a signed
  PDF loses its signature), and an official report's author is usually public. The officer decides.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree

from . import media
from .problems import WARNING, Problem, problem

MAX_BYTES = 25 * 1024 * 1024  # github.com's browser upload refuses larger files
PHONE_BYTES = 10_000_000  # above this, a warning: a visitor on a phone pays for every megabyte
CACHE = Path(".cache") / "documents"
VERSION = "2"  # raise when cleaned images change, so that cached copies are made again
# Types a visitor can open, by extension -> what the file's first bytes must show it to be.
TYPES = {".pdf": "pdf", ".doc": "ole", ".xls": "ole", ".ppt": "ole", ".docx": "ooxml", ".xlsx": "ooxml",
         ".pptx": "ooxml", ".odt": "odf", ".ods": "odf", ".odp": "odf", ".jpg": "jpeg", ".jpeg": "jpeg",
         ".png": "png", ".webp": "webp"}
IMAGES = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
NAMES = {"pdf": "PDF", "ole": "Office 97–2003", "ooxml": "Office", "odf": "OpenDocument", "jpeg": "JPEG",
         "png": "PNG", "webp": "WebP", "zip": "ZIP", "exe": "program", "?": "?"}
_PDF_NAME = re.compile(rb"/(Author|Creator)\s*\(((?:[^()\\]|\\.){1,200})\)")
_XMP_CREATOR = re.compile(rb"<dc:creator>.*?<rdf:li[^>]*>([^<]{1,200})</rdf:li>", re.S)
OFFICE_PEOPLE = {"{http://purl.org/dc/elements/1.1/}creator": "creator",
                 "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}lastModifiedBy":
                     "lastModifiedBy",
                 "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}initial-creator": "initial-creator"}


@dataclass(frozen=True)
class Use:
    path: str  # under content/: media/documents/raport.pdf
    file: str  # the content file that names it, and where
    line: int | None
    kind: str | None
    item: str | None
    field: str | None


def sniff(head: bytes, names: list[str] | None = None) -> str:
    """What a file is by its first bytes (and, for a ZIP, the names inside)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"PK\x03\x04"):
        names = names or []
        if "[Content_Types].xml" in names:
            return "ooxml"
        if "mimetype" in names and "META-INF/manifest.xml" in names:
            return "odf"
        return "zip"
    return "?"


def _zip_names(path: Path) -> list[str]:
    try:
        with zipfile.ZipFile(path) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return []


def what(path: Path) -> str:
    with open(path, "rb") as file:
        head = file.read(16)
    return sniff(head, _zip_names(path) if head.startswith(b"PK\x03\x04") else None)


def people(path: Path, kind: str) -> list[str]:
    """Names of people in a document's own metadata: PDF author and creator (Info and XMP), Office
    and OpenDocument creator and last editor."""
    found: list[str] = []
    try:
        if kind == "pdf":
            data = path.read_bytes()
            for _, value in _PDF_NAME.findall(data):
                found.append(value.decode("latin-1").replace("\\(", "(").replace("\\)", ")"))
            found += [m.decode("utf-8", "replace") for m in _XMP_CREATOR.findall(data)]
        elif kind in ("ooxml", "odf"):
            with zipfile.ZipFile(path) as archive:
                name = "docProps/core.xml" if kind == "ooxml" else "meta.xml"
                if name in archive.namelist():
                    tree = ElementTree.fromstring(archive.read(name))
                    found += [el.text.strip() for el in tree.iter() if el.tag in OFFICE_PEOPLE and el.text
                              and el.text.strip()]
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError):
        return []
    # A PDF's /Creator is often the program that wrote it: keep what looks like a person's name.
    return sorted({name.strip() for name in found if name.strip() and not _program(name)})


def _program(name: str) -> bool:
    return bool(re.search(r"(?i)word|office|acrobat|pdf|writer|latex|tex\b|scanner|ghostscript|quartz|"
                          r"libre|microsoft|adobe|canon|epson|hp |\d+\.\d+", name))


def uses(content, drafts: bool = True) -> list[Use]:
    """Every file the content publishes as it is: the documents' files (any item's `file`) and the
    media files its texts link to, where each is named; a draft's only with `drafts`."""
    found = []
    for (lang, key), items in content.by_id.items():
        for item_id, item in sorted(items.items()):
            if not drafts and (key, item_id) in content.drafts:
                continue
            if "file" in item:
                found.append(Use(item["file"], content.file(lang, key, item_id),
                                 content.line(lang, key, item_id, "file"), key, item_id, "file"))
    for link in content.links:
        path = link.address.split("#")[0].split("?")[0].lstrip("/")
        if not path.startswith("media/") or (not drafts and (link.kind, link.item) in content.drafts):
            continue
        found.append(Use(unquote(path), link.file, link.line, link.kind, link.item, link.field))
    return found


def check(root: Path, uses: list[Use]) -> list[Problem]:
    """Every problem of the files the content publishes as they are, once per file, where it is
    first named."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for use in uses:
        if use.path in seen:
            continue
        seen.add(use.path)
        file = media.resolve(root, use.path)
        if file is None:
            continue  # missing or outside media/: content.py says so
        where = dict(kind=use.kind, item=use.item, field=use.field)
        suffix = file.suffix.lower()
        if suffix not in TYPES:
            problems.append(problem(use.file, use.line, "document_type", value=use.path, extension=suffix or "—",
                                    allowed=", ".join(sorted(TYPES)), **where))
            continue
        kind = what(file)
        if kind != TYPES[suffix] and not (TYPES[suffix] == "ole" and kind == "ole"):
            problems.append(problem(use.file, use.line, "document_not_what_it_says", value=use.path,
                                    extension=suffix, actual=NAMES.get(kind, kind), **where))
            continue
        size = file.stat().st_size
        if size > MAX_BYTES:
            problems.append(problem(use.file, use.line, "document_too_large", value=use.path,
                                    size=f"{size / 1024 / 1024:.1f}", limit=MAX_BYTES // 1024 // 1024, **where))
        elif size > PHONE_BYTES:
            problems.append(problem(use.file, use.line, "document_large", value=use.path,
                                    size=f"{size / 1_000_000:.1f}", limit=PHONE_BYTES // 1_000_000,
                                    severity=WARNING, **where))
        names = people(file, kind)
        if names:
            problems.append(problem(use.file, use.line, "document_people", value=use.path, names=", ".join(names),
                                    severity=WARNING, **where))
    return problems


def unused(root: Path, used: set[str]) -> list[Problem]:
    """A warning for each file of content/media/ that nothing names: it is not published."""
    files, _ = media.files(root)
    return [problem(f"content/media/{rel}", None, "media_unused", severity=WARNING)
            for rel in sorted(files) if f"media/{rel}" not in used]


def publishable(root: Path, used: set[str]) -> dict[str, Path]:
    """What content/media/ publishes as it is (relative path -> file): each file used as a document
    or linked from a text; an image among them re-saved without its metadata."""
    files, _ = media.files(root)
    wanted = {}
    for rel, path in files.items():
        if f"media/{rel}" not in used:
            continue
        kind = TYPES.get(path.suffix.lower())
        wanted[rel] = _cleaned(root, path, kind) if kind in IMAGES else path
    return wanted


def _cleaned(root: Path, path: Path, kind: str) -> Path:
    """The image upright and without its metadata (EXIF, XMP, comments, text chunks), in the same
    format; its colour profile kept. Cached by the source's bytes."""
    data = path.read_bytes()
    key = hashlib.sha256(VERSION.encode() + data).hexdigest()[:32]
    cached = root / CACHE / f"{key}{path.suffix.lower()}"
    if cached.is_file():
        return cached
    from PIL import Image, ImageOps
    with Image.open(io.BytesIO(data)) as image:
        profile = image.info.get("icc_profile")
        upright = ImageOps.exif_transpose(image)
        upright.info = {}  # Pillow writes a comment, XMP or text chunks it finds here back out
        out = io.BytesIO()
        options = {"icc_profile": profile} if profile else {}
        if kind == "jpeg":
            upright = upright.convert("RGB") if upright.mode not in ("RGB", "L", "CMYK") else upright
            upright.save(out, "JPEG", quality=92, optimize=True, **options)
        elif kind == "png":
            upright.save(out, "PNG", optimize=True, **options)
        else:
            upright.save(out, "WEBP", quality=92, **options)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(cached.suffix + ".partial")
    partial.write_bytes(out.getvalue())
    partial.replace(cached)
    return cached
