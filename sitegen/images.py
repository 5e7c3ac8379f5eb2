"""Photos as the site publishes them: a few widths in WebP, turned upright, in sRGB, without metadata.

An officer drops a photo from a phone into content/media/ (6000 × 4000 pixels, 20 MB, rotated by its
EXIF orientation, with GPS coordinates and the phone's make in its metadata) and names it in an
`image` field or a `gallery`. The check reads each photo's header: its format by its bytes (never by
its name), size and orientation, and reports what cannot be published. The build then encodes each
photo once per width, with the orientation applied, converted to sRGB and with every metadata field
left behind (a public authority must not publish where a photo was taken, or with what), and
publishes only these: never the original.

Encoded images are kept in .cache/images/ in the project (ignored by git), under a name made of
the source's SHA-256 and the encoding settings, so a rebuild encodes nothing that it encoded before.
A small index there remembers each source's hash by its size and modification time, so an
unchanged 20 MB photo is not even read again. Deleting the folder only costs the next build time.

Plain Python and Pillow; no MkDocs. Templates show every image through the `picture` macro
(templates/_macros.html) with what `Photos.picture()` gives.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import time
import unicodedata
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, ImageCms, ImageMath, ImageOps, UnidentifiedImageError

from . import urls
from .problems import Problem, problem

VERSION = "2"  # change when the encoding changes in a way the settings below do not say
# (2: every image mode keeps its tones: 16-bit grey scaled, grey and palette photos' profiles applied)
WIDTHS = (400, 800, 1200, 1600)  # pixels; 1600 fills the widest slot (800 CSS px) on 2× screens
FORMAT, SUFFIX = "WEBP", ".webp"  # every browser in use shows WebP; it encodes 4× faster than AVIF here
QUALITY, METHOD = 75, 4  # Pillow's WebP quality and effort: a 1200-pixel photo weighs about 100 KB
# What phones and cameras save and Pillow reads in full (MPO: a JPEG with a second, hidden picture).
ACCEPTED = {"JPEG", "MPO", "PNG", "WEBP"}
# GitHub warns about files over 50 MB and refuses them over 100 MB, and every copy of the project
# carries each one for ever; a phone's largest photos (108 megapixels) stay under both limits.
MAX_BYTES = 50_000_000
MAX_PIXELS = 120_000_000  # decoding takes about 3 bytes of memory per pixel
# HEIF's ISO file-type box: "ftyp" at byte 4, then a brand (iPhones write heic and mif1).
HEIF_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"msf1"}
ORIENTATION = 0x0112  # EXIF tag
SIDEWAYS = {5, 6, 7, 8}  # orientations that swap width and height
CACHE = Path(".cache") / "images"  # in the project; .gitignore keeps it out of git
INDEX = "sources.json"
KEEP_UNUSED_DAYS = 30  # an encoded image no build used for this long is deleted (another branch's)
PUBLISHED = "images"  # docs/images/, then site/images/
MEDIA_PREFIX = "media/"
# Files that are photos by their name: never copied to the site as they are (Photos.originals).
PHOTO_SUFFIXES = {".jpg", ".jpeg", ".jpe", ".jfif", ".png", ".webp", ".avif", ".gif", ".heic", ".heif",
                  ".tif", ".tiff", ".bmp", ".dng", ".raw", ".cr2", ".nef", ".arw"}
SRGB = ImageCms.createProfile("sRGB")


@dataclass(frozen=True)
class Slot:
    """Where a picture is shown: its `sizes` (the CSS width it takes, for the browser to pick a
    width before the style sheet arrives) and the narrowest photo that does not look blurred there."""
    sizes: str
    min_width: int = 0


# The widths match docs/assets/css/site.css (Photos): a lead photo is at most 800 CSS pixels wide,
# a gallery has two columns from 690 pixels, a news thumbnail is 8rem (up to 192 pixels).
SLOTS = {
    "lead": Slot("(min-width: 840px) 800px, 100vw", 800),
    "gallery": Slot("(min-width: 840px) 400px, (min-width: 690px) 50vw, 100vw", 600),
    "thumb": Slot("192px"),
    "card": Slot("(min-width: 840px) 400px, 100vw"),
}
FIELD_SLOTS = {"image": "lead", "gallery": "gallery"}  # the content field -> where its photo is shown


@dataclass(frozen=True)
class Ref:
    """One place where content names a photo."""
    path: str  # "media/news/workshop.jpg", under content/
    file: str  # "content/ro/news.yml"
    line: int | None
    kind: str
    item: str
    field: str  # "image", "gallery.image"
    slot: str


@dataclass
class Source:
    """What the check knows of one photo file; kept in the index between runs."""
    size: int
    mtime: int  # nanoseconds
    digest: str = ""  # SHA-256 of the bytes
    format: str = ""
    width: int = 0  # as shown, the EXIF orientation applied
    height: int = 0
    problem: tuple[str, dict] | None = None  # message code and values, when it cannot be published
    decoded: bool = False  # its pixels were read in full once (a truncated file fails only then)

    def widths(self) -> list[int]:
        """The published widths: those of WIDTHS narrower than the photo, and the photo's own
        width (or the largest of WIDTHS): never wider than the photo or than any slot needs."""
        top = min(self.width, WIDTHS[-1])
        return [w for w in WIDTHS if w < top] + [top]

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))


@dataclass(frozen=True)
class Variant:
    width: int
    height: int
    key: str  # of the source's bytes and the settings: the cache file's name
    stem: str  # of the source's name, for a readable published name

    @property
    def cached_name(self) -> str:
        return self.key + SUFFIX


@dataclass(frozen=True)
class Picture:
    """One photo as a template shows it: URLs relative to the page."""
    src: str
    srcset: str
    sizes: str
    width: int
    height: int


@dataclass
class Report:
    sources: int = 0  # distinct photo files named by content
    encoded: int = 0  # images encoded in this build
    reused: int = 0  # images taken from the cache


# -- where content names photos --------------------------------------------------------------

def references(content, drafts: bool = True) -> list[Ref]:
    """Every photo named in the content (sitegen.content.Content), in every language, in list
    order; a draft's photos only with `drafts` (checked, never published)."""
    refs = []
    for lang in content.languages:
        for (code, key), by_id in content.by_id.items():
            if code != lang.code:
                continue
            drafted = sorted(i for k, i in content.drafts if k == key) if drafts else []
            for item_id in content.item_ids(key) + drafted:
                item = by_id.get(item_id)
                if item is None:
                    continue
                shown = content.file(lang.code, key, item_id)
                if "image" in item:
                    refs.append(Ref(item["image"], shown, content.line(lang.code, key, item_id, "image"), key,
                                    item_id, "image", FIELD_SLOTS["image"]))
                for n, entry in enumerate(item.get("gallery", [])):
                    refs.append(Ref(entry["image"], shown, content.line(lang.code, key, item_id, "gallery", n, "image"),
                                    key, item_id, "gallery.image", FIELD_SLOTS["gallery"]))
    return refs


