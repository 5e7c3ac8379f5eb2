"""Photos made by the tests themselves with Pillow, as an officer drops them into content/media/:
large, rotated by their EXIF orientation, with GPS coordinates, the phone's make and model, XMP, a
comment and a colour profile; and the files the check must refuse. Also the fixture content with
such photos in a news item and an event (tests and benchmarks/lighthouse.py, benchmarks/images.py).
"""
from __future__ import annotations

import random
import shutil
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

MAKE, MODEL = "TestPhoneMaker", "TestPhone 15 Pro"
SOFTWARE = "TestCameraApp 2.1"
COMMENT = b"secret-comment: taken at the Council"
XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="47,12.5N" '
       b'exif:GPSLongitude="27,48.0E"/></rdf:RDF></x:xmpmeta>')
# Byte strings that only the photos' metadata holds: no published file may contain any of them.
SECRETS = (MAKE.encode(), MODEL.encode(), SOFTWARE.encode(), COMMENT, b"xmpmeta", b"GPSLatitude")
RED, BLUE = (220, 30, 30), (30, 60, 200)


def exif(orientation: int = 1) -> Image.Exif:
    data = Image.Exif()
    data[0x0112] = orientation
    data[0x010F], data[0x0110], data[0x0131] = MAKE, MODEL, SOFTWARE
    gps = data.get_ifd(0x8825)  # the GPS IFD: where the photo was taken
    gps[1], gps[2], gps[3], gps[4] = "N", (47.0, 12.0, 30.0), "E", (27.0, 48.0, 0.0)
    return data


def phone_photo(path: Path, size: tuple[int, int] = (6000, 4000), orientation: int = 6, *,
                grain: float = 0.0, quality: int = 90, seed: int = 0) -> Path:
    """A JPEG as a phone stores it: the left third red, the rest blue, so that shown upright
    (orientation 6: turned 90° clockwise) the red is at the top. `grain` adds sensor-like noise,
    which makes the file as heavy as a real photo (0.45 at quality 95: about 20 MB)."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width // 3, height], fill=RED)
    rng = random.Random(seed)
    for _ in range(40):  # some shapes, so that the photos differ and compress like pictures
        x, y, r = rng.randrange(width // 3, width), rng.randrange(height), rng.randrange(20, width // 12)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(40, 120) for _ in range(3)))
    if grain:
        noise = Image.merge("RGB", [Image.effect_noise(size, 64) for _ in range(3)])
        image = Image.blend(image, noise, grain)
    path.parent.mkdir(parents=True, exist_ok=True)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "JPEG", quality=quality, exif=exif(orientation), xmp=XMP, comment=COMMENT, icc_profile=icc)
    return path


def png_photo(path: Path, size: tuple[int, int] = (1200, 900)) -> Path:
    """A PNG with transparency and EXIF (PNG's eXIf chunk) with GPS."""
    image = Image.new("RGBA", size, (*BLUE, 255))
    ImageDraw.Draw(image).rectangle([0, 0, size[0], size[1] // 4], fill=(0, 0, 0, 0))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", exif=exif(1))
    return path


def with_comment(source: Path, dest: Path, text: str) -> Path:
    """A copy of a JPEG with one more comment segment: other bytes (another cache key), same pixels."""
    data = source.read_bytes()
    segment = text.encode()
    dest.write_bytes(data[:2] + b"\xff\xfe" + struct.pack(">H", len(segment) + 2) + segment + data[2:])
    return dest


def heif_file(path: Path) -> Path:
    """The first bytes of an iPhone's HEIC photo (an ISO file-type box, brand heic); Pillow cannot read it."""
    box = struct.pack(">I", 24) + b"ftypheic" + struct.pack(">I", 0) + b"mif1heic"
    path.write_bytes(box + bytes(4000))
    return path


def truncated_jpeg(path: Path) -> Path:
    """A photo cut short, as an interrupted copy leaves it: its header reads, its pixels do not."""
    phone_photo(path, (1600, 1200), 1)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def huge_header_png(path: Path, width: int = 12000, height: int = 11000) -> Path:
    """A PNG whose header says 132 megapixels (its pixels are never needed to refuse it)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b""))
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A JPEG's first bytes in a file of `size` bytes that takes no disk space."""
    phone_photo(path, (800, 600), 1)
    with path.open("r+b") as f:
        f.truncate(size)
    return path


# -- the fixture content with photos ---------------------------------------------------------------

NEWS = {
    "ro": """
title: Atelier cu fotografii
date: 2024-06-01
summary: Un atelier, cu fotografii de pe telefon.
body: Textul știrii cu fotografii.
image: media/photos/phone.jpg
image_alt: Participanții la atelier, în sala de ședințe
gallery:
  - image: media/photos/gallery-1.jpg
    alt: Sala înainte de atelier
    caption: Pregătirea sălii
  - image: media/photos/gallery-2.png
    alt: Afișul atelierului
""",
    "en": """
title: A workshop with photos
date: 2024-06-01
summary: A workshop, with photos from a phone.
body: Text of the news item with photos.
image: media/photos/phone.jpg
image_alt: The workshop's participants, in the meeting room
gallery:
  - image: media/photos/gallery-1.jpg
    alt: The room before the workshop
    caption: Getting the room ready
  - image: media/photos/gallery-2.png
    alt: The workshop's poster
""",
}
EVENTS = {
    "ro": """
title: Vizită de studiu cu fotografii
start: 2024-04-10
place: Ungheni
kind: study-visit
description: O vizită de studiu.
image: media/photos/event.jpg
image_alt: Vizitatorii în fața Consiliului Raional
gallery:
  - image: media/photos/gallery-1.jpg
    alt: Sala de ședințe
""",
    "en": """
title: A study visit with photos
start: 2024-04-10
place: Ungheni
kind: study-visit
description: A study visit.
image: media/photos/event.jpg
image_alt: The visitors in front of the District Council
gallery:
  - image: media/photos/gallery-1.jpg
    alt: The meeting room
""",
}


DRAFT = """
draft: true
title: {title}
date: 2024-06-02
summary: {title}.
image: media/photos/draft.jpg
image_alt: {title}
"""


def add_photos(content: Path) -> dict[str, Path]:
    """Photos in `content`/media/photos/ and a news item ("photos") and an event ("photo-visit")
    that show them, in both languages; also a phone photo that nothing names and one that only a
    draft names ("photo-draft"): neither may be published. Returns the files."""
    media = content / "media" / "photos"
    files = {
        "phone.jpg": phone_photo(media / "phone.jpg", (6000, 4000), 6, seed=1),
        "event.jpg": phone_photo(media / "event.jpg", (4000, 3000), 1, seed=2),
        "gallery-1.jpg": phone_photo(media / "gallery-1.jpg", (2000, 1500), 8, seed=3),
        "gallery-2.png": png_photo(media / "gallery-2.png"),
        "unused.jpg": phone_photo(media / "unused.jpg", (1600, 1200), 1, seed=4),
        "draft.jpg": phone_photo(media / "draft.jpg", (2000, 1500), 1, seed=5),
    }
    for lang in ("ro", "en"):
        for rel, text in (("news/photos.yml", NEWS[lang]), ("events/photo-visit.yml", EVENTS[lang]),
                          ("news/photo-draft.yml", DRAFT.format(title=f"Draft {lang}"))):
            (content / lang / rel).write_text(text.lstrip("\n"), encoding="utf-8")
    return files


def photo_content(dest: Path, fixture: Path) -> Path:
    """A copy of the fixture content (`fixture`) with add_photos() done to it."""
    shutil.copytree(fixture, dest)
    add_photos(dest)
    return dest
