"""Map markers never hide one another (sitegen/mapmarkers.py, sitegen/europe_map.draw), on synthetic
positions: a marker keeps its place unless it would hide another; then it moves the least it can,
and the markers stay apart, and inside the map, at the narrowest scale and at every wider one."""
from __future__ import annotations

import random

import pytest

from sitegen import europe_map, mapmarkers

SCALE = 0.5  # CSS px per drawing unit at the narrowest
FRAME = (0, 0, 600, 600)  # 300 × 300 CSS px at SCALE


def _boxes(points, sizes, offsets, scale):
    return [(x * scale + dx - s / 2, y * scale + dy - s / 2, x * scale + dx + s / 2, y * scale + dy + s / 2)
            for (x, y), s, (dx, dy) in zip(points, sizes, offsets)]


def _overlapping(points, sizes, offsets, scale):
    """Pairs of markers whose boxes touch or overlap at `scale` (GAP kept free between them)."""
    boxes = _boxes(points, sizes, offsets, scale)
    gap = mapmarkers.GAP - 1e-6
    return [(i, j) for i in range(len(boxes)) for j in range(i + 1, len(boxes))
            if not (boxes[i][2] + gap <= boxes[j][0] or boxes[j][2] + gap <= boxes[i][0]
                    or boxes[i][3] + gap <= boxes[j][1] or boxes[j][3] + gap <= boxes[i][1])]


def _apart_at_every_width(points, sizes, offsets):
    for factor in (1, 1.01, 1.1, 1.5, 2, 3.3, 5, 10, 40):
        assert not _overlapping(points, sizes, offsets, SCALE * factor), factor


def test_markers_apart_keep_their_places():
    points = [(100, 100), (300, 300), (500, 100)]
    assert mapmarkers.separate(points, [28] * 3, SCALE, FRAME) == [(0, 0)] * 3


def test_of_two_markers_on_one_place_the_first_stays_and_the_second_moves_just_enough():
    points, sizes = [(300, 300), (300, 300)], [28, 28]
    offsets = mapmarkers.separate(points, sizes, SCALE, FRAME)
    assert offsets[0] == (0, 0) and offsets[1] != (0, 0)
    assert max(abs(offsets[1][0]), abs(offsets[1][1])) <= 28 + mapmarkers.GAP + 1  # next to it, not far
    _apart_at_every_width(points, sizes, offsets)


def test_close_markers_move_apart_from_each_other():
    """Two markers 5 px apart (the distance of two neighbouring towns on a phone): the second moves
    away from the first, on the side where it lies."""
    points, sizes = [(300, 300), (310, 296)], [28, 28]
    offsets = mapmarkers.separate(points, sizes, SCALE, FRAME)
    assert offsets[0] == (0, 0) and offsets[1][0] > 0
    _apart_at_every_width(points, sizes, offsets)


def test_an_offset_that_would_close_in_as_the_map_widens_is_refused():
    """Apart at the narrowest scale is not enough: B just right of A, moved left past A, is apart
    there, but as the map widens its true place carries it back onto A. Every pair must be apart on
    an axis along which it only moves apart."""
    p, q, size = (300, 300), (330, 300), 28
    assert not mapmarkers._apart(q, (-45, 0), size, p, (0, 0), size, SCALE)  # 15 - 45 = -30 px now, 0 at 3×
    assert mapmarkers._apart(q, (15, 0), size, p, (0, 0), size, SCALE)


@pytest.mark.parametrize("seed", range(8))
def test_crowds_of_markers_never_hide_one_another_at_any_width(seed):
    rng = random.Random(seed)
    count = rng.randint(3, 12)
    centre = (rng.uniform(150, 450), rng.uniform(150, 450))
    points = [(centre[0] + rng.gauss(0, 30), centre[1] + rng.gauss(0, 30)) for _ in range(count)]
    sizes = [rng.choice([28, 28, 34]) for _ in range(count)]
    offsets = mapmarkers.separate(points, sizes, SCALE, FRAME)
    _apart_at_every_width(points, sizes, offsets)
    # Inside the frame at the narrowest scale (and so at every wider one).
    for left, top, right, bottom in _boxes(points, sizes, offsets, SCALE):
        assert left >= 0 and top >= 0 and right <= 300 and bottom <= 300
    # Only markers that would hide another move.
    alone = [i for i in range(count) if not [pair for pair in _overlapping(points, sizes, [(0, 0)] * count, SCALE)
                                             if i in pair]]
    assert all(offsets[i] == (0, 0) for i in alone)


def test_a_marker_at_the_edge_of_the_map_comes_inside():
    offsets = mapmarkers.separate([(2, 300)], [28], SCALE, FRAME)
    assert offsets[0][0] >= 14 - 1


def test_the_partners_map_keeps_neighbouring_towns_apart_on_a_phone_and_a_desktop():
    """Two partners 45 km apart (Naumburg and Leipzig) among partners across Europe: apart in both
    views (the phone's partners box, from 288 px; the desktop's whole drawing, from 720 px), each
    at its own narrowest; a marker moved aside in a view has a leader line there."""
    towns = [(51.15, 11.81), (51.34, 12.37), (53.43, 14.55), (41.18, 0.57), (62.24, 25.75), (47.21, 27.80)]
    markers = [europe_map.Marker(n, f"Partner {n}", f"p{n}/", lat, lon, n == 6) for n, (lat, lon) in enumerate(towns, 1)]
    picture = europe_map.draw(markers)
    assert [p.marker.number for p in picture.markers] == [1, 2, 3, 4, 5, 6]
    assert picture.markers[0].narrow == europe_map.Offset(0, 0)  # the first keeps its place
    assert picture.markers[1].narrow.moved and picture.markers[1].wide.moved
    assert [p.size for p in picture.markers] == [europe_map.MARKER_SIZE] * 5 + [europe_map.HOME_SIZE]
    left, width = picture.narrow
    points = [(p.left / 100 * picture.width, p.top / 100 * picture.height) for p in picture.markers]
    sizes = [p.size for p in picture.markers]
    for view, scale in (("narrow", europe_map.MIN_WIDTH / width), ("wide", europe_map.WIDE_FROM / picture.width)):
        offsets = [(getattr(p, view).dx, getattr(p, view).dy) for p in picture.markers]
        for factor in (1, 1.2, 2, 4):
            assert not _overlapping(points, sizes, offsets, scale * factor), (view, factor)
    # The phone's view is the partners' box inside the desktop's wider drawing, as wide as it is tall at most.
    assert 0 < left and left + width < picture.width and picture.width / picture.height <= europe_map.WIDE + 0.01
    assert all(left <= x <= left + width for x, _ in points)
    frame_left, frame_width = picture.narrow_frame
    assert frame_left < 0 and frame_width > 100
    length, angle = picture.markers[1].narrow.leader
    assert length == pytest.approx((picture.markers[1].narrow.dx ** 2 + picture.markers[1].narrow.dy ** 2) ** 0.5, abs=0.1)
