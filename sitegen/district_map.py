"""The district map: the home country's first-level divisions with the home partner's highlighted,
the neighbours' outlines, the border with `border_country` (a river, when the content names one)
and a few places, drawn at build time as inline SVG.

The boundaries are a small extract of Natural Earth's Admin 1 (sitegen/data/divisions-<cc>.json,
TopoJSON, made by sitegen/data/extract_divisions.py), projected like the partners map
(sitegen/europe_map.py: Lambert azimuthal equal-area, centred on the country). Labels are placed
by the build where their features are: a country's name inside that country, a place's beside its
dot, the district's inside it or beside it, the river's along it; never over another label, a dot
or the border (`place_labels`).
"""
from __future__ import annotations

import functools
import itertools
import json
import math
from dataclasses import dataclass, replace
from pathlib import Path

from . import europe_map

DATA = Path(__file__).resolve().parent / "data"
WIDTH = 1000
MARGIN = 0.05  # share of the country's extent shown around it
TOLERANCE = 0.8  # px of the 1000-px drawing an outline may move (per arc, so neighbours still meet)
CELL = 8  # px: the grid on which labels look for room
# Label sizes in px of the drawing: shown 358 px wide on a 390-px phone, 34 px is 12 px of text.
SIZES = {"country": 32, "district": 34, "place": 34, "home": 38, "river": 34}
# Average advance of a character, in ems (Arial; capitals with the letter spacing of _district_map.html).
ADVANCE = {"country": 0.78, "district": 0.6, "place": 0.56, "home": 0.62, "river": 0.5}
DOT = {"home": 13, "place": 10}  # radii of the places' dots


@dataclass(frozen=True)
class Area:
    code: str  # ISO 3166-2 (a division) or alpha-2 (a country)
    path: str
    cells: frozenset[tuple[int, int]] = frozenset()  # grid cells it covers (for labels)


@dataclass(frozen=True)
class Place:
    name: str
    x: float
    y: float
    home: bool = False

    @property
    def r(self) -> int:
        """The dot's radius."""
        return DOT["home" if self.home else "place"]


@dataclass(frozen=True)
class Label:
    kind: str  # country, district, place, home, river
    of: str  # what it names: a country or division code, a place's name, "border"
    lines: tuple[str, ...]
    x: float  # anchor of the first line (text-anchor middle for areas, start/end for places)
    y: float
    anchor: str
    size: int
    box: tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Frame:
    width: int
    height: int
    divisions: tuple[Area, ...]
    countries: tuple[Area, ...]
    border: str  # open SVG path along the border with border_country
    border_points: tuple[tuple[float, float], ...]
    places: tuple[Place, ...]
    highlight: str
    land: str  # the home country's outer ring: land under its divisions, where the data has gaps


@dataclass(frozen=True)
class DistrictMap:
    frame: Frame
    places: tuple[Place, ...]  # the frame's, named in the page's language
    labels: tuple[Label, ...]

    def __getattr__(self, name):  # the template reads the frame's parts from the map itself
        return getattr(self.frame, name)


def available(country: str) -> bool:
    return _file(country).is_file()


def _file(country: str) -> Path:
    return DATA / f"divisions-{country.lower()}.json"


