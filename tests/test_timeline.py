"""The activities' timeline as computed (sitegen/timeline.py), on synthetic activities and events:
bars only for periods, each event once on its activity's row, marks that never touch at any width
(lanes), every year labelled and its label clear of the others, a legend of what is drawn."""
from __future__ import annotations

import datetime as dt
import random

import pytest

from sitegen import timeline
from sitegen.dates import PartialDate

D = dt.date
START, END, TODAY = D(2023, 3, 1), D(2027, 5, 31), D(2026, 12, 7)
TOTAL = (END - START).days


def _percent(day: dt.date) -> float:
    return (day - START).days / TOTAL * 100


def _build(activities, events, start=START, end=END, today=TODAY):
    return timeline.build(start, end, activities, events, today)


def test_a_bar_only_where_the_content_gives_a_period():
    activities = [
        {"id": "dated", "status": "done", "start": D(2024, 2, 1), "end": D(2024, 6, 30)},
        {"id": "running", "status": "ongoing", "start": PartialDate(2024, 9)},  # until today
        {"id": "open", "status": "planned", "start": D(2025, 1, 1)},  # until the project's end
        {"id": "undated", "status": "ongoing"},
    ]
    line = _build(activities, [])
    dated, running, open_, undated = line.rows
    assert dated.bar.left == pytest.approx(_percent(D(2024, 2, 1)), abs=0.01)
    assert dated.bar.width == pytest.approx(_percent(D(2024, 6, 30)) - _percent(D(2024, 2, 1)), abs=0.01)
    assert running.bar.left == pytest.approx(_percent(D(2024, 9, 1)), abs=0.01)
    assert running.bar.left + running.bar.width == pytest.approx(_percent(TODAY), abs=0.01)
    assert open_.bar.left + open_.bar.width == pytest.approx(100, abs=0.01)
    assert undated.bar is None and not undated.drawn  # the page says so in words
    assert line.keys == ["bar"]
    assert line.today == pytest.approx(_percent(TODAY), abs=0.01)


def test_each_event_is_on_its_activitys_row_once_and_the_others_on_a_row_of_their_own():
    activities = [{"id": "a", "status": "ongoing"}, {"id": "b", "status": "ongoing"}]
    events = [{"id": "e1", "start": D(2024, 5, 2), "activity": "b"},
              {"id": "e2", "start": D(2023, 6, 13), "end": D(2023, 6, 14), "activity": "a"},
              {"id": "e3", "start": D(2025, 1, 1)},  # no activity
              {"id": "e4", "start": D(2025, 2, 1), "activity": "gone"},  # an activity not shown (a draft)
              {"id": "e5", "start": D(2099, 5, 1), "activity": "a"}]  # after the period
    line = _build(activities, events)
    assert [[e["id"] for e in row.events] for row in line.rows] == [["e2", "e5"], ["e1"], ["e3", "e4"]]
    assert [row.item and row.item["id"] for row in line.rows] == ["a", "b", None]
    assert sorted(e["id"] for e in line.events) == ["e1", "e2", "e3", "e4", "e5"]  # none twice
    # After the period: listed, not drawn.
    assert [m.item["id"] for m in line.rows[0].marks] == ["e2"]
    # With every event in its activity, no row of others.
    assert len(_build(activities, events[:2]).rows) == 2


def test_an_event_sits_on_its_days_and_one_known_to_the_month_covers_the_month():
    events = [{"id": "day", "start": D(2024, 2, 28), "end": D(2024, 2, 29), "activity": "a"},
              {"id": "month", "start": PartialDate(2024, 12), "activity": "a"}]
    line = _build([{"id": "a", "status": "ongoing"}], events)
    day, month = line.rows[0].marks
    assert not day.vague and month.vague
    assert day.middle == pytest.approx((_percent(D(2024, 2, 28)) + _percent(D(2024, 2, 29))) / 2, abs=0.01)
    assert month.middle - month.span / 2 == pytest.approx(_percent(D(2024, 12, 1)), abs=0.01)
    assert month.middle + month.span / 2 == pytest.approx(_percent(D(2024, 12, 31)), abs=0.01)
    assert line.keys == ["event", "month"]