def check(content, decode: bool = True) -> list[Problem]:
    """Problems of the photos the content names: format, file size, pixels, damage, too small for
    where they are shown; each reported once, where the photo is first named. `decode`: read the
    pixels of photos never read in full before (the build does it anyway while encoding)."""
    refs = references(content)
    index = Index(content.root / CACHE)
    media = content.root / "content"
    found: dict[tuple, Problem] = {}
    for ref in refs:
        where = dict(kind=ref.kind, item=ref.item, field=ref.field)
        file = _within_media(media, ref.path)
        if file is None:
            if (media / ref.path).is_file() or (media / ref.path).is_symlink():  # else content.py says it is missing
                found.setdefault((ref.path, "bad_file_path"), problem(ref.file, ref.line, "bad_file_path",
                                                                      value=ref.path, **where))
            continue
        source = index.inspect(file, ref.path, decode)
        if source.problem:
            code, values = source.problem
            found.setdefault((ref.path, code), problem(ref.file, ref.line, code, **where, **values))
        elif source.width < SLOTS[ref.slot].min_width:
            found.setdefault((ref.path, "image_too_small", ref.slot), problem(
                ref.file, ref.line, "image_too_small", **where, width=source.width, height=source.height,
                needed=SLOTS[ref.slot].min_width))
    index.save(keep={ref.path for ref in refs})
    return list(found.values()) + _gallery_differs(content)