@functools.lru_cache(maxsize=4)
def _topology(country: str) -> tuple[list[list[tuple[float, float]]], dict]:
    """The extract's arcs as lon/lat points (quantized, delta-encoded in the file) and its objects."""
    topo = json.loads(_file(country).read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs, topo["objects"]


def division_codes(country: str) -> set[str]:
    """The codes the extract knows, for the content check."""
    return {g["id"] for g in _topology(country)[1]["divisions"]["geometries"]} if available(country) else set()


@functools.lru_cache(maxsize=4)
def frame(country: str, division: str, border_country: str | None,
          places: tuple[tuple[str, float, float, bool], ...]) -> Frame | None:
    """The geometry, the same in every language: outlines, the border, the places' dots."""
    if not available(country):
        return None
    arcs, objects = _topology(country)
    countries = {g["id"]: g["arcs"] for g in objects["countries"]["geometries"]}
    if country not in countries:
        return None
    home = [point for ring in countries[country] for a in ring for point in arcs[a if a >= 0 else ~a]]
    lons, lats = [p[0] for p in home], [p[1] for p in home]
    project = europe_map._project((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
    pixel, height = europe_map.frame([project(*p) for p in home], project, MARGIN, WIDTH)

    drawn = [_arc_pixels(arc, pixel, height) for arc in arcs]
    areas = [Area(g["id"], _path(g["arcs"], drawn), _cells(g["arcs"], drawn, height))
             for g in objects["divisions"]["geometries"]]
    outlines = [Area(code, _path(rings, drawn), _cells(rings, drawn, height)) for code, rings in countries.items()]
    shared = sorted(_arc_set(countries.get(country, [])) & _arc_set(countries.get(border_country, []))) \
        if border_country else []
    lines = _chains([drawn[i] for i in shared])
    border = "".join("M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in line) for line in lines)
    dots = tuple(Place(name, *(round(v, 1) for v in pixel(lon, lat)), home) for name, lat, lon, home in places)
    # Natural Earth leaves a few slivers of the country to no division (along the Dniester, for
    # Moldova): under the divisions lies the country's outer ring, so that they show as land.
    outer = max(countries[country], key=lambda ring: len(_ring(ring, drawn)))
    return Frame(WIDTH, height, tuple(areas), tuple(outlines), border,
                 tuple(p for line in lines for p in line), dots, division, _path([outer], drawn))


def _arc_pixels(arc, pixel, height) -> list[tuple[int, int]]:
    points = [(round(europe_map._clamp(x, WIDTH)), round(europe_map._clamp(y, height))) for x, y in map(
        lambda p: pixel(*p), arc)]
    return europe_map._simplified(points, TOLERANCE)


def _ring(ring: list[int], drawn) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for a in ring:
        arc = drawn[a] if a >= 0 else drawn[~a][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def _path(rings, drawn) -> str:
    """Rings as one SVG path (drawn even-odd): absolute first point, then relative steps."""
    out = []
    for ring in rings:
        points = europe_map._without_runs(_ring(ring, drawn))
        if len(points) < 3:
            continue
        steps = " ".join(f"{x - px} {y - py}" for (px, py), (x, y) in zip(points, points[1:]))
        out.append(f"M{points[0][0]} {points[0][1]}l" + steps.replace(" -", "-") + "z")
    return "".join(out)


def _arc_set(rings) -> set[int]:
    return {a if a >= 0 else ~a for ring in rings for a in ring}


def _chains(pieces: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Arcs joined end to end into as few lines as they make (a border is cut where a division
    of either side ends)."""
    lines = [list(p) for p in pieces]
    joined = True
    while joined:
        joined = False
        for i, a in enumerate(lines):
            for j, b in enumerate(lines):
                if i == j:
                    continue
                if a[-1] == b[0]:
                    lines[i] = a + b[1:]
                elif a[-1] == b[-1]:
                    lines[i] = a + b[::-1][1:]
                else:
                    continue
                del lines[j]
                joined = True
                break
            if joined:
                break
    return lines


def _cells(rings, drawn, height: int) -> frozenset[tuple[int, int]]:
    """Grid cells whose centre lies inside the rings (even-odd), by scanlines."""
    polygons = [_ring(ring, drawn) for ring in rings]
    found = set()
    for row in range(height // CELL + 1):
        y = row * CELL + CELL / 2
        xs = []
        for points in polygons:
            for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
                if (y1 > y) != (y2 > y):
                    xs.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        xs.sort()
        for start, end in zip(xs[::2], xs[1::2]):
            first, last = math.ceil(start / CELL - 0.5), math.floor(end / CELL - 0.5)
            found.update((col, row) for col in range(max(first, 0), min(last, WIDTH // CELL) + 1))
    return frozenset(found)


# -- labels -------------------------------------------------------------------------------------

def place_labels(picture: Frame, place_names: list[str], country_names: dict[str, str], district_name: str,
                 river_name: str | None) -> DistrictMap:
    """Every label where its feature is, in this language (the words' widths differ)."""
    blocked = _Blocked(picture)
    labels = []
    places = tuple(replace(p, name=name) for p, name in zip(picture.places, place_names))
    for place in sorted(places, key=lambda p: not p.home):
        label = _place_label(picture, place, blocked)
        if label:
            labels.append(blocked.take(label))
    district = next((a for a in picture.divisions if a.code == picture.highlight), None)
    if district:
        label = _area_label(picture, "district", district, (district_name,), blocked, beside=True)
        if label:
            labels.append(blocked.take(label))
    if district:  # other names keep off the district, which has its own label
        blocked.cells |= district.cells
        blocked.grid = _Grid(blocked.cells, blocked.cols, blocked.rows)
    if picture.border_points and river_name:
        label = _river_label(picture, river_name, blocked)
        if label:
            labels.append(blocked.take(label))
    for area in sorted(picture.countries, key=lambda a: len(a.cells)):
        name = country_names.get(area.code)
        if name:
            label = _area_label(picture, "country", area, (name.upper(),), blocked) or \
                _area_label(picture, "country", area, _two_lines(name.upper()), blocked)
            if label:
                labels.append(blocked.take(label))
    return DistrictMap(picture, places, tuple(labels))


class _Grid:
    """A set of cells as a summed-area table: how many of a box's cells it holds, in four lookups."""

    def __init__(self, cells, cols: int, rows: int):
        self.cols, self.rows = cols, rows
        grid = [[0] * cols for _ in range(rows)]
        for c, r in cells:
            if 0 <= c < cols and 0 <= r < rows:
                grid[r][c] = 1
        table = [[0] * (cols + 1)]
        for line in grid:
            above = table[-1]
            table.append([0] + [a + b for a, b in zip(above[1:], itertools.accumulate(line))])
        self.table = table

    def count(self, box) -> int:
        left, top, right, bottom = box
        c0, r0 = max(int(left // CELL), 0), max(int(top // CELL), 0)
        c1, r1 = min(int(right // CELL), self.cols - 1), min(int(bottom // CELL), self.rows - 1)
        if c0 > c1 or r0 > r1:
            return 0
        t = self.table
        return t[r1 + 1][c1 + 1] - t[r0][c1 + 1] - t[r1 + 1][c0] + t[r0][c0]


def _span(box) -> tuple[int, int, int, int]:
    left, top, right, bottom = box
    return int(left // CELL), int(top // CELL), int(right // CELL), int(bottom // CELL)


def _cells_of(box) -> int:
    c0, r0, c1, r1 = _span(box)
    return (c1 - c0 + 1) * (r1 - r0 + 1)


class _Blocked:
    """Cells no new label may cover: the dots, the border line, the labels already placed."""

    def __init__(self, picture: Frame):
        self.cols, self.rows = picture.width // CELL + 1, picture.height // CELL + 1
        border: set[tuple[int, int]] = set()
        for a, b in zip(picture.border_points, picture.border_points[1:]):
            steps = max(1, int(math.dist(a, b) / (CELL / 2)))
            for k in range(steps + 1):
                x, y = a[0] + (b[0] - a[0]) * k / steps, a[1] + (b[1] - a[1]) * k / steps
                border.add((int(x // CELL), int(y // CELL)))
        self.border = _Grid(border, self.cols, self.rows)
        self.dots = [(p.x, p.y, p.r + 3) for p in picture.places]
        self.cells: set[tuple[int, int]] = set()
        self.boxes: list[tuple[float, float, float, float]] = []
        self.grid = _Grid(self.cells, self.cols, self.rows)

    def free(self, box, border_ok: bool = False) -> bool:
        left, top, right, bottom = box
        for x, y, r in self.dots:  # measured, not by cells: a place's label sits right by its dot
            if math.hypot(max(left - x, 0, x - right), max(top - y, 0, y - bottom)) < r:
                return False
        return not self.grid.count(box) and (border_ok or not self.border.count(box))

    def distance(self, box) -> float:
        """How far the box keeps from the labels placed and the dots."""
        gaps = [_gap(box, taken) for taken in self.boxes] + [
            math.hypot(max(box[0] - x, 0, x - box[2]), max(box[1] - y, 0, y - box[3])) - r for x, y, r in self.dots]
        return min(gaps, default=math.inf)

    def take(self, label: Label) -> Label:
        self.boxes.append(label.box)
        self.cells |= _box_cells(label.box)
        self.grid = _Grid(self.cells, self.cols, self.rows)
        return label


@functools.lru_cache(maxsize=32)
def _area_grid(area: Area, cols: int, rows: int) -> _Grid:
    return _Grid(area.cells, cols, rows)


ROOM = 4  # cells around a label in which its area's share measures its room


def _box_cells(box) -> set[tuple[int, int]]:
    c0, r0, c1, r1 = _span(box)
    return {(c, r) for c in range(c0, c1 + 1) for r in range(r0, r1 + 1)}


def _size(kind: str, lines: tuple[str, ...]) -> tuple[float, float]:
    size = SIZES[kind]
    return max(len(line) for line in lines) * size * ADVANCE[kind], size * 1.2 * len(lines)


def _inside(picture: Frame, box) -> bool:
    return box[0] >= 4 and box[1] >= 4 and box[2] <= picture.width - 4 and box[3] <= picture.height - 4


def _place_label(picture: Frame, place: Place, blocked: _Blocked) -> Label | None:
    """Beside the dot: east first, then west, then the diagonals, above and below; on the side of
    the border the place is on."""
    kind = "home" if place.home else "place"
    width, height = _size(kind, (place.name,))
    gap = DOT[kind] + 6
    here = _country_at(picture, place.x, place.y)
    options = [(gap, 0, "start"), (-gap, 0, "end"), (gap * 0.8, -gap, "start"), (-gap * 0.8, -gap, "end"),
               (gap * 0.8, gap, "start"), (-gap * 0.8, gap, "end"), (0, -gap - height / 2, "middle"),
               (0, gap + height / 2, "middle")]
    for dx, dy, anchor in options:
        x, y = place.x + dx, place.y + dy
        left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
        box = (left, y - height / 2, left + width, y + height / 2)
        if not (_inside(picture, box) and blocked.free(box)):
            continue
        if here and not all(_country_at(picture, bx, by) in (here, None) for bx, by in _corners(box)):
            continue
        return Label(kind, place.name, (place.name,), round(x, 1), round(y + SIZES[kind] * 0.35, 1), anchor,
                     SIZES[kind], box)
    return None


def _area_label(picture: Frame, kind: str, area: Area, lines: tuple[str, ...], blocked: _Blocked,
                beside: bool = False) -> Label | None:
    """Inside the area where it has the most room; for a small district, beside it, over its own
    country, as close as there is room."""
    width, height = _size(kind, lines)
    cols, rows = picture.width // CELL + 1, picture.height // CELL + 1
    home = next((a for a in picture.countries if area.code.startswith(a.code + "-")), area)
    own, country = _area_grid(area, cols, rows), _area_grid(home, cols, rows)
    centre = _centre(area.cells)
    columns, lines_ = [c for c, _ in area.cells], [r for _, r in area.cells]
    reach = (math.ceil(width / CELL) + 4, math.ceil(height / CELL) + 4) if beside else (0, 0)
    step = 2  # every other cell: 16 px apart is close enough for a label
    best, best_score = None, None
    for col in range(max(min(columns) - reach[0], 0), min(max(columns) + reach[0], cols) + 1, step):
        for row in range(max(min(lines_) - reach[1], 0), min(max(lines_) + reach[1], rows) + 1, step):
            box = (col * CELL, row * CELL, col * CELL + width, row * CELL + height)
            size = _cells_of(box)
            inside = own.count(box) == size
            if not (inside or beside) or not _inside(picture, box):
                continue
            # A country's name keeps a cell clear of other labels, so that it is not read with them.
            clear = box if beside else (box[0] - CELL, box[1] - CELL, box[2] + CELL, box[3] + CELL)
            if country.count(box) < size or not blocked.free(clear):
                continue
            middle = (box[0] + width / 2, box[1] + height / 2)
            if beside:  # inside if it fits; else clear of it (its outline stays visible), nearest
                score = (inside, inside or not own.count(box), -math.dist(middle, centre))
            else:  # deep in its own area, then as far from the other labels as it gets, then central
                around = (box[0] - ROOM * CELL, box[1] - ROOM * CELL, box[2] + ROOM * CELL, box[3] + ROOM * CELL)
                score = (own.count(around) == _cells_of(around), min(blocked.distance(box), 160),
                         -math.dist(middle, centre))
            if best_score is None or score > best_score:
                best, best_score = box, score
    if best is None:
        return None
    x, y = best[0] + width / 2, best[1] + SIZES[kind] * 0.95
    return Label(kind, area.code, lines, round(x, 1), round(y, 1), "middle", SIZES[kind], best)


def _river_label(picture: Frame, name: str, blocked: _Blocked) -> Label | None:
    """Beside the river, where it runs more north–south than east–west, nearest the home place."""
    width, height = _size("river", (name,))
    home = next((p for p in picture.places if p.home), None)
    target = (home.x, home.y) if home else picture.border_points[len(picture.border_points) // 2]
    points = picture.border_points
    best, best_distance = None, None
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        if abs(y2 - y1) < abs(x2 - x1) or math.dist((x1, y1), (x2, y2)) < 6:
            continue
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        for side in (-1, 1):
            left = mx + 10 if side > 0 else mx - 10 - width
            box = (left, my - height / 2, left + width, my + height / 2)
            if not (_inside(picture, box) and blocked.free(box)):
                continue
            distance = math.dist((mx, my), target)
            if distance < 90:  # leave the home place's own surroundings to its labels
                continue
            if best_distance is None or distance < best_distance:
                best, best_distance = box, distance
    if best is None:
        return None
    return Label("river", "border", (name,), round(best[0] + width / 2, 1), round(best[1] + SIZES["river"] * 0.95, 1),
                 "middle", SIZES["river"], best)


def _country_at(picture: Frame, x: float, y: float) -> str | None:
    cell = (int(x // CELL), int(y // CELL))
    return next((a.code for a in picture.countries if cell in a.cells), None)


def _gap(a, b) -> float:
    return math.hypot(max(a[0] - b[2], b[0] - a[2], 0), max(a[1] - b[3], b[1] - a[3], 0))


def _corners(box):
    left, top, right, bottom = box
    return [(left, top), (right, top), (left, bottom), (right, bottom)]


def _centre(cells) -> tuple[float, float]:
    return (sum(c for c, _ in cells) / len(cells) * CELL + CELL / 2,
            sum(r for _, r in cells) / len(cells) * CELL + CELL / 2)


def _two_lines(text: str) -> tuple[str, ...]:
    words = text.split()
    if len(words) < 2:
        return (text,)
    best = min(range(1, len(words)), key=lambda i: abs(len(" ".join(words[:i])) - len(" ".join(words[i:]))))
    return " ".join(words[:best]), " ".join(words[best:])
