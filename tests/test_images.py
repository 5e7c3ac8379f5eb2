"""Photos straight from a phone (made here by tests/photos.py: 6000 × 4000, rotated by EXIF, with
GPS, the phone's make and model, XMP, a comment and a colour profile), built into the fixture site:
what is published, in which widths, with which markup, without any metadata; the cache; and the
messages for photos that cannot be published."""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageStat

import photos
from conftest import build, copy_project
from contentfiles import add_item, item_file
from htmlutil import Page
from sitegen import images
from sitegen.generate import generate
from sitegen.languages import Language
from sitegen.problems import ContentError

LANGS = [Language("ro", "Română", True), Language("en", "English")]
SITE_URL = "https://example.org/site/"
PHOTO_LOG = re.compile(r"Photos: (\d+) file\(s\); (\d+) image\(s\) encoded, (\d+) from the cache")
SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG": "PNG", b"GIF8": "GIF", b"II*\x00": "TIFF", b"MM\x00*": "TIFF"}


def _kind(data: bytes) -> str | None:
    """An image's format by its first bytes, whatever the file's name."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp":
        return "HEIF/AVIF"
    return next((kind for magic, kind in SIGNATURES.items() if data.startswith(magic)), None)


def _metadata(data: bytes, kind: str) -> list[str]:
    """Every metadata block of an image file, read from its structure (not through Pillow)."""
    found = []
    if kind == "JPEG":
        pos = 2
        while pos + 4 <= len(data) and data[pos] == 0xFF:
            marker, length = data[pos + 1], struct.unpack(">H", data[pos + 2:pos + 4])[0]
            if marker == 0xDA:  # start of scan: the pixels follow
                break
            if marker == 0xFE or (0xE0 <= marker <= 0xEF and not (marker == 0xE0 and data[pos + 4:pos + 9] == b"JFIF\0")):
                found.append(f"JPEG segment FF{marker:02X}")
            pos += 2 + length
    elif kind == "PNG":
        pos = 8
        while pos + 8 <= len(data):
            length, name = struct.unpack(">I", data[pos:pos + 4])[0], data[pos + 4:pos + 8]
            body = data[pos + 8:pos + 8 + length]
            if name in (b"eXIf", b"iCCP", b"iTXt", b"zTXt", b"tIME") or (
                    name == b"tEXt" and not body.startswith(b"sitegen-key\0")):
                found.append(f"PNG chunk {name.decode()}")
            pos += 12 + length
    elif kind == "WEBP":
        pos = 12
        while pos + 8 <= len(data):
            name, length = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
            if name not in (b"VP8 ", b"VP8L", b"VP8X", b"ALPH"):
                found.append(f"WebP chunk {name.decode(errors='replace')}")
            pos += 8 + length + (length & 1)
    else:
        found.append(f"a {kind} file")
    return found


def _published_images(site: Path) -> dict[Path, str]:
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            with path.open("rb") as f:
                kind = _kind(f.read(12))
            if kind:
                found[path] = kind
    return found


def _img(page: Page, **attrs) -> list[dict]:
    return [img for img in page.find_all("img") if all(img.get(k) == v for k, v in attrs.items())]


def _srcset(img: dict) -> list[tuple[str, int]]:
    return [(url, int(width[:-1])) for url, width in (part.split() for part in img["srcset"].split(", "))]


@pytest.fixture(scope="module")
def site(photo_build) -> Path:
    return photo_build[1]


# -- what is published -------------------------------------------------------------------------

def test_no_published_file_carries_metadata(site, photo_content):
    published = _published_images(site)
    assert len([p for p, kind in published.items() if kind == "WEBP"]) >= 4 * 4
    for path, kind in published.items():
        data = path.read_bytes()
        assert _metadata(data, kind) == [], path
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert not {"exif", "xmp", "icc_profile", "comment", "XML:com.adobe.xmp"} & set(image.info), path
    for path in site.rglob("*"):  # pages, feeds and open data too: no position, no phone
        if path.is_file():
            data = path.read_bytes()
            assert not [s for s in photos.SECRETS if s in data], path


def test_originals_are_never_published(site, photo_content):
    originals = {p.read_bytes() for p in (photo_content / "media" / "photos").iterdir()}
    sizes = {len(data) for data in originals}
    for path in site.rglob("*"):
        if path.is_file() and path.stat().st_size in sizes:
            assert path.read_bytes() not in originals, path
    assert not (site / "media" / "photos").exists()  # the unused phone photo is not published either
    assert (site / "media" / "documents" / "report.pdf").is_file()  # documents still are


def test_lead_photo_markup(site):
    for prefix, alt in (("", "Participanții la atelier, în sala de ședințe"),
                        ("en/", "The workshop's participants, in the meeting room")):
        page = Page(site / prefix / "news" / "photos" / "index.html")
        [img] = _img(page, alt=alt)
        assert img["class"] == "ms-image" and img["fetchpriority"] == "high" and "loading" not in img
        assert img["sizes"] == images.SLOTS["lead"].sizes
        srcset = _srcset(img)
        assert [w for _, w in srcset] == [400, 800, 1200, 1600]
        # Upright: the phone stored it 6000 × 4000 and orientation 6, so it is shown portrait.
        assert (int(img["width"]), int(img["height"])) == (1600, 2400)
        for url, width in srcset:
            with Image.open(page.path.parent / url) as published:
                assert published.format == "WEBP"
                assert published.size == (width, round(width * 1.5)), url
        assert img["src"] == next(url for url, w in srcset if w == 800)
        assert re.search(r'<figure class="ms-photo"><img ', page.source)


def test_orientation_is_applied(site):
    page = Page(site / "news" / "photos" / "index.html")
    [img] = _img(page, fetchpriority="high")
    largest = max(_srcset(img), key=lambda s: s[1])[0]
    with Image.open(page.path.parent / largest) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        assert height > width
        top, bottom = rgb.getpixel((width // 2, height // 10)), rgb.getpixel((width // 2, height * 9 // 10))
    assert top[0] > 180 and top[2] < 80, top  # red: the stored image's left edge, shown on top
    assert bottom[2] > 150 and bottom[0] < 80, bottom


def test_gallery_markup(site):
    for prefix, alts, caption in (("", ["Sala înainte de atelier", "Afișul atelierului"], "Pregătirea sălii"),
                                  ("en/", ["The room before the workshop", "The workshop's poster"],
                                   "Getting the room ready")):
        page = Page(site / prefix / "news" / "photos" / "index.html")
        assert re.search(r'<section class="ms-gallery" aria-labelledby="photos">\s*<h2 id="photos">', page.source)
        figures = re.findall(r"<figure>(.*?)</figure>", page.source, re.S)
        assert len(figures) == 2
        assert f"<figcaption>{caption}</figcaption>" in figures[0] and "figcaption" not in figures[1]
        for alt in alts:
            [img] = _img(page, alt=alt)
            assert img["loading"] == "lazy" and img["sizes"] == images.SLOTS["gallery"].sizes
            assert img["width"] and img["height"] and len(_srcset(img)) >= 2
    event = Page(site / "events" / "photo-visit" / "index.html")
    assert _img(event, alt="Vizitatorii în fața Consiliului Raional")[0]["fetchpriority"] == "high"
    assert _img(event, alt="Sala de ședințe")[0]["loading"] == "lazy"


def test_no_published_image_is_wider_than_its_largest_slot(site, photo_content):
    for path in (site / "images").iterdir():
        with Image.open(path) as image:
            assert image.width <= images.WIDTHS[-1], path
    # A photo narrower than the widths is published at its own width at most (never enlarged).
    page = Page(site / "news" / "photos" / "index.html")
    [poster] = _img(page, alt="Afișul atelierului")
    assert [w for _, w in _srcset(poster)] == [400, 800, 1200]
    with Image.open(page.path.parent / _srcset(poster)[-1][0]) as image:
        assert image.mode == "RGBA" and image.getpixel((10, 10))[3] == 0  # transparency kept


def test_share_image_is_the_items_own_photo(site):
    for prefix, lang, statement in (("", "ro", "Cofinanțat de Uniunea Europeană"),
                                    ("en/", "en", "Co-funded by the European Union")):
        page = Page(site / prefix / "news" / "photos" / "index.html")
        meta = {m.get("property"): m["content"] for m in page.find_all("meta") if m.get("property")}
        assert meta["og:image"].startswith(f"{SITE_URL}share/{lang}/news/photos-") and meta["og:image"].endswith(".jpg")
        assert meta["og:image:type"] == "image/jpeg"
        assert meta["og:image:alt"].endswith(statement) and len(meta["og:image:alt"]) > len(statement) + 10
        with Image.open(site / meta["og:image"][len(SITE_URL):]) as card:
            assert (card.format, card.size) == ("JPEG", (1200, 630))
            red, _, blue = ImageStat.Stat(card.crop((0, 0, 1200, 520))).mean
            assert blue > 2 * red  # the photo's blue fills the top
            assert min(card.getpixel((1150, 600))) > 240  # the white band with the emblem and statement
    # A page without a photo keeps its section's card.
    second = Page(site / "news" / "second" / "index.html")
    assert [m["content"] for m in second.find_all("meta") if m.get("property") == "og:image"] == [
        f"{SITE_URL}share/ro/news.png"]


def test_open_data_points_at_the_published_photos(site):
    data = json.loads((site / "data" / "content.json").read_text(encoding="utf-8"))
    item = next(i for i in data["news"] if i["id"] == "photos")
    for path in [item["image"]] + [entry["image"] for entry in item["gallery"]]:
        assert path.startswith("images/") and (site / path).is_file(), path


# -- the cache -----------------------------------------------------------------------------------

def test_a_rebuild_encodes_nothing(photo_build, tmp_path):
    project, site, first = photo_build
    files, encoded, reused = map(int, PHOTO_LOG.search(first.stderr).groups())
    # the fixture's meeting photo, the phone, event and a gallery photo in four widths, the
    # 1200-pixel poster in three
    assert (files, encoded, reused) == (5, 4 * 4 + 3, 0)
    again = build(project, tmp_path / "site")
    assert again.returncode == 0, again.stderr
    assert PHOTO_LOG.search(again.stderr).groups() == ("5", "0", "19")
    assert sorted(p.name for p in (tmp_path / "site" / "images").iterdir()) == sorted(
        p.name for p in (site / "images").iterdir())
    # The draft's photo is checked, never encoded nor published.
    assert not [p for p in (site / "images").iterdir() if p.name.startswith("draft-")]


def test_cache_is_keyed_by_the_bytes(tmp_path, photo_content):
    project = copy_project(tmp_path / "p", content=photo_content)
    docs = project / "docs"
    assert generate(project, docs, LANGS, today=dt.date(2025, 1, 1)).images.encoded == 19
    phone = project / "content" / "media" / "photos" / "phone.jpg"
    os.utime(phone)  # touched, not changed: nothing to encode
    report = generate(project, docs, LANGS, today=dt.date(2025, 1, 1))
    assert (report.images.encoded, report.images.reused, report.written) == (0, 19, 0)
    photos.phone_photo(phone, (6000, 4000), 6, seed=9)  # another photo under the same name
    report = generate(project, docs, LANGS, today=dt.date(2025, 1, 1))
    assert (report.images.encoded, report.images.reused) == (4, 15)
    assert len(list((docs / "images").iterdir())) == 19  # the old widths are gone from the site
    shutil.rmtree(project / images.CACHE)  # a clean checkout: everything is encoded again
    assert generate(project, docs, LANGS, today=dt.date(2025, 1, 1)).images.encoded == 19


def test_widths_never_exceed_the_photo():
    def widths(w):
        return images.Source(0, 0, width=w, height=w).widths()
    assert widths(6000) == [400, 800, 1200, 1600]
    assert widths(1600) == [400, 800, 1200, 1600]
    assert widths(1000) == [400, 800, 1000]
    assert widths(300) == [300]


# -- photos that cannot be published ---------------------------------------------------------------

BAD = {  # file -> (how it is made, the field that names it, words of the Romanian message, of the English one)
    "iphone.heic": (photos.heif_file, "image", "HEIC/HEIF", "HEIC/HEIF"),
    "disguised.jpg": (photos.heif_file, "gallery", "HEIC/HEIF", "HEIC/HEIF"),  # by its bytes, not its name
    "scan.tif": (lambda p: Image.new("RGB", (1600, 1200)).save(p, "TIFF"), "image", "imagine TIFF", "a TIFF image"),
    "paint.bmp": (lambda p: Image.new("RGB", (1600, 1200)).save(p, "BMP"), "gallery", "imagine BMP", "a BMP image"),
    "notes.jpg": (lambda p: p.write_text("not a photo"), "image", "nu este o imagine", "not an image"),
    "small.jpg": (lambda p: photos.phone_photo(p, (640, 480), 1), "image", "640 × 480 px; aici este afișată pe o "
                  "lățime de până la 800 px", "640 × 480 px; it is shown here up to 800 px"),
    "rotated.jpg": (lambda p: photos.phone_photo(p, (1000, 500), 6), "gallery", "500 × 1000 px; aici este afișată "
                    "pe o lățime de până la 600 px", "500 × 1000 px; it is shown here up to 600 px"),
    "huge.jpg": (lambda p: photos.sparse_file(p, images.MAX_BYTES + 5_000_000), "image",
                 "fișierul are 55 MB; sunt permiși cel mult 50 MB", "the file is 55 MB; at most 50 MB"),
    "giant.png": (photos.huge_header_png, "gallery", "132 megapixeli", "132 megapixels"),
    "cut.jpg": (photos.truncated_jpeg, "image", "deteriorat sau incomplet", "damaged or incomplete"),
}


DRAFTED = "disguised.jpg"  # named by a draft: checked all the same


@pytest.fixture
def bad_project(tmp_path) -> tuple[Path, dict[str, str]]:
    """The fixture project with one news item per bad photo (bad-0, bad-1 …); returns it and the
    place naming each photo, `file:line: `."""
    project = copy_project(tmp_path / "p")
    media = project / "content" / "media" / "bad"
    media.mkdir()
    for name, (make, *_) in BAD.items():
        make(media / name)
    places = {}
    for n, (name, (_, field, *_)) in enumerate(BAD.items()):
        text = "draft: true\n" if name == DRAFTED else ""
        text += f"title: T\ndate: 2024-02-0{n % 9 + 1}\nsummary: S\n"
        text += (f"image: media/bad/{name}\nimage_alt: A\n" if field == "image"
                 else f"gallery:\n  - image: media/bad/{name}\n    alt: A\n")
        add_item(project, "news", f"bad-{n}", text)
        line = next(i for i, line in enumerate(text.splitlines(), 1) if line.endswith(f"media/bad/{name}"))
        places[name] = f"{item_file('news', f'bad-{n}')}:{line}: "
    return project, places


def _check(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitegen", "check", "--root", str(project), *args],
                          capture_output=True, text=True, cwd=project, timeout=300)


@pytest.mark.parametrize("lang", ["ro", "en"])
def test_each_bad_photo_gets_one_message_with_file_and_line(bad_project, lang):
    project, places = bad_project
    result = _check(project, "--lang", lang)
    assert result.returncode == 1
    out = result.stdout.splitlines()
    quote = "„{}”" if lang == "ro" else "“{}”"
    for n, (name, (_, field, ro, en)) in enumerate(BAD.items()):
        mine = [line for line in out if line.startswith(places[name])]
        assert len(mine) == 1, (name, result.stdout)
        assert quote.format(f"bad-{n}") in mine[0], mine[0]
        assert quote.format("image" if field == "image" else "gallery.image") in mine[0], mine[0]
        assert (ro if lang == "ro" else en) in mine[0], mine[0]
    assert not [line for line in out if line.startswith("content/en/")]  # once, where first named
    assert "Traceback" not in result.stdout + result.stderr


def test_a_bad_photo_stops_the_build_before_any_page(bad_project, tmp_path):
    project, places = bad_project
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert places["iphone.heic"] in result.stderr
    assert places[DRAFTED] in result.stderr  # a draft's photo too: publishing it must never fail
    assert "Traceback" not in result.stderr
    assert not list((project / "docs").glob("*/index.md"))
    assert not (project / "docs" / "images").exists()


def test_a_damaged_photo_found_only_while_encoding_stops_the_build(tmp_path):
    """The build reads headers only in its check (it decodes while encoding): a file cut short
    passes the header and is then reported, still before any page is written."""
    project = copy_project(tmp_path / "p")
    photos.truncated_jpeg(project / "content" / "media" / "images" / "meeting.png")
    with pytest.raises(ContentError) as caught:
        generate(project, project / "docs", LANGS)
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.code) == (item_file("news", "kickoff"), 5, "image_damaged")
    assert not list((project / "docs").glob("*/index.md"))


def test_gallery_photo_needs_alt_and_the_same_photos_in_every_language(tmp_path):
    project = copy_project(tmp_path / "p")
    for lang, alt in (("ro", ""), ("en", "    alt: The meeting\n")):
        path = project / item_file("news", "kickoff", lang)
        text = path.read_text(encoding="utf-8")
        extra = "" if lang == "ro" else "  - image: media/images/meeting.png\n    alt: Again\n"
        path.write_text(text.replace("image_alt:", f"gallery:\n  - image: media/images/meeting.png\n{alt}{extra}"
                                     "image_alt:", 1), encoding="utf-8")
    result = _check(project, "--lang", "en")
    assert result.returncode == 1
    assert re.search(r"^content/ro/news/kickoff\.yml:7: news item “kickoff”, field “gallery\.alt”: is missing",
                     result.stdout, re.M), result.stdout
    assert "differs from" not in result.stdout  # the ro item has an error: not compared
    # With the alt written, the different photo lists are reported.
    path = project / item_file("news", "kickoff")
    path.write_text(path.read_text(encoding="utf-8").replace("meeting.png\nimage_alt", "meeting.png\n    alt: Sala\n"
                                                             "image_alt"), encoding="utf-8")
    result = _check(project, "--lang", "en")
    assert re.search(r"^content/en/news/kickoff\.yml:6: news item “kickoff”, field “gallery\.image”: differs from "
                     r"content/ro/news/kickoff\.yml", result.stdout, re.M), result.stdout


def test_a_photo_reached_through_a_symbolic_link_is_refused(tmp_path):
    outside = photos.phone_photo(tmp_path / "private" / "home.jpg", (1600, 1200), 1)
    project = copy_project(tmp_path / "p")
    meeting = project / "content" / "media" / "images" / "meeting.png"
    meeting.unlink()
    meeting.symlink_to(outside)
    result = _check(project, "--lang", "en")
    assert result.returncode == 1
    assert re.search(r"^content/ro/news/kickoff\.yml:5: news item “kickoff”, field “image”: “media/images/meeting\.png” "
                     r"is not a valid file path", result.stdout, re.M), result.stdout
    index = project / images.CACHE / images.INDEX
    assert not index.exists() or "meeting.png" not in index.read_text()  # never read


def test_schemas_state_the_minimum_widths_the_check_applies():
    """What VS Code shows the officer agrees with what the check enforces (images.SLOTS)."""
    root = Path(__file__).resolve().parent.parent / "schemas"
    for name in ("news", "events", "good_practices"):
        fields = json.loads((root / f"{name}.schema.json").read_text(encoding="utf-8"))["properties"]
        assert f"at least {images.SLOTS['lead'].min_width} pixels wide" in fields["image"]["description"].lower()
        if "gallery" in fields:
            gallery = fields["gallery"]["items"]["properties"]["image"]["description"]
            assert f"at least {images.SLOTS['gallery'].min_width} pixels wide" in gallery