def _gallery_differs(content) -> list[Problem]:
    """A gallery shows the same photos in the same order in every language; only words differ."""
    problems = []
    base = content.languages[0].code
    for lang in content.languages[1:]:
        for (code, key), items in content.by_id.items():
            if code != lang.code:
                continue
            for item_id, item in items.items():
                first = content.find(base, key, item_id)
                if first is None:
                    continue
                mine, theirs = _gallery_paths(item), _gallery_paths(first)
                if mine != theirs:
                    shown, line = content.where(lang.code, key, item_id, "gallery")
                    problems.append(problem(shown, line, "neutral_differs", kind=key,
                                            item=item_id, field="gallery.image", file=content.file(base, key, item_id),
                                            value=", ".join(theirs) or "—"))
    return problems


def _gallery_paths(item: dict) -> list[str]:
    return [entry["image"] for entry in item.get("gallery", [])]


def _within_media(content_dir: Path, path: str) -> Path | None:
    """The file a content path names, when it is a regular file inside content/media/ reached
    without a symbolic link: a link could lead anywhere on the machine, and is never followed."""
    parts = PurePosixPath(path).parts
    if not path.startswith(MEDIA_PREFIX) or ".." in parts:
        return None
    file = content_dir
    for part in parts:
        file = file / part
        if file.is_symlink():
            return None
    return file if file.is_file() else None


# -- reading a photo's header ------------------------------------------------------------------

class Index:
    """The photos' hashes and headers by path, size and modification time (.cache/images/sources.json)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.entries: dict[str, Source] = {}
        self.changed = False
        try:
            raw = json.loads((folder / INDEX).read_text(encoding="utf-8"))
            if raw.get("version") == VERSION:
                self.entries = {path: _source(value) for path, value in raw["sources"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            pass  # no index yet, or an unreadable one: every photo is read again

    def inspect(self, file: Path, path: str, decode: bool) -> Source:
        stat = file.stat()
        known = self.entries.get(path)
        if known and (known.size, known.mtime) == (stat.st_size, stat.st_mtime_ns) and (
                known.decoded or known.problem or not decode):
            return known
        source = Source(stat.st_size, stat.st_mtime_ns)
        if stat.st_size > MAX_BYTES:
            source.problem = ("image_file_too_large", {"size": _megabytes(stat.st_size),
                                                       "limit": _megabytes(MAX_BYTES)})
        else:
            data = file.read_bytes()
            source.digest = hashlib.sha256(data).hexdigest()
            if known and known.digest == source.digest:  # touched, not changed
                source = Source(**{**asdict(known), "size": stat.st_size, "mtime": stat.st_mtime_ns})
            else:
                _read_header(data, source)
            if decode and not source.problem and not source.decoded:
                _decode_check(data, source)
        self.entries[path] = source
        self.changed = True
        return source

    def save(self, keep: set[str]) -> None:
        """Write the index with the photos still named by content (best effort: it is a cache)."""
        stale = set(self.entries) - keep
        for path in stale:
            del self.entries[path]
        if not (self.changed or stale):
            return
        data = {"version": VERSION, "sources": {p: asdict(s) for p, s in sorted(self.entries.items())}}
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.folder / INDEX, json.dumps(data, indent=1).encode("utf-8"))
        except OSError:
            pass
        self.changed = False


def _source(value: dict) -> Source:
    source = Source(**value)
    if source.problem is not None:
        source.problem = (source.problem[0], dict(source.problem[1]))
    return source


def _read_header(data: bytes, source: Source) -> None:
    """Format, size and orientation from the file's first bytes, or the problem that stops it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)  # our own limit is below
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        source.problem = ("image_too_many_pixels", {"pixels": _megapixels(int(pixels[1])) if pixels else "?",
                                                    "limit": _megapixels(MAX_PIXELS)})
        return
    except UnidentifiedImageError:
        source.problem = ("image_heif", {}) if _is_heif(data) else ("image_unknown", {})
        return
    except Exception as exc:  # a damaged header: Pillow raises many kinds
        source.problem = ("image_damaged", {"detail": _detail(exc)})
        return
    with image:
        source.format = image.format or "?"
        width, height = image.size
        try:
            orientation = image.getexif().get(ORIENTATION, 1)
        except Exception:  # unreadable EXIF: the photo is still shown, as stored
            orientation = 1
    source.width, source.height = (height, width) if orientation in SIDEWAYS else (width, height)
    if source.format not in ACCEPTED:
        source.problem = ("image_format", {"format": source.format})
    elif width * height > MAX_PIXELS:
        source.problem = ("image_too_many_pixels", {"pixels": _megapixels(width * height),
                                                    "limit": _megapixels(MAX_PIXELS)})


