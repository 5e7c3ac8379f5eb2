"""Map markers that never hide one another, at any width the map is shown.

A marker keeps its size in CSS pixels (its number stays readable) while the map scales with the
page, so markers crowd most where the map is narrowest. The offsets are computed there, at
`scale`, the fewest CSS pixels a drawing unit ever takes, and kept in CSS pixels: a marker that
would cover another moves aside (the page draws a leader line back to its true place).

Why one computation holds at every width: at `s` pixels per unit two markers lie `s·a + b`
apart on each axis (a: their true distance in units, b: their offsets' difference in pixels), so
on each axis they are too close (a gap smaller than their half sizes) only for one interval of
scales. Their boxes are disjoint whenever one axis has a gap: a pair is kept apart when its two
intervals do not meet anywhere from the narrowest scale on.
"""
from __future__ import annotations

import math

GAP = 2  # CSS px kept free between two markers' boxes
ANGLES = 24  # directions tried around a marker's true place (every 15°)
STEP = 2  # CSS px between the distances tried
REACH = 8  # marker sizes: the farthest a marker is moved


def separate(points: list[tuple[float, float]], sizes: list[float], scale: float,
             frame: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """An offset in CSS px for each marker, (0, 0) where it can stay on its place.

    points: true places in drawing units; sizes: each marker's box side in CSS px; scale: the
    fewest CSS px per drawing unit at which the map is shown; frame: (left, top, right, bottom) in
    drawing units, the part of the drawing shown at that scale, which a marker never leaves.
    Markers that hide nothing keep their place; the others are placed in their order, crowd by
    crowd (the first keeps its place), each at the nearest offset that hides nothing placed before
    it, moving away from the rest of its crowd.
    """
    count = len(points)
    offsets: list[tuple[float, float] | None] = [None] * count

    def hidden(i: int, offset: tuple[float, float]) -> int:
        """How many placed markers it would hide (one more when it leaves the frame)."""
        return (not _inside(points[i], offset, sizes[i] / 2, scale, frame)) + sum(
            not _apart(points[i], offset, sizes[i], points[j], offsets[j], sizes[j], scale)
            for j in range(count) if j != i and offsets[j] is not None)

    def fits(i: int, offset: tuple[float, float]) -> bool:
        return _inside(points[i], offset, sizes[i] / 2, scale, frame) and all(
            _apart(points[i], offset, sizes[i], points[j], offsets[j], sizes[j], scale)
            for j in range(count) if j != i and offsets[j] is not None)

    clash = {i: {j for j in range(count) if j != i and not _apart(points[i], (0, 0), sizes[i], points[j], (0, 0),
                                                                 sizes[j], scale)} for i in range(count)}
    for i in range(count):
        if not clash[i] and _inside(points[i], (0, 0), sizes[i] / 2, scale, frame):
            offsets[i] = (0.0, 0.0)
    for crowd in _crowds(clash, [i for i in range(count) if offsets[i] is None]):
        for i in crowd:  # in their order: the first keeps its place
            away = _away(i, points, crowd)
            # The nearest place that hides nothing; in a crowd too dense for the map (dozens of
            # partners in one town), the one that hides the fewest, rather than no map at all.
            offsets[i] = next((o for o in _candidates(sizes[i], away) if fits(i, o)), None) or min(
                _candidates(sizes[i], away), key=lambda o: hidden(i, o))
    return offsets


def _crowds(clash: dict[int, set[int]], unplaced: list[int]) -> list[list[int]]:
    """The markers to place, in groups of those that would hide one another, directly or not."""
    crowds, seen = [], set()
    for first in unplaced:
        if first in seen:
            continue
        crowd, todo = [], [first]
        while todo:
            i = todo.pop()
            if i not in seen:
                seen.add(i)
                crowd.append(i)
                todo.extend(clash[i])
        crowds.append(sorted(crowd))
    return crowds


def _apart(p, o, size, q, r, other, scale) -> bool:
    """Two markers' boxes are disjoint at `scale` and at every wider one (the module's docstring):
    on each axis they are too close only for an interval of scales, and those intervals must not
    meet from `scale` on."""
    need = (size + other) / 2 + GAP - 1e-6
    close = []  # per axis, the scales (from `scale` on) at which the boxes meet on it
    for axis in (0, 1):
        units, pixels = p[axis] - q[axis], o[axis] - r[axis]
        if units == 0:
            low, high = (scale, math.inf) if abs(pixels) < need else (math.inf, math.inf)
        else:
            low, high = sorted(((-pixels - need) / units, (-pixels + need) / units))
        close.append((max(low, scale), high))
    (low_x, high_x), (low_y, high_y) = close
    return max(low_x, low_y) >= min(high_x, high_y)


def _inside(p, o, half, scale, frame) -> bool:
    left, top, right, bottom = frame
    x, y = (p[0] - left) * scale + o[0], (p[1] - top) * scale + o[1]
    return half <= x <= (right - left) * scale - half and half <= y <= (bottom - top) * scale - half


def _away(i: int, points, crowded: list[int]) -> float:
    """The direction (radians) from the crowd around marker i towards it: where it moves first."""
    x = sum(points[i][0] - points[j][0] for j in crowded if j != i)
    y = sum(points[i][1] - points[j][1] for j in crowded if j != i)
    return math.atan2(y, x) if (x, y) != (0, 0) else -math.pi / 2


def _candidates(size: float, away: float):
    """Its own place first, then rings of growing distance; in each ring the directions nearest
    to `away` first."""
    yield (0.0, 0.0)
    turns = sorted(range(ANGLES), key=lambda k: abs(math.remainder(2 * math.pi * k / ANGLES, 2 * math.pi)))
    for distance in range(STEP, int(size * REACH) + 1, STEP):
        for k in turns:
            angle = away + 2 * math.pi * k / ANGLES
            yield (round(distance * math.cos(angle), 1), round(distance * math.sin(angle), 1))
