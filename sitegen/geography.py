"""Where a point lies against a country's outline, for the check of a partner's coordinates.

The outlines are the partners map's (Natural Earth 1:110m, sitegen/data/): coarse, so a seat on a
coast or a border may fall a few kilometres outside; only a point farther than MARGIN_KM from the
country is reported (a latitude typed as 21 instead of 51, the two numbers swapped, a sign lost).
"""
from __future__ import annotations

import math

from . import europe_map

MARGIN_KM = 50
KM_PER_DEGREE = 111.2


def km_outside(country: str, lat: float, lon: float) -> float | None:
    """0 when the point is inside the country's outline, else its distance from it in km; None when
    the outlines do not have the country (a microstate is below their scale)."""
    rings = [ring for code, country_rings in europe_map._countries() if code == country for ring in country_rings]
    if not rings:
        return None
    if sum(_crossings(ring, lat, lon) for ring in rings) % 2:
        return 0.0
    scale = math.cos(math.radians(lat))  # kilometres per degree of longitude shrink towards the poles

    def xy(point):
        return (point[0] - lon) * scale * KM_PER_DEGREE, (point[1] - lat) * KM_PER_DEGREE

    return min(_to_segment(xy(a), xy(b)) for ring in rings for a, b in zip(ring, ring[1:] + ring[:1]))


def _crossings(ring, lat: float, lon: float) -> int:
    """How many edges of the ring a ray from the point towards the east crosses."""
    count = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count


def _to_segment(a, b) -> float:
    """Distance from the origin to the segment a–b (plane coordinates, km)."""
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy)


def boxes() -> dict[str, list[float]]:
    """Each country's bounding box [west, south, east, north] in degrees, for the web editor's
    quicker version of the same check (admin/rules.js)."""
    found: dict[str, list[float]] = {}
    for code, rings in europe_map._countries():
        if not code:
            continue
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        box = found.setdefault(code, [180.0, 90.0, -180.0, -90.0])
        box[:] = [min(box[0], *lons), min(box[1], *lats), max(box[2], *lons), max(box[3], *lats)]
    return {code: [round(v, 2) for v in box] for code, box in found.items()}