def _decode_check(data: bytes, source: Source) -> None:
    """Read every pixel, at an eighth of the size for a JPEG (four times faster): a file cut short
    by an interrupted copy has a good header and fails only here."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format in ("JPEG", "MPO"):
                image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
        source.decoded = True
    except Exception as exc:
        source.problem = ("image_damaged", {"detail": _detail(exc)})


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and (data[8:12] in HEIF_BRANDS or any(
        data[i:i + 4] in HEIF_BRANDS for i in range(16, min(len(data), 64), 4)))


def _detail(exc: Exception) -> str:
    return str(exc).split("\n")[0] or type(exc).__name__


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f}".rstrip("0").rstrip(".")


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1e6:.0f}"


# -- the build: encode, cache, publish ---------------------------------------------------------

class Photos:
    """Every photo the content names, encoded (or found in the cache) and ready to publish."""

    def __init__(self, root: Path, content):
        self.content_dir = root / "content"
        self.cache = root / CACHE
        self.refs = references(content, drafts=False)
        # Files that documents link to are published as they are, whatever they hold.
        self.documents = {item["file"] for lang in content.data.values() for items in lang.values()
                          if isinstance(items, list) for item in items if "file" in item}
        self.index = Index(self.cache)
        self.sources: dict[str, Source] = {}
        self.files: dict[str, Path] = {}
        self._variants: dict[str, list[Variant]] = {}  # path -> its widths, once known
        self.report = Report()

    def prepare(self) -> list[Problem]:
        """Encode every width not in the cache yet, the photos in parallel. Returns the photos
        that turned out damaged (the check reads headers only): nothing may be published then."""
        first: dict[str, Ref] = {}
        for ref in self.refs:
            first.setdefault(ref.path, ref)
        jobs = []
        for path, ref in first.items():
            file = _within_media(self.content_dir, path)
            if file is None:
                raise ValueError(f"{path}: not a file in content/media/")  # the check stops this first
            source = self.index.inspect(file, path, decode=False)
            if source.problem:
                raise ValueError(f"{path}: {source.problem[0]}")  # the check stops this first
            self.sources[path], self.files[path] = source, file
            missing = [v for v in self.variants(path) if not (self.cache / v.cached_name).is_file()]
            self.report.reused += len(self.variants(path)) - len(missing)
            if missing:
                jobs.append((path, ref, missing))
        self.report.sources = len(first)
        problems = []
        if jobs:
            self.cache.mkdir(parents=True, exist_ok=True)
            self.index.changed = True  # the photos read in full are marked so
        workers = max(1, min(len(jobs), os.cpu_count() or 1))
        with ThreadPoolExecutor(workers) as pool:  # Pillow decodes, resizes and encodes without the GIL
            for (path, ref, missing), error in zip(jobs, pool.map(self._encode, jobs)):
                if error:
                    self.sources[path].problem = ("image_damaged", {"detail": error})
                    problems.append(problem(ref.file, ref.line, "image_damaged", kind=ref.kind, item=ref.item,
                                            field=ref.field, detail=error))
                else:
                    self.sources[path].decoded = True
                    self.report.encoded += len(missing)
        self.index.save(keep=set(first))
        self._prune({v.cached_name for path in first for v in self.variants(path)})
        return problems

    def variants(self, path: str) -> list[Variant]:
        if path not in self._variants:  # every page that shows a photo asks again
            source = self.sources[path]
            self._variants[path] = [Variant(w, source.height_at(w), _key(source.digest, w), _stem(path))
                                    for w in source.widths()]
        return self._variants[path]

    def published_name(self, path: str, variant: Variant) -> str:
        """The image's path on the site: readable, and new whenever its bytes change."""
        return f"{PUBLISHED}/{variant.stem}-{variant.width}-{variant.key[:10]}{SUFFIX}"

    def picture(self, path: str, slot: str, page_url: str) -> Picture:
        """The photo at `path` as shown in `slot` on the page at `page_url` (with language prefix)."""
        variants = self.variants(path)
        link = lambda v: urls.relative(page_url, self.published_name(path, v))  # noqa: E731
        default = max((v for v in variants if v.width <= 800), key=lambda v: v.width, default=variants[0])
        largest = variants[-1]
        return Picture(src=link(default), srcset=", ".join(f"{link(v)} {v.width}w" for v in variants),
                       sizes=SLOTS[slot].sizes, width=largest.width, height=largest.height)

    def largest_file(self, path: str) -> tuple[Path, Variant]:
        """The cached largest width of a photo, e.g. to draw a share image from."""
        variant = self.variants(path)[-1]
        return self.cache / variant.cached_name, variant

    def published_path(self, path: str) -> str:
        """The site-relative path of a photo's largest published width (for the open data)."""
        return self.published_name(path, self.variants(path)[-1]) if path in self.sources else path

    def originals(self) -> set[str]:
        """Paths under content/media/ never to publish as they are: every photo content names
        (published encoded instead) and any other file that is a photo by its name, which nothing
        shows (a phone photo dropped there must not reach the site with its GPS position)."""
        named = {ref.path.removeprefix(MEDIA_PREFIX) for ref in self.refs}
        media = self.content_dir / "media"
        others = {p.relative_to(media).as_posix() for p in media.rglob("*")
                  if p.suffix.lower() in PHOTO_SUFFIXES} if media.is_dir() else set()
        return (named | others) - {path.removeprefix(MEDIA_PREFIX) for path in self.documents}

    def publish(self, folder: Path) -> int:
        """Make `folder` (docs/images/) hold exactly the encoded images; returns how many were copied."""
        wanted = {self.published_name(path, v).removeprefix(PUBLISHED + "/"): self.cache / v.cached_name
                  for path in self.sources for v in self.variants(path)}
        copied = 0
        for name, cached in wanted.items():
            dest = folder / name
            if dest.is_file() and dest.stat().st_size == cached.stat().st_size:
                continue  # the name carries the hash of the bytes: same name, same image
            folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(dest, cached.read_bytes())
            copied += 1
        if folder.is_dir():
            for path in folder.iterdir():
                if path.name not in wanted and path.is_file():
                    path.unlink()
        return copied

    def _encode(self, job) -> str | None:
        """Every missing width of one photo, written to the cache; the problem's text on failure."""
        path, _, missing = job
        try:
            with Image.open(self.files[path]) as image:
                base = _upright_srgb(image, max(v.width for v in missing), self.sources[path])
                for variant in sorted(missing, key=lambda v: -v.width):
                    if base.size != (variant.width, variant.height):
                        base = base.resize((variant.width, variant.height), Image.LANCZOS)
                    _write_atomic(self.cache / variant.cached_name, encode(base))
        except Exception as exc:  # a damaged file fails in many ways; each is the same problem here
            return _detail(exc)
        return None

    def _prune(self, used: set[str]) -> None:
        """Delete cached images that no build used for KEEP_UNUSED_DAYS (never touched after writing,
        so their age is their creation time)."""
        limit = time.time() - KEEP_UNUSED_DAYS * 86400
        for path in self.cache.glob("*" + SUFFIX) if self.cache.is_dir() else []:
            if path.name not in used and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)


