"""The activities over the project period, as positions on a line from the start to the end.

Honest by construction: an activity gets a bar only when the content gives it a start; an event
is placed at its own date (a month-long mark when only the month is known); today is marked.
Positions are percentages of the project period, clamped to it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import dates

MIN_WIDTH = 0.8  # percent: a bar of a day or two stays visible


@dataclass
class Mark:
    item: dict
    left: float  # percent of the project period
    width: float  # percent; 0 for a single day (drawn as a dot)


@dataclass
class Row:
    item: dict  # the activity
    bar: Mark | None  # None: the content gives the activity no period
    events: list[dict] = field(default_factory=list)  # its events, by date
    marks: list[Mark] = field(default_factory=list)  # those inside the period, placed


@dataclass
class Timeline:
    years: list[tuple[int, float]]  # New Year's Days inside the period, and their position
    today: float
    rows: list[Row]
    events: list[dict]  # every event by date, whether or not it belongs to an activity
    marks: list[Mark]  # those inside the period, placed


def build(start: dt.date, end: dt.date, activities: list[dict], events: list[dict], today: dt.date) -> Timeline:
    total = (end - start).days or 1

    def position(day: dt.date) -> float:
        return round(min(max((day - start).days / total, 0), 1) * 100, 2)

    def mark(item: dict, first: dt.date, last: dt.date | None) -> Mark:
        left, right = position(dates.first(first)), position(dates.last(last or first))
        single_day = dates.is_day(first) and (last is None or dates.first(last) == dates.first(first))
        return Mark(item, left, 0 if single_day else max(right - left, MIN_WIDTH))

    events = dates.by_date(events, "start")
    # An event outside the period has no place on the line (the text beside it still lists it).
    event_marks = [mark(e, e["start"], e.get("end")) for e in events
                   if dates.last(e.get("end") or e["start"]) >= start and dates.first(e["start"]) <= end]
    rows = []
    for activity in activities:
        bar = None
        if activity.get("start"):
            # No end given: an ongoing activity runs until today, any other until the project ends.
            last = activity.get("end") or (today if activity.get("status") == "ongoing" else end)
            bar = mark(activity, activity["start"], last)
        own = [e for e in events if e.get("activity") == activity["id"]]
        rows.append(Row(activity, bar, own, [m for m in event_marks if m.item.get("activity") == activity["id"]]))
    years = [(year, position(dt.date(year, 1, 1))) for year in range(start.year + 1, end.year + 1)]
    return Timeline(years, position(today), rows, events, event_marks)
