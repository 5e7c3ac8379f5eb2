"""Every image mode Pillow opens keeps its tones through the photo pipeline (sitegen/images.py).

Each case makes a source in one mode with known tones (ramps from 32 to 208 and colour ramps, not
only black and white), runs it through what the build does to a photo (`_upright_srgb`, then
`encode`: Photos._encode) and, for the formats the check accepts (PNG, JPEG), through a real
generate() of a fixture project with all of them in one gallery; then decodes the published WebP
and compares it with the tones the source means, computed here from the case's own numbers (never
by the code under test): the mean absolute difference over every pixel and channel, each vertical
strip of the image, and the ends of the 32–208 ramps (never clipped to white or black).

Transparency stays in the published WebP (RGBA); a browser shows it over the page's background,
which is white everywhere photos are shown (Material's default scheme, `.ms-card` #fff): the
published image and the expected one are both laid over white before they are compared.

Colour profiles are written here byte by byte (ICC v2): a linear grey profile (gamma 1.0), Adobe RGB
(1998) and a CMYK printer profile (lut16) whose colours are darker than the naive conversion, so that
a profile that is ignored shows. A CMYK file without a profile is expected as Chromium and Firefox
show it: the naive conversion, R = (255 − C)(255 − K) / 255…, Adobe's inverted JPEGs (an APP14
marker, inks stored inverted, as Photoshop and Pillow write them) read the right way up.
"""
from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat

from conftest import copy_project
from contentfiles import add_item
from sitegen import images
from sitegen.generate import generate
from sitegen.languages import Language

LANGS = [Language("ro", "Română", True), Language("en", "English")]
W, H = 640, 192  # a gallery needs 600 px: published at 400 and 640 (the source's own width, not resampled)
BAND = H // 3
LO, HI = 32, 208  # the ramps' tones; the issue's 16-bit scan had these and came out white
BACKGROUND = (255, 255, 255)  # behind every photo on the site (see the docstring)
MAX_MEAN, MAX_STRIP, MAX_END = 3.0, 6.0, 6.0  # levels on 0–255 (WebP quality 75 is lossy)
STRIPS = 16


def tone(x: int) -> float:
    return LO + (HI - LO) * x / (W - 1)


# Three bands of rows: a grey ramp, then two colour ramps, all within 32–208.
COLOURS = (lambda t: (t, t, t), lambda t: (t, 240 - t, 128), lambda t: (240 - t, 120, t))


