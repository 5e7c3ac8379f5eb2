"""The activities over the project period, as positions on a line from the start to the end.

Honest by construction: an activity gets a bar only when the content gives it a start; an event
is placed at its own date (the whole month when only the month is known); today is marked.
Positions are percentages of the project period, clamped to it.

Readable at every width: marks keep their size in CSS px while the line scales with the page, so
marks that would touch are put on separate lanes, computed for each layout at its narrowest
(the phone's from NARROW, the desktop's from WIDE_FROM; charts.css switches at the same width).
Two marks apart at a width stay apart at every wider one: their distance grows with the width
faster than their sizes do, unless their dates overlap, and then they never share a lane.
Year labels are placed the same way: apart at the narrowest, so at every width.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import dates

NARROW = 288  # CSS px: the narrowest line, a 320-px phone less the page's margins
WIDE_FROM = 600  # CSS px: from this width of the line, the desktop's lanes (charts.css, .ms-timeline)
MARK = 16  # CSS px: an event's mark at its smallest (charts.css, --mark)
GAP = 3  # CSS px kept free between two marks on a lane
YEAR_LABEL = 40  # CSS px: a year's label ("2024" at 14 px, with room on either side)


@dataclass
class Mark:
    item: dict
    middle: float  # percent of the project period: where the mark is centred
    span: float  # percent: the days it stands for (at least MARK px wide when drawn)
    vague: bool = False  # known only to its month: the mark stands for the whole month
    lane: int = 0  # on a phone
    wide_lane: int = 0  # from WIDE_FROM


@dataclass
class Bar:
    left: float  # percent
    width: float  # percent


@dataclass
class Row:
    item: dict | None  # the activity; None for the events of no activity
    bar: Bar | None  # None: the content gives the activity no period
    events: list[dict] = field(default_factory=list)  # its events, by date (the text lists them all)
    marks: list[Mark] = field(default_factory=list)  # those inside the period, placed
    lanes: int = 1  # on a phone
    wide_lanes: int = 1

    @property
    def drawn(self) -> bool:
        """Whether the row has anything to draw: without, the page says so in words."""
        return bool(self.bar or self.marks)


@dataclass
class Year:
    year: int
    tick: float | None  # percent: where it begins (None for the period's first year)
    label: float  # percent: the middle of its label, inside the line at every width


@dataclass
class Timeline:
    years: list[Year]
    today: float
    rows: list[Row]  # one per activity, then the events of no activity (if any)
    keys: list[str] = field(default_factory=list)  # what the legend explains: bar, event, month

    @property
    def events(self) -> list[dict]:
        return [e for row in self.rows for e in row.events]


def build(start: dt.date, end: dt.date, activities: list[dict], events: list[dict], today: dt.date) -> Timeline:
    total = (end - start).days or 1

    def position(day: dt.date) -> float:
        return min(max((day - start).days / total, 0), 1) * 100

    def mark(event: dict) -> Mark:
        first, last = dates.first(event["start"]), dates.last(event.get("end") or event["start"])
        left, right = position(first), position(last)
        return Mark(event, round((left + right) / 2, 2), round(right - left, 2), not dates.is_day(event["start"]))

    events = dates.by_date(events, "start")
    # An event outside the period has no place on the line (the text still lists it).
    inside = {id(e) for e in events
              if dates.last(e.get("end") or e["start"]) >= start and dates.first(e["start"]) <= end}
    ids = {a["id"] for a in activities}

    def owner(event: dict) -> str | None:
        return event.get("activity") if event.get("activity") in ids else None

    rows = []
    for activity in activities + [None]:  # None: the events of no activity, in a row of their own
        own = [e for e in events if owner(e) == (activity["id"] if activity else None)]
        if activity is None and not own:
            continue
        bar = None
        if activity and activity.get("start"):
            # No end given: an ongoing activity runs until today, any other until the project ends.
            last = activity.get("end") or (today if activity.get("status") == "ongoing" else end)
            left, right = position(dates.first(activity["start"])), position(dates.last(last))
            bar = Bar(round(left, 2), round(right - left, 2))
        marks = [mark(e) for e in own if id(e) in inside]
        rows.append(Row(activity, bar, own, marks, _lanes(marks, NARROW, "lane"), _lanes(marks, WIDE_FROM, "wide_lane")))
    keys = [key for key, shown in (("bar", any(r.bar for r in rows)),
                                   ("event", any(not m.vague for r in rows for m in r.marks)),
                                   ("month", any(m.vague for r in rows for m in r.marks))) if shown]
    return Timeline(_years(start, end, position), round(position(today), 2), rows, keys)


def _lanes(marks: list[Mark], width: float, attribute: str) -> int:
    """Put each mark on the first lane where it touches no other at `width` px; the number of lanes."""
    ends: list[float] = []  # per lane, where its last mark ends (px)
    for m in sorted(marks, key=lambda m: _extent(m, width)):
        left, right = _extent(m, width)
        lane = next((i for i, e in enumerate(ends) if e + GAP <= left), len(ends))
        if lane == len(ends):
            ends.append(right)
        ends[lane] = right
        setattr(m, attribute, lane)
    return max(len(ends), 1)


def _extent(m: Mark, width: float) -> tuple[float, float]:
    """Where a mark lies, in px, on a line `width` px long."""
    half = max(MARK, m.span / 100 * width) / 2
    return m.middle / 100 * width - half, m.middle / 100 * width + half


def _years(start: dt.date, end: dt.date, position) -> list[Year]:
    """Every year of the period, its label in the middle of its stretch of the line, moved just
    enough to stay inside the line and clear of its neighbours at the narrowest width."""
    half = YEAR_LABEL / 2 / NARROW * 100  # percent of the line at NARROW
    years = []
    for year in range(start.year, end.year + 1):
        first, last = max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31))
        years.append(Year(year, round(position(first), 2) if year > start.year else None,
                          min(max((position(first) + position(last)) / 2, half), 100 - half)))
    for before, year in zip(years, years[1:]):  # from the left, clear of the one before
        year.label = max(year.label, before.label + 2 * half)
    for after, year in zip(years[::-1], years[-2::-1]):  # from the right, inside the line
        after.label = min(after.label, 100 - half)
        year.label = min(year.label, after.label - 2 * half)
    for year in years:
        year.label = round(year.label, 2)
    return years