def _upright_srgb(image: Image.Image, width: int, source: Source) -> Image.Image:
    """The photo's pixels as shown: decoded at the smallest scale that still gives `width` (a JPEG
    decodes at 1/2, 1/4 or 1/8 of its size much faster), turned by its EXIF orientation, in sRGB,
    as RGB (RGBA when it has transparency)."""
    if image.format in ("JPEG", "MPO"):
        scale = width / source.width
        image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
    image.load()
    icc = image.info.get("icc_profile")
    return to_srgb(ImageOps.exif_transpose(image), icc)


# The pixels an ICC profile describes, by its colour space: a profile of another space is ignored,
# as browsers ignore it (a grey PNG may not carry an RGB profile, nor a palette a grey one).
PROFILE_MODES = {"GRAY": "L", "RGB": "RGB", "CMYK": "CMYK"}
SIXTEEN_BITS = {"I", "I;16", "I;16L", "I;16B", "I;16N"}  # grey of 16 bits (mode I: as PNG and TIFF scans give it)


def to_srgb(image: Image.Image, icc: bytes | None = None) -> Image.Image:
    """Any image Pillow opens as the site publishes it: 8-bit sRGB, RGB, or RGBA when it has any
    transparency, every tone kept.

    - palette (P, PA): its colours, with the opacity of its entries or its transparent index;
    - premultiplied alpha (La, RGBa) undone; a transparent colour (PNG's tRNS on 1, L, RGB or 16-bit
      grey) becomes an alpha channel;
    - 16-bit grey (I;16, I;16B, and I, taken as 16 bits) scaled to 8 bits (0–65535 -> 0–255,
      rounded), never clipped; 32-bit float (F) as 0–1 when no value exceeds 1, else as 0–255;
    - colours through the photo's ICC profile (`icc`, else its own) when one fits its pixels (grey,
      RGB or CMYK), a 16-bit grey through a grey profile at 16 bits; without one the pixels are
      taken as sRGB, CMYK as browsers show it (R = (255 - C)(255 - K) / 255, Adobe's inverted JPEGs
      are read the right way up by Pillow), Lab (LAB) from D50, YCbCr and HSV by their formulas.
    (Pillow gives a 48-bit RGB PNG or TIFF as 8-bit RGB already, and 16-bit grey with alpha as RGBA.)
    """
    if icc is None:
        icc = image.info.get("icc_profile")
    colour, alpha = _colour_and_alpha(image)
    profile = _profile(icc)
    fits = PROFILE_MODES.get(profile.profile.xcolor_space.strip()) if profile else None  # the mode it describes
    rgb = None
    if fits == "L" and colour.mode in SIXTEEN_BITS:  # 16 bits into the transform: no banding
        rgb = _through(colour if colour.mode in ("I;16", "I;16B") else colour.convert("I").convert("I;16"), profile)
    if rgb is None:
        colour = _eight_bits(colour)
        rgb = _through(colour, profile) if fits == colour.mode else None
    if rgb is None:  # no profile, or one that does not fit or cannot be used: the pixels as they are
        if colour.mode == "LAB":
            rgb = ImageCms.profileToProfile(colour, ImageCms.createProfile("LAB"), SRGB, outputMode="RGB")
        else:
            rgb = colour if colour.mode == "RGB" else colour.convert("RGB")
    if alpha is not None:
        rgb.putalpha(alpha)
    return rgb


