"""The picture social networks show when a page is shared: one PNG per section and language, and a
JPEG for each item that has a photo of its own.

1200 × 630 pixels (the size Facebook, LinkedIn and X crop to): the EU emblem with the funding
statement beside it (Regulation (EU) 2021/1060, Annex IX), the section's title and the project's name;
or the item's photo above a band with the emblem and the statement.
Pillow draws it with a sans-serif font found on the machine; without one, no image is made and
pages fall back to a text-only card (the build says so).
"""
from __future__ import annotations

import hashlib
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps, PngImagePlugin

WIDTH, HEIGHT = 1200, 630
BAND = 96  # under a photo: the emblem and the statement
PHOTO_HEIGHT = HEIGHT - BAND
PHOTO_QUALITY = 85
EU_BLUE, EU_YELLOW = (0x00, 0x33, 0x99), (0xFF, 0xCC, 0x00)  # Pantone Reflex Blue, Pantone Yellow
TEXT = (0x1A, 0x1A, 0x1A)
VERSION = "1"  # change when the drawing changes, so that every image is made again
# Arial (one of Annex IX's typefaces) where the system has it: Windows, macOS, Linux with
# msttcorefonts; else Liberation Sans, Arial's metrics (Debian: fonts-liberation, installed with
# Chromium); DejaVu Sans as a last resort (fonts-dejavu-core).
FONTS = {
    "regular": ["C:/Windows/Fonts/arial.ttf",
                "/System/Library/Fonts/Supplemental/Arial.ttf",
                "/Library/Fonts/Arial.ttf",
                "/usr/share/fonts/truetype/msttcorefonts/Arial.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
                "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
    "bold": ["C:/Windows/Fonts/arialbd.ttf",
             "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
             "/Library/Fonts/Arial Bold.ttf",
             "/usr/share/fonts/truetype/msttcorefonts/Arial_Bold.ttf",
             "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
             "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf",
             "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
}


@dataclass(frozen=True)
class Card:
    title: str  # the section's title, large
    project: str  # the project's full name
    byline: str  # e.g. "Interreg Europe · Ungheni District Council"
    statement: str  # "Co-funded by the European Union", in the page's language
    # An item's own photo (sitegen/images.py: upright, sRGB, no metadata) and the key of its
    # bytes; such a card is a JPEG whose name carries its key (a JPEG keeps no text of ours).
    photo: Path | None = None
    photo_key: str = ""

    def key(self, fonts: dict[str, str]) -> str:
        parts = [VERSION, self.title, self.project, self.byline, self.statement, self.photo_key,
                 *sorted(fonts.values())]
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def find_fonts() -> dict[str, str] | None:
    found = {style: next((p for p in paths if Path(p).is_file()), None) for style, paths in FONTS.items()}
    return found if all(found.values()) else None


def star(cx: float, cy: float, radius: float) -> list[tuple[float, float]]:
    """An upright five-pointed star whose points lie on a circle of `radius`."""
    inner = radius * math.sin(math.radians(18)) / math.sin(math.radians(54))
    return [(cx + r * math.sin(math.radians(36 * i)), cy - r * math.cos(math.radians(36 * i)))
            for i, r in enumerate([radius, inner] * 5)]


def emblem(height: int) -> Image.Image:
    """The EU emblem to the Council of Europe's specification, drawn 4× larger then reduced
    (Pillow's polygons have no anti-aliasing)."""
    scale = 4
    h = height * scale
    image = Image.new("RGB", (h * 3 // 2, h), EU_BLUE)
    draw = ImageDraw.Draw(image)
    cx, cy = h * 3 / 4, h / 2
    for hour in range(12):
        angle = math.radians(30 * hour)
        draw.polygon(star(cx + h / 3 * math.sin(angle), cy - h / 3 * math.cos(angle), h / 18), fill=EU_YELLOW)
    return image.resize((height * 3 // 2, height), Image.LANCZOS)


def render(card: Card, fonts: dict[str, str]) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    regular = lambda size: ImageFont.truetype(fonts["regular"], size)  # noqa: E731
    bold = lambda size: ImageFont.truetype(fonts["bold"], size)  # noqa: E731
    # The emblem, with the statement in full beside it, in reflex blue.
    image.paste(emblem(96), (64, 56))
    draw.text((64 + 144 + 28, 56 + 48), card.statement, font=regular(36), fill=EU_BLUE, anchor="lm")
    draw.line([(64, 196), (WIDTH - 64, 196)], fill=(0xDD, 0xDD, 0xDD), width=2)
    y = 236
    for line in textwrap.wrap(card.title, 26)[:3]:
        draw.text((64, y), line, font=bold(64), fill=TEXT)
        y += 78
    y = max(y + 24, 440)
    for line in textwrap.wrap(card.project, 52)[:2]:
        draw.text((64, y), line, font=regular(34), fill=TEXT)
        y += 44
    draw.text((64, HEIGHT - 56), card.byline, font=regular(26), fill=(0x44, 0x44, 0x44), anchor="ls")
    draw.rectangle([(0, HEIGHT - 16), (WIDTH, HEIGHT)], fill=EU_BLUE)
    return image


def fits_photo(width: int, height: int) -> bool:
    """Whether a photo of this size fills a card's photo area without being enlarged."""
    return width >= WIDTH and height >= PHOTO_HEIGHT


def render_photo(card: Card, fonts: dict[str, str]) -> Image.Image:
    """The item's photo, cropped to fill the card above the band, keeping its centre."""
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    with Image.open(card.photo) as photo:
        # A transparent photo shows over white, as on the pages (not over what its clear pixels hold).
        flat = Image.alpha_composite(Image.new("RGBA", photo.size, "white"), photo.convert("RGBA")).convert("RGB")
        image.paste(ImageOps.fit(flat, (WIDTH, PHOTO_HEIGHT), Image.LANCZOS), (0, 0))
    draw = ImageDraw.Draw(image)
    flag = 64
    image.paste(emblem(flag), (40, PHOTO_HEIGHT + (BAND - flag) // 2))
    draw.text((40 + flag * 3 // 2 + 24, PHOTO_HEIGHT + BAND // 2), card.statement,
              font=ImageFont.truetype(fonts["regular"], 32), fill=EU_BLUE, anchor="lm")
    return image


def photo_name(card: Card, fonts: dict[str, str]) -> str:
    return f"{card.key(fonts)[:16]}.jpg"


def sync(folder: Path, cards: dict[str, Card], fonts: dict[str, str]) -> int:
    """Make `folder` hold one image per card (relative path -> card); an image whose card did not
    change is not drawn again. Returns how many were written."""
    written = 0
    for rel, card in cards.items():
        path = folder / rel
        if card.photo is not None:
            if path.is_file():  # its name ends with the card's key (photo_name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            # A new image, so nothing but pixels: no EXIF, no comment, no colour profile.
            render_photo(card, fonts).save(path, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
            written += 1
            continue
        key = card.key(fonts)
        if path.is_file() and _stored_key(path) == key:
            continue
        info = PngImagePlugin.PngInfo()
        info.add_text("sitegen-key", key)
        path.parent.mkdir(parents=True, exist_ok=True)
        render(card, fonts).save(path, "PNG", optimize=True, pnginfo=info)
        written += 1
    for path in sorted(folder.rglob("*"), reverse=True) if folder.is_dir() else []:
        if path.is_file() and path.relative_to(folder).as_posix() not in cards:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written


def _stored_key(path: Path) -> str | None:
    try:
        with Image.open(path) as image:
            # `info` holds the text chunks written before the pixels: no need to decode them
            # (`image.text` would), which made checking an unchanged image 20 times slower.
            return image.info.get("sitegen-key")
    except OSError:
        return None
