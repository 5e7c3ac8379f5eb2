"""Dates known only to the month or the year: `2023-07` is July 2023, `2024` is the year 2024.

A source that says "July 2023" must never become "1 July 2023" on the site. Such a date is a
`PartialDate`: a `datetime.date` (its first day, so that it sorts, subtracts and compares with
full dates) that remembers its precision, prints itself as it was written (`2023-07`, valid in
HTML's `datetime` and in ISO 8601) and is formatted as a month or a year (sitegen/formatting.py).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re

DAY, MONTH, YEAR = "day", "month", "year"
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class PartialDate(dt.date):
    """A month or a year, standing for its first day wherever a single day is needed."""

    precision: str

    def __new__(cls, year: int, month: int | None = None):
        self = super().__new__(cls, year, month or 1, 1)
        self.precision = YEAR if month is None else MONTH
        return self

    def isoformat(self) -> str:
        return f"{self.year:04d}" if self.precision == YEAR else f"{self.year:04d}-{self.month:02d}"

    __str__ = isoformat

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"

    # Equal only to the same month or year: "2023-07" in one language and "2023-07-01" in the
    # other are different facts (the check of language-neutral fields relies on this).
    def __eq__(self, other) -> bool:
        if isinstance(other, dt.date):
            return precision(other) == self.precision and dt.date.__eq__(self, other)
        return NotImplemented

    def __ne__(self, other) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash((self.precision, self.toordinal()))

    def __add__(self, other):  # arithmetic on a month or year starts from its first day
        return first(self) + other

    __radd__ = __add__

    def __sub__(self, other):
        return first(self) - other

    def __reduce__(self):  # copies and pickles keep the precision
        return (PartialDate, (self.year, None if self.precision == YEAR else self.month))


def precision(value: dt.date) -> str:
    return getattr(value, "precision", DAY)


def parse(value):
    """The text of a date field as typed: `2025-02-17` a day, `2023-07` July 2023, `2024` the year
    2024. Anything else is returned unchanged, for the schema to report."""
    if not isinstance(value, str):
        return value
    if _YEAR.fullmatch(value):
        return PartialDate(int(value))
    match = _MONTH.fullmatch(value)
    if match and 1 <= int(match[2]) <= 12:
        return PartialDate(int(match[1]), int(match[2]))
    if _DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # 2023-02-30 looks like a date, is none
    return value


def first(value: dt.date) -> dt.date:
    """The first day a date stands for."""
    return dt.date(value.year, value.month, value.day)


def last(value: dt.date) -> dt.date:
    """The last day a date stands for: the 31st of a month, the 31 December of a year."""
    kind = precision(value)
    if kind == YEAR:
        return dt.date(value.year, 12, 31)
    if kind == MONTH:
        return dt.date(value.year, value.month, calendar.monthrange(value.year, value.month)[1])
    return first(value)


def sort_key(value: dt.date | None) -> tuple:
    """Orders dates by their first day, a month before its days; undated items come last in an
    ascending list (and first in a descending one: callers put them at the end, see `by_date`)."""
    if value is None:
        return (1, dt.date.max, 0)
    return (0, first(value), {YEAR: 0, MONTH: 1}.get(precision(value), 2))


def by_date(items: list[dict], field: str = "date", newest_first: bool = False) -> list[dict]:
    """Items sorted by a date field; items without it always at the end, in their file's order."""
    dated = [i for i in items if i.get(field) is not None]
    undated = [i for i in items if i.get(field) is None]
    return sorted(dated, key=lambda i: sort_key(i[field]), reverse=newest_first) + undated


def is_upcoming(item: dict, today: dt.date) -> bool:
    """An event is upcoming until the last day it may take place (its end, or the end of its
    month when only the month is known)."""
    return last(item.get("end") or item["start"]) >= today


def is_day(value) -> bool:
    return isinstance(value, dt.date) and precision(value) == DAY


def has_days(event: dict) -> bool:
    """An event whose start and end (if any) are days: what calendars and search engines need."""
    return is_day(event["start"]) and (event.get("end") is None or is_day(event["end"]))