def _colour_and_alpha(image: Image.Image) -> tuple[Image.Image, Image.Image | None]:
    """The image's colour (its own mode, palette and premultiplied alpha resolved) and its opacity
    as an L image, or None when it has no transparency."""
    mode = image.mode
    if mode in ("P", "PA"):
        image = image.convert("RGBA" if image.has_transparency_data else "RGB")
    elif mode in ("La", "RGBa"):
        image = image.convert(mode.upper())
    elif "transparency" in image.info and mode in ("1", "L", "RGB"):
        image = image.convert("RGBA" if mode == "RGB" else "LA")  # Pillow turns the colour into alpha
    elif "transparency" in image.info and mode in SIXTEEN_BITS and isinstance(image.info["transparency"], int):
        key = image.info["transparency"]
        grey = image.convert("I")
        alpha = ImageMath.lambda_eval(lambda a: a["convert"](a["notequal"](a["grey"], key) * 255, "L"), grey=grey)
        return grey, alpha
    if image.mode in ("LA", "RGBA"):
        return image.convert(image.mode[:-1]), image.getchannel("A")
    return image, None


def _eight_bits(image: Image.Image) -> Image.Image:
    """Deeper pixels in 8 bits, scaled to their range (Pillow's own convert() clips them)."""
    if image.mode in SIXTEEN_BITS:
        grey = image if image.mode == "I" else image.convert("I")
        return grey.point(lambda v: v / 257 + 0.5).convert("L")  # convert() clips what lies beyond 0–65535
    if image.mode == "F":
        top = image.getextrema()[1]
        return image.point(lambda v: v * (255 if top <= 1 else 1) + 0.5).convert("L")
    if image.mode in ("1", "RGBX", "YCbCr", "HSV"):
        return image.convert("L" if image.mode == "1" else "RGB")
    return image  # L, RGB, CMYK, LAB