def colour(x: int, y: int) -> tuple[float, float, float]:
    return COLOURS[min(y // BAND, 2)](tone(x))


def alpha(x: int, y: int) -> int:
    """Opaque on top, half transparent in the middle, a transparent quarter and 40 % below."""
    band = y // BAND
    return 255 if band == 0 else 128 if band == 1 else (0 if x < W // 4 else 100)


def _image(mode: str, pixel) -> Image.Image:
    """An image of W × H whose pixel (x, y) is pixel(x, y) (a number or a tuple); every pattern here
    is the same down each band of rows, so one row per band is computed."""
    image = Image.new(mode, (W, H))
    for band in range(3):
        row = Image.new(mode, (W, 1))
        row.putdata([pixel(x, band * BAND) for x in range(W)])
        image.paste(row.resize((W, BAND), Image.NEAREST), (0, band * BAND))
    return image


def _expected(pixel) -> Image.Image:
    """The tones a browser should show: RGBA with pixel(x, y) = (r, g, b[, a]) as floats."""
    def rounded(x, y):
        value = pixel(x, y)
        value = value if len(value) == 4 else (*value, 255)
        return tuple(max(0, min(255, round(v))) for v in value)
    return _image("RGBA", rounded)


def _saved(image: Image.Image, fmt: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


# -- colour science, from the definitions (IEC 61966-2-1, CIE 1976 L*a*b*) ------------------------

D50 = (0.9642, 1.0, 0.8249)  # the ICC's connection space white


def _srgb_decode(v: float) -> float:
    v = v / 255
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _srgb_encode(v: float) -> float:
    v = max(0.0, min(1.0, v))
    return 255 * (v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055)


def _srgb_matrix() -> list[tuple[float, float, float]]:
    """sRGB's primaries in XYZ (D50), as the sRGB profile the pipeline converts to states them."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).profile
    return [profile.red_colorant[0], profile.green_colorant[0], profile.blue_colorant[0]]


SRGB_PRIMARIES = _srgb_matrix()
# Adobe RGB (1998), adapted to D50 (Bradford), and its gamma as an ICC curve stores it (563/256).
ADOBE_PRIMARIES = [(0.60974, 0.31111, 0.01947), (0.20528, 0.62567, 0.06087), (0.14919, 0.06322, 0.74457)]
ADOBE_GAMMA = 563 / 256


def _to_xyz(linear, primaries):
    return tuple(sum(linear[i] * primaries[i][j] for i in range(3)) for j in range(3))


def _solve(m, v):
    """x with sum(x[i] * m[i][j]) = v[j] (Cramer's rule on the 3 × 3 matrix)."""
    a = [[m[i][j] for i in range(3)] for j in range(3)]

    def det(n):
        return (n[0][0] * (n[1][1] * n[2][2] - n[1][2] * n[2][1]) - n[0][1] * (n[1][0] * n[2][2] - n[1][2] * n[2][0])
                + n[0][2] * (n[1][0] * n[2][1] - n[1][1] * n[2][0]))
    d = det(a)
    return tuple(det([[v[r] if c == k else a[r][c] for c in range(3)] for r in range(3)]) / d for k in range(3))


SRGB_OF_XYZ = [_solve(SRGB_PRIMARIES, e) for e in ((1, 0, 0), (0, 1, 0), (0, 0, 1))]  # linear sRGB of X, Y, Z alone


def _xyz_to_srgb(xyz):
    return tuple(_srgb_encode(sum(xyz[j] * SRGB_OF_XYZ[j][i] for j in range(3))) for i in range(3))


def adobe_to_srgb(rgb):
    return _xyz_to_srgb(_to_xyz([(c / 255) ** ADOBE_GAMMA for c in rgb], ADOBE_PRIMARIES))


def linear_grey_to_srgb(v: float) -> float:
    return _srgb_encode(v / 255)


def _lab(xyz):
    def f(t):
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
    fx, fy, fz = (f(c / w) for c, w in zip(xyz, D50))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def cmyk_naive(c, m, y, k):
    """What browsers show of CMYK without a profile (and Pillow's conversion): R = (1 − C)(1 − K)…"""
    return tuple((255 - v) * (255 - k) / 255 for v in (c, m, y))


def cmyk_printed(c, m, y, k):
    """What the test's CMYK profile says these inks look like: the naive colour, darker (dot gain)."""
    return tuple(255 * (v / 255) ** 1.4 for v in cmyk_naive(c, m, y, k))


# -- ICC profiles, byte by byte (ICC.1:2001-04, version 2.1) --------------------------------------

def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _xyz_tag(xyz) -> bytes:
    return b"XYZ " + bytes(4) + b"".join(_s15(v) for v in xyz)


def _curve(gamma: float) -> bytes:
    return b"curv" + bytes(4) + struct.pack(">IH", 1, round(gamma * 256))


def _profile(device_class: bytes, space: bytes, pcs: bytes, name: str, tags: dict[bytes, bytes]) -> bytes:
    text = name.encode() + b"\0"
    tags = {b"desc": b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67),
            b"cprt": b"text" + bytes(4) + b"No copyright, test data\0", b"wtpt": _xyz_tag(D50), **tags}
    start = 128 + 4 + 12 * len(tags)
    table, data = b"", b""
    for signature, body in tags.items():
        table += struct.pack(">4sII", signature, start + len(data), len(body))
        data += body + bytes(-len(body) % 4)
    header = (struct.pack(">I4sI4s4s4s", start + len(data), b"lcms", 0x02100000, device_class, space, pcs)
              + bytes(12) + b"acsp" + bytes(4 + 4 + 4 + 4 + 8 + 4) + b"".join(_s15(v) for v in D50)
              + bytes(4 + 16 + 28))
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + data


def grey_linear_icc() -> bytes:
    return _profile(b"mntr", b"GRAY", b"XYZ ", "Grey, linear (gamma 1.0)", {b"kTRC": _curve(1.0)})


def adobe_rgb_icc() -> bytes:
    tags = {tag: _xyz_tag(xyz) for tag, xyz in zip((b"rXYZ", b"gXYZ", b"bXYZ"), ADOBE_PRIMARIES)}
    tags |= {tag: _curve(ADOBE_GAMMA) for tag in (b"rTRC", b"gTRC", b"bTRC")}
    return _profile(b"mntr", b"RGB ", b"XYZ ", "Adobe RGB (1998), test copy", tags)


CMYK_GRID = 9  # grid points per ink


def cmyk_icc() -> bytes:
    """A printer profile (CMYK -> Lab, lut16) of cmyk_printed()."""
    step = 255 / (CMYK_GRID - 1)
    table = bytearray()
    for c in range(CMYK_GRID):
        for m in range(CMYK_GRID):
            for y in range(CMYK_GRID):
                for k in range(CMYK_GRID):
                    rgb = cmyk_printed(c * step, m * step, y * step, k * step)
                    lab = _lab(_to_xyz([_srgb_decode(v) for v in rgb], SRGB_PRIMARIES))
                    # version 2's 16-bit Lab: L* 100 is 0xFF00, a* and b* 0 are 0x8000
                    table += struct.pack(">3H", *(min(65535, max(0, round(v))) for v in (
                        lab[0] * 652.8, (lab[1] + 128) * 256, (lab[2] + 128) * 256)))
    identity = b"".join(_s15(1.0 if i == j else 0.0) for i in range(3) for j in range(3))
    ramp = struct.pack(">2H", 0, 65535)
    lut = (b"mft2" + bytes(4) + struct.pack(">4B", 4, 3, CMYK_GRID, 0) + identity + struct.pack(">2H", 2, 2)
           + ramp * 4 + bytes(table) + ramp * 3)
    return _profile(b"prtr", b"CMYK", b"Lab ", "CMYK, test press", {b"A2B0": lut})


GREY_ICC, ADOBE_ICC, CMYK_ICC = grey_linear_icc(), adobe_rgb_icc(), cmyk_icc()


# -- files Pillow cannot write: 16 bits per channel -------------------------------------------------

def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png16(colour_type: int, pixel, *chunks: bytes) -> bytes:
    """A 16-bit PNG (colour type 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA) of pixel(x, y) -> tuple."""
    rows = [b"\0" + b"".join(struct.pack(">H", v) for x in range(W) for v in pixel(x, band * BAND))
            for band in range(3)]
    raw = b"".join(rows[band] * BAND for band in range(3))
    header = struct.pack(">IIBBBBB", W, H, 16, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + b"".join(chunks)
            + _png_chunk(b"IDAT", zlib.compress(raw)) + _png_chunk(b"IEND", b""))


def tiff_rgb48(pixel) -> bytes:
    """An uncompressed 48-bit RGB TIFF (little-endian) of pixel(x, y) -> (r, g, b) 16-bit."""
    data = b"".join(b"".join(struct.pack("<3H", *pixel(x, band * BAND)) for x in range(W)) * BAND for band in range(3))
    entries = [(256, 3, 1, W), (257, 3, 1, H), (258, 3, 3, 0), (259, 3, 1, 1), (262, 3, 1, 2), (273, 4, 1, 0),
               (277, 3, 1, 3), (278, 3, 1, H), (279, 4, 1, len(data)), (284, 3, 1, 1)]
    ifd_size = 2 + 12 * len(entries) + 4
    bits_at = 8 + ifd_size
    data_at = bits_at + 6 + 2
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        value = {258: bits_at, 273: data_at}.get(tag, value)
        ifd += struct.pack("<HHIHH" if kind == 3 and count == 1 else "<HHII", tag, kind, count, value,
                           *((0,) if kind == 3 and count == 1 else ()))
    return b"II*\0" + struct.pack("<I", 8) + ifd + bytes(4) + struct.pack("<3H", 16, 16, 16) + bytes(2) + data


def _16(v: float) -> int:
    return round(v * 65535 / 255)


# -- the cases: (file name, source bytes, expected RGBA) -------------------------------------------

def grey(x, y):
    return (tone(x),) * 3


def _palette_image() -> tuple[Image.Image, list]:
    """A palette image of the three ramps: 3 × 85 colours (index 255 spare); returns it and its
    palette as (r, g, b) floats by index."""
    levels = 85
    colours = [COLOURS[b](LO + (HI - LO) * j / (levels - 1)) for b in range(3) for j in range(levels)] + [(0, 0, 0)]
    image = _image("P", lambda x, y: min(y // BAND, 2) * levels + round(x * (levels - 1) / (W - 1)))
    image.putpalette([round(v) for c in colours for v in c])
    return image, colours


def _index(image, x, y) -> int:
    return image.getpixel((x, y))


def case_1bit():
    bars = lambda x, y: 255 if (x // 40 + y // BAND) % 2 else 0  # noqa: E731 (wide bars: WebP blurs edges)
    return _saved(_image("1", bars), "PNG"), _expected(lambda x, y: (bars(x, y),) * 3)


def case_grey_png():
    return _saved(_image("L", lambda x, y: round(tone(x))), "PNG"), _expected(grey)


def case_grey_jpeg():
    return _saved(_image("L", lambda x, y: round(tone(x))), "JPEG", quality=95), _expected(grey)


def case_grey_transparent_png():
    """Grey with a transparent value (PNG's tRNS): the bottom band's left quarter is 0, transparent."""
    key = 0
    hole = lambda x, y: y >= 2 * BAND and x < W // 4  # noqa: E731
    source = _image("L", lambda x, y: key if hole(x, y) else round(tone(x)))
    return (_saved(source, "PNG", transparency=key),
            _expected(lambda x, y: (0, 0, 0, 0) if hole(x, y) else grey(x, y)))


def case_grey16_png():
    return png16(0, lambda x, y: (_16(tone(x)),)), _expected(grey)


def case_grey16_transparent_png():
    """16-bit grey with a transparent value (tRNS): the bottom band's left quarter is transparent."""
    hole = lambda x, y: y >= 2 * BAND and x < W // 4  # noqa: E731
    return (png16(0, lambda x, y: (1,) if hole(x, y) else (_16(tone(x)),), _png_chunk(b"tRNS", struct.pack(">H", 1))),
            _expected(lambda x, y: (0, 0, 0, 0) if hole(x, y) else grey(x, y)))


def case_grey16_alpha_png():
    return (png16(4, lambda x, y: (_16(tone(x)), _16(alpha(x, y)))),
            _expected(lambda x, y: (*grey(x, y), alpha(x, y))))


def case_grey16_tiff():
    return _saved(_image("I;16", lambda x, y: _16(tone(x))), "TIFF"), _expected(grey)


def case_grey16b_tiff():
    source = Image.frombytes("I;16B", (W, H), b"".join(struct.pack(">H", _16(tone(x))) for x in range(W)) * H)
    return _saved(source, "TIFF"), _expected(grey)


def case_grey32_tiff():
    """Mode I (32-bit integers) holding 16-bit tones, as a 16-bit scan converted by Pillow is."""
    return _saved(_image("I", lambda x, y: _16(tone(x))), "TIFF"), _expected(grey)


def case_rgb48_png():
    return (png16(2, lambda x, y: tuple(_16(v) for v in colour(x, y))), _expected(colour))


def case_rgba64_png():
    return (png16(6, lambda x, y: (*(_16(v) for v in colour(x, y)), _16(alpha(x, y)))),
            _expected(lambda x, y: (*colour(x, y), alpha(x, y))))


def case_rgb48_tiff():
    return tiff_rgb48(lambda x, y: tuple(_16(v) for v in colour(x, y))), _expected(colour)


def case_palette_png():
    source, colours = _palette_image()
    return _saved(source, "PNG"), _expected(lambda x, y: colours[_index(source, x, y)])


def case_palette_transparent_index_png():
    """A palette with one transparent entry (as GIFs have): the bottom band's left quarter."""
    source, colours = _palette_image()
    for x in range(W // 4):
        for y in range(2 * BAND, H):
            source.putpixel((x, y), 255)
    return (_saved(source, "PNG", transparency=255),
            _expected(lambda x, y: (0, 0, 0, 0) if _index(source, x, y) == 255 else colours[_index(source, x, y)]))


def case_palette_alphas_png():
    """A palette whose entries have their own opacity (PNG's tRNS): the middle band's colours at
    50 %, the last band's at 0–100 % along the ramp."""
    source, colours = _palette_image()
    opacity = [255] * 85 + [128] * 85 + [round(255 * j / 84) for j in range(85)] + [255]
    return (_saved(source, "PNG", transparency=bytes(opacity)),
            _expected(lambda x, y: (*colours[_index(source, x, y)], opacity[_index(source, x, y)])))


def case_grey_alpha_png():
    return (_saved(_image("LA", lambda x, y: (round(tone(x)), alpha(x, y))), "PNG"),
            _expected(lambda x, y: (*grey(x, y), alpha(x, y))))


def case_rgba_png():
    return (_saved(_image("RGBA", lambda x, y: (*(round(v) for v in colour(x, y)), alpha(x, y))), "PNG"),
            _expected(lambda x, y: (*colour(x, y), alpha(x, y))))


def case_rgb_png():
    return _saved(_image("RGB", lambda x, y: tuple(round(v) for v in colour(x, y))), "PNG"), _expected(colour)


def _inks(x, y):
    """CMYK ramps: black ink alone (a grey ramp), cyan and magenta, then all four inks."""
    t = 255 - tone(x)  # ink: 223 to 47
    band = min(y // BAND, 2)
    return [(0, 0, 0, t), (t, 255 - t, 0, 0), (t * 0.5, 40, 255 - t, 30)][band]


def _cmyk_source():
    return _image("CMYK", lambda x, y: tuple(round(v) for v in _inks(x, y)))


def case_cmyk_jpeg():
    """Photoshop's CMYK JPEG: an Adobe marker and inverted inks (Pillow writes it so)."""
    data = _saved(_cmyk_source(), "JPEG", quality=95, subsampling=0)
    assert b"\xff\xee\x00\x0eAdobe" in data  # APP14
    return data, _expected(lambda x, y: cmyk_naive(*(round(v) for v in _inks(x, y))))


def case_cmyk_icc_jpeg():
    data = _saved(_cmyk_source(), "JPEG", quality=95, subsampling=0, icc_profile=CMYK_ICC)
    return data, _expected(lambda x, y: cmyk_printed(*(round(v) for v in _inks(x, y))))


def case_cmyk_tiff():
    return _saved(_cmyk_source(), "TIFF"), _expected(lambda x, y: cmyk_naive(*(round(v) for v in _inks(x, y))))


def case_cmyk_icc_tiff():
    return (_saved(_cmyk_source(), "TIFF", icc_profile=CMYK_ICC),
            _expected(lambda x, y: cmyk_printed(*(round(v) for v in _inks(x, y)))))


def case_adobe_rgb_png():
    source = _image("RGB", lambda x, y: tuple(round(v) for v in colour(x, y)))
    return _saved(source, "PNG", icc_profile=ADOBE_ICC), _expected(lambda x, y: adobe_to_srgb(source.getpixel((x, y))))


def case_adobe_rgb_jpeg():
    source = _image("RGB", lambda x, y: tuple(round(v) for v in colour(x, y)))
    return (_saved(source, "JPEG", quality=95, subsampling=0, icc_profile=ADOBE_ICC),
            _expected(lambda x, y: adobe_to_srgb(source.getpixel((x, y)))))


def case_adobe_rgba_png():
    source = _image("RGBA", lambda x, y: (*(round(v) for v in colour(x, y)), alpha(x, y)))
    return (_saved(source, "PNG", icc_profile=ADOBE_ICC),
            _expected(lambda x, y: (*adobe_to_srgb(source.getpixel((x, y))[:3]), alpha(x, y))))


def case_adobe_palette_png():
    source, colours = _palette_image()
    return (_saved(source, "PNG", icc_profile=ADOBE_ICC),
            _expected(lambda x, y: adobe_to_srgb(tuple(round(v) for v in colours[_index(source, x, y)]))))


def _linear_grey(x, y):
    return (linear_grey_to_srgb(round(tone(x))),) * 3


def case_grey_icc_png():
    return _saved(_image("L", lambda x, y: round(tone(x))), "PNG", icc_profile=GREY_ICC), _expected(_linear_grey)


def case_grey_icc_jpeg():
    return (_saved(_image("L", lambda x, y: round(tone(x))), "JPEG", quality=95, icc_profile=GREY_ICC),
            _expected(_linear_grey))


def case_grey_alpha_icc_png():
    return (_saved(_image("LA", lambda x, y: (round(tone(x)), alpha(x, y))), "PNG", icc_profile=GREY_ICC),
            _expected(lambda x, y: (*_linear_grey(x, y), alpha(x, y))))


def case_grey16_icc_png():
    iccp = _png_chunk(b"iCCP", b"grey linear\0\0" + zlib.compress(GREY_ICC))
    return (png16(0, lambda x, y: (_16(tone(x)),), iccp),
            _expected(lambda x, y: (linear_grey_to_srgb(tone(x)),) * 3))


CASES = {  # name -> (file name, what makes it, the mode Pillow 12 opens it in)
    "1": ("bits.png", case_1bit, "1"),
    "L png": ("grey.png", case_grey_png, "L"),
    "L jpeg": ("grey-jpeg.jpg", case_grey_jpeg, "L"),
    "L transparency png": ("grey-key.png", case_grey_transparent_png, "L"),
    "I;16 png": ("grey16.png", case_grey16_png, "I;16"),
    "I;16 transparency png": ("grey16-key.png", case_grey16_transparent_png, "I;16"),
    "16-bit grey+alpha png": ("grey16-alpha.png", case_grey16_alpha_png, "RGBA"),
    "I;16 tiff": ("grey16-tiff.tif", case_grey16_tiff, "I;16"),
    "I;16B tiff": ("grey16b-tiff.tif", case_grey16b_tiff, "I;16B"),
    "I tiff": ("grey32-tiff.tif", case_grey32_tiff, "I"),
    "48-bit RGB png": ("rgb48.png", case_rgb48_png, "RGB"),
    "64-bit RGBA png": ("rgba64.png", case_rgba64_png, "RGBA"),
    "48-bit RGB tiff": ("rgb48-tiff.tif", case_rgb48_tiff, "RGB"),
    "P png": ("palette.png", case_palette_png, "P"),
    "P transparency index png": ("palette-key.png", case_palette_transparent_index_png, "P"),
    "P transparency alphas png": ("palette-alphas.png", case_palette_alphas_png, "P"),
    "LA png": ("grey-alpha.png", case_grey_alpha_png, "LA"),
    "RGB png": ("rgb.png", case_rgb_png, "RGB"),
    "RGBA png": ("rgba.png", case_rgba_png, "RGBA"),
    "CMYK jpeg (Adobe, inverted)": ("cmyk-jpeg.jpg", case_cmyk_jpeg, "CMYK"),
    "CMYK jpeg icc": ("cmyk-icc-jpeg.jpg", case_cmyk_icc_jpeg, "CMYK"),
    "CMYK tiff": ("cmyk-tiff.tif", case_cmyk_tiff, "CMYK"),
    "CMYK tiff icc": ("cmyk-icc-tiff.tif", case_cmyk_icc_tiff, "CMYK"),
    "RGB Adobe RGB png": ("adobe.png", case_adobe_rgb_png, "RGB"),
    "RGB Adobe RGB jpeg": ("adobe-jpeg.jpg", case_adobe_rgb_jpeg, "RGB"),
    "RGBA Adobe RGB png": ("adobe-alpha.png", case_adobe_rgba_png, "RGBA"),
    "P Adobe RGB png": ("adobe-palette.png", case_adobe_palette_png, "P"),
    "L grey icc png": ("grey-icc.png", case_grey_icc_png, "L"),
    "L grey icc jpeg": ("grey-icc-jpeg.jpg", case_grey_icc_jpeg, "L"),
    "LA grey icc png": ("grey-alpha-icc.png", case_grey_alpha_icc_png, "LA"),
    "I;16 grey icc png": ("grey16-icc.png", case_grey16_icc_png, "I;16"),
}
# What the check accepts (PNG, JPEG): these also go through a real build.
BUILT = [name for name, (file, *_) in CASES.items() if not file.endswith(".tif")]


_made: dict[str, tuple[bytes, Image.Image]] = {}


def made(name: str) -> tuple[bytes, Image.Image]:
    if name not in _made:
        _made[name] = CASES[name][1]()
    return _made[name]


# -- comparing ---------------------------------------------------------------------------------------

def _over_background(image: Image.Image) -> Image.Image:
    """The image as shown over the site's background, in RGB."""
    rgba = image.convert("RGBA") if image.mode != "RGBA" else image
    return Image.alpha_composite(Image.new("RGBA", rgba.size, (*BACKGROUND, 255)), rgba).convert("RGB")


def _mean(image: Image.Image, box=None) -> float:
    """The mean of every channel of every pixel (in `box`)."""
    return sum(ImageStat.Stat(image.crop(box) if box else image).mean) / len(image.getbands())


def differences(published: Image.Image, expected: Image.Image) -> dict:
    """Mean absolute difference over all pixels and channels, the worst of STRIPS vertical strips,
    and the grey ramp's published ends (left and right 1/32, top band) against the expected ones."""
    assert published.size == expected.size
    got, want = _over_background(published), _over_background(expected)
    diff = ImageChops.difference(got, want)
    strips = [_mean(diff, (i * W // STRIPS, 0, (i + 1) * W // STRIPS, H)) for i in range(STRIPS)]
    ends = {side: (_mean(got, (x0, 4, x1, BAND - 4)), _mean(want, (x0, 4, x1, BAND - 4)))
            for side, (x0, x1) in (("dark", (4, W // 32)), ("light", (W - W // 32, W - 4)))}
    return {"mean": _mean(diff), "worst strip": max(strips), "ends": ends}


def _assert_faithful(name: str, published: Image.Image, expected: Image.Image) -> None:
    result = differences(published, expected)
    report = f"{name}: mean {result['mean']:.2f}, worst strip {result['worst strip']:.2f}, ends " + ", ".join(
        f"{side} {got:.1f} (expected {want:.1f})" for side, (got, want) in result["ends"].items())
    print(report)
    assert result["mean"] <= MAX_MEAN, report
    assert result["worst strip"] <= MAX_STRIP, report
    for got, want in result["ends"].values():
        assert abs(got - want) <= MAX_END, report
    has_alpha = any(a < 255 for a in expected.getchannel("A").tobytes())
    assert published.mode == ("RGBA" if has_alpha else "RGB"), (name, published.mode)


def through_pipeline(data: bytes) -> Image.Image:
    """What Photos._encode does to a photo at its own width (no resampling), decoded again."""
    with Image.open(io.BytesIO(data)) as image:
        upright = image.width, image.height  # none of the cases is turned by EXIF
        source = images.Source(len(data), 0, width=upright[0], height=upright[1])
        webp = images.encode(images._upright_srgb(image, upright[0], source))
    published = Image.open(io.BytesIO(webp))
    published.load()
    assert published.format == "WEBP"
    return published


# -- the tests ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", CASES)
def test_cases_are_the_modes_named(name):
    data, _ = made(name)
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == CASES[name][2], (name, image.mode)


def test_pillow_reads_16_bit_rgb_as_8_bit_rgb():
    """Pillow 12 opens a 48-bit PNG or TIFF as RGB with 8 bits per channel (the high byte of each
    16-bit value): its tones are kept, only the low byte is dropped before the pipeline sees it."""
    for data in (png16(2, lambda x, y: (0x7FFF, 0x8000, 0xC0C0)), tiff_rgb48(lambda x, y: (0x7FFF, 0x8000, 0xC0C0))):
        with Image.open(io.BytesIO(data)) as image:
            assert image.mode == "RGB" and image.getpixel((0, 0)) == (0x7F, 0x80, 0xC0)


@pytest.mark.parametrize("name", CASES)
def test_every_mode_keeps_its_tones(name):
    data, expected = made(name)
    _assert_faithful(name, through_pipeline(data), expected)


def test_modes_without_a_file_keep_their_tones():
    """Modes no accepted file gives but a conversion may: PA (palette + alpha), RGBa and La
    (premultiplied), RGBX, YCbCr, HSV, LAB, F (32-bit float, 0–1 or 0–255) keep their tones too."""
    palette, colours = _palette_image()
    pa = palette.convert("PA")
    pa.putalpha(_image("L", alpha))
    rgba = _image("RGBA", lambda x, y: (*(round(v) for v in colour(x, y)), alpha(x, y)))
    rgb = rgba.convert("RGB")
    la = _image("LA", lambda x, y: (round(tone(x)), alpha(x, y)))
    lab = _image("LAB", lambda x, y: (round(_lab(_to_xyz([_srgb_decode(round(tone(x)))] * 3, SRGB_PRIMARIES))[0]
                                            * 255 / 100), 128, 128))
    unit = _image("F", lambda x, y: round(tone(x)) / 255)
    cases = {
        "PA": (pa, _expected(lambda x, y: (*colours[palette.getpixel((x, y))], alpha(x, y)))),
        "RGBa": (rgba.convert("RGBa"), _expected(lambda x, y: rgba.getpixel((x, y)))),
        "La": (la.convert("La"), _expected(lambda x, y: (*grey(x, y), alpha(x, y)))),
        "RGBX": (rgb.convert("RGBX"), _expected(colour)),
        "YCbCr": (rgb.convert("YCbCr"), _expected(colour)),
        "HSV": (rgb.convert("HSV"), _expected(colour)),
        "LAB": (lab, _expected(grey)),
        "F 0-255": (_image("F", lambda x, y: tone(x)), _expected(grey)),
        "F 0-1": (unit, _expected(grey)),
    }
    failed = []
    for name, (image, expected) in cases.items():
        source = images.Source(0, 0, width=W, height=H)
        try:
            published = Image.open(io.BytesIO(images.encode(images._upright_srgb(image, W, source))))
            _assert_faithful(name, published, expected)
        except Exception as exc:  # a mode the pipeline cannot convert fails as surely as one it darkens
            failed.append(f"{name}: {exc!r}")
    assert not failed, "\n".join(failed)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """A real generate() of the fixture project with every accepted case in one news gallery;
    returns the docs folder it published to."""
    project = copy_project(tmp_path_factory.mktemp("modes") / "p")
    media = project / "content" / "media" / "modes"
    media.mkdir()
    gallery = ""
    for name in BUILT:
        file = CASES[name][0]
        (media / file).write_bytes(made(name)[0])
        gallery += f"  - image: media/modes/{file}\n    alt: {name}\n"
    add_item(project, "news", "modes", f"title: Modes\ndate: 2024-03-01\nsummary: S\ngallery:\n{gallery}")
    report = generate(project, project / "docs", LANGS, today=dt.date(2025, 1, 1))
    assert report.images.sources >= len(BUILT)
    return project / "docs"


@pytest.mark.parametrize("name", BUILT)
def test_the_build_publishes_every_mode_with_its_tones(built, name):
    stem = Path(CASES[name][0]).stem
    [published] = (built / "images").glob(f"{stem}-{W}-*.webp")
    with Image.open(published) as image:
        image.load()
        _assert_faithful(name, image, made(name)[1])