def _touching(marks, width, attribute):
    """Pairs of marks on one lane whose boxes touch on a line `width` px long."""
    found = []
    for i, a in enumerate(marks):
        for b in marks[i + 1:]:
            if getattr(a, attribute) == getattr(b, attribute):
                (l1, r1), (l2, r2) = timeline._extent(a, width), timeline._extent(b, width)
                if not (r1 + timeline.GAP <= l2 + 1e-9 or r2 + timeline.GAP <= l1 + 1e-9):
                    found.append((a.item["id"], b.item["id"]))
    return found


def test_marks_closer_than_their_size_go_on_separate_lanes_on_a_phone_only():
    """58 days apart: 10 px on a 288-px phone line (two lanes), 22 px from 600 px (one lane)."""
    events = [{"id": "feb", "start": D(2025, 2, 17), "activity": "a"},
              {"id": "apr", "start": D(2025, 4, 16), "activity": "a"},
              {"id": "far", "start": D(2023, 6, 1), "activity": "a"}]
    row = _build([{"id": "a", "status": "ongoing"}], events).rows[0]
    lanes = {m.item["id"]: (m.lane, m.wide_lane) for m in row.marks}
    assert lanes["feb"][0] != lanes["apr"][0] and row.lanes == 2
    assert lanes["feb"][1] == lanes["apr"][1] and row.wide_lanes == 1
    assert lanes["far"] == (0, 0)  # alone: on the first lane


@pytest.mark.parametrize("seed", range(6))
def test_marks_on_one_lane_never_touch_at_any_width(seed):
    rng = random.Random(seed)
    events = []
    for n in range(rng.randint(5, 25)):
        day = START + dt.timedelta(days=rng.randint(0, TOTAL))
        kind = rng.choice(["day", "days", "month"])
        event = {"id": f"e{n}", "activity": "a",
                 "start": PartialDate(day.year, day.month) if kind == "month" else day}
        if kind == "days":
            event["end"] = day + dt.timedelta(days=rng.randint(1, 90))
        events.append(event)
    row = _build([{"id": "a", "status": "ongoing"}], events).rows[0]
    for width in (288, 300, 358, 450, 599):
        assert not _touching(row.marks, width, "lane"), width
    for width in (600, 700, 952, 1100, 2000):
        assert not _touching(row.marks, width, "wide_lane"), width
    assert row.lanes == 1 + max(m.lane for m in row.marks)
    assert row.wide_lanes == 1 + max(m.wide_lane for m in row.marks) <= row.lanes


@pytest.mark.parametrize("start, end", [
    (START, END),  # the project's own period: no label for 2023 before
    (D(2023, 12, 15), D(2025, 1, 10)),  # two slivers of a year around a whole one
    (D(2023, 12, 30), D(2024, 1, 2)),  # four days over New Year
    (D(2021, 1, 1), D(2027, 12, 31)),  # seven whole years
])
def test_every_year_is_labelled_inside_the_line_and_clear_of_the_others(start, end):
    years = _build([], [], start, end, today=start).years
    assert [y.year for y in years] == list(range(start.year, end.year + 1))
    assert years[0].tick is None
    total = (end - start).days
    for year in years[1:]:
        assert year.tick == pytest.approx((D(year.year, 1, 1) - start).days / total * 100, abs=0.01)
    for width in (timeline.NARROW, 358, 952):
        boxes = [(y.label / 100 * width - timeline.YEAR_LABEL / 2, y.label / 100 * width + timeline.YEAR_LABEL / 2)
                 for y in years]
        assert boxes[0][0] >= -0.05 and boxes[-1][1] <= width + 0.05  # positions rounded to 0.01 %
        assert all(a[1] <= b[0] + 0.05 for a, b in zip(boxes, boxes[1:])), (width, boxes)


def test_a_label_stays_in_the_middle_of_its_year_when_there_is_room():
    years = {y.year: y for y in _build([], []).years}
    assert years[2024].label == pytest.approx((_percent(D(2024, 1, 1)) + _percent(D(2024, 12, 31))) / 2, abs=0.01)
    assert years[2023].label == pytest.approx((0 + _percent(D(2023, 12, 31))) / 2, abs=0.01)
