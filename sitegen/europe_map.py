"""The partners map: country outlines and one marker per partner, drawn at build time as SVG.

Natural Earth boundaries (sitegen/data/countries-110m.json, TopoJSON) are projected with the
Lambert azimuthal equal-area projection centred on the partners, the projection Europe's own maps
use (ETRS89-LAEA), and framed around the partners' cities. No JavaScript, no tiles.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from babel.core import get_global

from . import mapmarkers

DATA = Path(__file__).resolve().parent / "data" / "countries-110m.json"
WIDTH = 1000
MARGIN = 0.18  # share of the partners' extent added around them, so the map shows context
# px of the 1000-px drawing (shown about 350 px wide): the outline may move this much, unseen.
TOLERANCE = 2.5
# The partners map is one drawing shown two ways: on a phone, the partners' own box (taller than
# wide for Europe's partners), as wide as the screen; from WIDE_FROM CSS px of the map's width,
# the whole drawing, WIDE times as wide as it is tall, so that a desktop shows it at the column's
# width without scrolling, with Europe around the partners. charts.css holds the same WIDE_FROM in
# its container query (.ms-map). Markers are kept apart for each view at its narrowest.
WIDE = 1.5
WIDE_FROM = 720
TALL = 1.25  # the phone's view is at most this many times as tall as it is wide
MIN_WIDTH = 288  # CSS px: the narrowest map shown, a 320-px phone less the page's margins
MARKER_SIZE = 28  # CSS px: a marker's box, for a number at the body text's size (16 px)
HOME_SIZE = 34  # CSS px: the home partner's marker, with its ring


@dataclass(frozen=True)
class Marker:
    number: int
    label: str  # accessible name, e.g. "Burgenlandkreis, Naumburg (Saale)"
    href: str
    lat: float
    lon: float
    highlight: bool = False


@dataclass(frozen=True)
class Shape:
    country: str  # ISO 3166-1 alpha-2, "" if unknown
    path: str


@dataclass(frozen=True)
class Offset:
    """Where a marker is shown, from its true place, in CSS px: (0, 0) on it."""
    dx: float
    dy: float

    @property
    def moved(self) -> bool:
        return bool(self.dx or self.dy)

    @property
    def leader(self) -> tuple[float, float]:
        """The line from the true place to the marker: length (CSS px) and angle (degrees)."""
        return round(math.hypot(self.dx, self.dy), 1), round(math.degrees(math.atan2(self.dy, self.dx)), 1)


@dataclass(frozen=True)
class Placed:
    """A marker as drawn: its true place, as a share of the drawing, and where each view shows it."""
    marker: Marker
    left: float  # percent of the drawing's width
    top: float  # percent of the drawing's height
    narrow: Offset  # on a phone, which shows the partners' box only
    wide: Offset  # from WIDE_FROM on, which shows the whole drawing
    size: int  # CSS px

    @property
    def moved(self) -> bool:
        return self.narrow.moved or self.wide.moved


@dataclass(frozen=True)
class MapPicture:
    width: int
    height: int
    shapes: list[Shape]
    markers: list[Placed]
    narrow: tuple[float, float]  # the part a phone shows: its left edge and width, in drawing units

    @property
    def narrow_frame(self) -> tuple[float, float]:
        """The drawing's left edge and width as percentages of the part a phone shows."""
        left, width = self.narrow
        return round(-left / width * 100, 3), round(self.width / width * 100, 3)


@functools.lru_cache(maxsize=1)
def _topology() -> tuple[list[list[tuple[float, float]]], list[tuple[str, list[list[int]]]]]:
    """The decoded arcs (lon/lat points) and every country as (alpha-2 code, rings of arc indexes)."""
    topo = json.loads(DATA.read_text(encoding="utf-8"))
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:  # quantized, delta-encoded
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    aliases = get_global("territory_aliases")
    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs", [])
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        code = (aliases.get(str(geometry.get("id", "")).zfill(3)) or [""])[0]
        countries.append((code, [ring for polygon in polygons for ring in polygon]))
    return arcs, countries


@functools.lru_cache(maxsize=1)
def _countries() -> list[tuple[str, list[list[tuple[float, float]]]]]:
    """Every country as (alpha-2 code, rings of lon/lat points), decoded once per process."""
    arcs, countries = _topology()
    return [(code, [_ring(arcs, ring) for ring in rings]) for code, rings in countries]


def _ring(arcs, indexes) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _project(lat0: float, lon0: float):
    phi0 = math.radians(lat0)

    def project(lon: float, lat: float) -> tuple[float, float]:
        phi, lam = math.radians(lat), math.radians(lon - lon0)
        k = math.sqrt(2 / max(1e-9, 1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(lam)))
        return (k * math.cos(phi) * math.sin(lam),
                -k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(lam)))
    return project