def _profile(icc: bytes | None) -> ImageCms.ImageCmsProfile | None:
    if not icc:
        return None
    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(icc))
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None  # a broken profile: the pixels are taken as sRGB, as browsers do


def _through(image: Image.Image, profile: ImageCms.ImageCmsProfile) -> Image.Image | None:
    """The image's colours from its profile to sRGB, as RGB; None when the transform fails."""
    try:
        return ImageCms.profileToProfile(image, profile, SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def encode(image: Image.Image) -> bytes:
    """WebP of the pixels alone: a new image without the source's `info` (EXIF, XMP, ICC, comments)."""
    out = io.BytesIO()
    bare(image).save(out, FORMAT, quality=QUALITY, method=METHOD)
    return out.getvalue()


def bare(image: Image.Image) -> Image.Image:
    """The same pixels in a new image that carries nothing else: Pillow's encoders write what an
    image's `info` holds (a JPEG's comment, for one) unless told otherwise."""
    return Image.frombytes(image.mode, image.size, image.tobytes())


def _key(digest: str, width: int) -> str:
    settings = f"{VERSION} {FORMAT} q{QUALITY} m{METHOD} {width}"
    return hashlib.sha256(f"{digest} {settings}".encode()).hexdigest()[:32]


def _stem(path: str) -> str:
    """"media/news/Atelier Ungheni.JPG" -> "atelier-ungheni": safe in any URL."""
    text = unicodedata.normalize("NFKD", PurePosixPath(path).stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "image"


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file, so that a build stopped halfway never leaves half an image."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