def draw(markers: list[Marker]) -> MapPicture:
    """Frame the map around the markers, project outlines and markers into the drawing's units,
    and move aside any marker that would hide another (sitegen/mapmarkers.py)."""
    lat0 = sum(m.lat for m in markers) / len(markers)
    lon0 = sum(m.lon for m in markers) / len(markers)
    project = _project(lat0, lon0)
    points = [project(m.lon, m.lat) for m in markers]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 0.05)
    left, right = min(xs) - span * MARGIN, max(xs) + span * MARGIN
    top, bottom = min(ys) - span * MARGIN, max(ys) + span * MARGIN
    widen = max((bottom - top) / TALL - (right - left), 0) / 2  # partners from north to south
    left, right = left - widen, right + widen
    wide = max(right - left, (bottom - top) * WIDE)  # Europe on either side of the partners' box
    extra = (wide - (right - left)) / 2
    scale = WIDTH / wide
    height = round((bottom - top) * scale)

    def pixel(x: float, y: float) -> tuple[float, float]:
        return (x - left + extra) * scale, (y - top) * scale

    shapes = []
    for code, rings in _countries():
        path = "".join(_path([pixel(*project(lon, lat)) for lon, lat in ring], height) for ring in rings
                       if _near(ring, lat0, lon0))
        if path:
            shapes.append(Shape(code, path))
    narrow = (extra * scale, (right - left) * scale)
    placed = [pixel(*p) for p in points]
    sizes = [HOME_SIZE if m.highlight else MARKER_SIZE for m in markers]
    on_phone = mapmarkers.separate(placed, sizes, MIN_WIDTH / narrow[1], (narrow[0], 0, sum(narrow), height))
    on_desktop = mapmarkers.separate(placed, sizes, WIDE_FROM / WIDTH, (0, 0, WIDTH, height))
    return MapPicture(WIDTH, height, shapes, [
        Placed(m, round(x / WIDTH * 100, 3), round(y / height * 100, 3), Offset(*a), Offset(*b), size)
        for m, (x, y), a, b, size in zip(markers, placed, on_phone, on_desktop, sizes)], narrow)


def _near(ring, lat0: float, lon0: float) -> bool:
    # Only the hemisphere around the centre: the projection folds the far side onto the edges.
    return any(abs(lon - lon0) < 60 and abs(lat - lat0) < 40 for lon, lat in ring)


def _path(points: list[tuple[float, float]], height: int) -> str:
    if not any(-50 <= x <= WIDTH + 50 and -50 <= y <= height + 50 for x, y in points):
        return ""
    # Far-away points are pulled to the frame's edge: they are outside the view either way.
    clamped = [(round(_clamp(x, WIDTH)), round(_clamp(y, height))) for x, y in points]
    kept = _simplified(_without_runs(clamped), TOLERANCE)
    if len(kept) < 3:
        return ""
    # Relative steps after the first point: shorter numbers, the same shape.
    steps = [f"{x - px} {y - py}".replace(" -", "-") for (px, py), (x, y) in zip(kept, kept[1:])]
    return f"M{kept[0][0]} {kept[0][1]}l" + " ".join(steps).replace(" -", "-") + "z"


def _without_runs(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The ring without repeated points, and without the middle of a straight run along the
    frame's edge (where clamping lined up everything beyond it)."""
    kept: list[tuple[int, int]] = []
    for point in points:
        if kept and point == kept[-1]:
            continue
        if len(kept) >= 2 and (kept[-2][0] == kept[-1][0] == point[0] or kept[-2][1] == kept[-1][1] == point[1]):
            kept[-1] = point
            continue
        kept.append(point)
    return kept


def _simplified(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    """Douglas–Peucker: the fewest points that stay within `tolerance` px of the outline."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        far, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            distance = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length
                        else math.hypot(px - ax, py - ay))
            if distance > far:
                far, index = distance, i
        if index is not None and far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [point for point, wanted in zip(points, keep) if wanted]


def _clamp(value: float, limit: float) -> float:
    return min(max(value, -60), limit + 60)


# -- the locator map: where the home partner lies in Europe ------------------------------------

LOCATOR_CENTRE = (52.0, 10.0)  # lat, lon: the centre of ETRS89-LAEA, the EU's own map projection
LOCATOR_MARGIN = 0.04  # share of the frame added around the countries shown


@dataclass(frozen=True)
class Locator:
    width: int
    height: int
    shapes: list[Shape]
    border: str  # SVG path of the boundary the home partner's country shares with `border_country`
    home: tuple[float, float]  # x, y of the home partner


def frame(points: list[tuple[float, float]], project, margin: float, width: int):
    """(pixel, height) of a drawing `width` px wide framing the projected `points` with `margin`
    (a share of their larger extent) around them: pixel(lon, lat) is the point's x, y in it."""
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    pad = max(max(xs) - min(xs), max(ys) - min(ys)) * margin
    left, top = min(xs) - pad, min(ys) - pad
    scale = width / (max(xs) + pad - left)

    def pixel(lon: float, lat: float) -> tuple[float, float]:
        x, y = project(lon, lat)
        return (x - left) * scale, (y - top) * scale
    return pixel, round((max(ys) + pad - top) * scale)


def locator(countries: list[str], lat: float, lon: float, home_country: str,
            border_country: str | None = None) -> Locator:
    """Europe framed around the partner countries (mainlands only: the Canaries do not widen it),
    each country's outline, the home partner's position and the border it lies on."""
    project = _project(*LOCATOR_CENTRE)
    wanted = set(countries) | {home_country}
    points = [project(lon, lat)]
    for code, rings in _countries():
        if code in wanted and rings:
            points += [project(*p) for p in max(rings, key=len)]
    pixel, height = frame(points, project, LOCATOR_MARGIN, WIDTH)

    shapes = []
    for code, rings in _countries():
        path = "".join(_path([pixel(*p) for p in ring], height) for ring in rings
                       if _near(ring, *LOCATOR_CENTRE))
        if path:
            shapes.append(Shape(code, path))
    border = _shared_border(home_country, border_country, pixel) if border_country else ""
    return Locator(WIDTH, height, shapes, border, tuple(round(v, 1) for v in pixel(lon, lat)))


def _shared_border(a: str, b: str, pixel) -> str:
    """The arcs two countries share, as an open SVG path: the boundary between them."""
    arcs, countries = _topology()
    used = {code: {i if i >= 0 else ~i for ring in rings for i in ring} for code, rings in countries if code in (a, b)}
    shared = sorted(used.get(a, set()) & used.get(b, set()))
    return "".join("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in (pixel(*p) for p in arcs[i])) for i in shared)
