"""Dates known only to the month or the year stay a month or a year, from YAML to every output."""
from __future__ import annotations

import datetime as dt
import json

import feedparser
from icalendar import Calendar

from htmlutil import Page
from sitegen import dates
from sitegen.dates import PartialDate
from sitegen.formatting import Formatter

RO = Formatter({"babel": "ro"})
EN = Formatter({"babel": "en_GB"})


def test_month_and_year_are_parsed_as_written():
    assert dates.parse("2023-07") == PartialDate(2023, 7)
    assert dates.parse("2024") == PartialDate(2024)
    assert str(dates.parse("2023-07")) == "2023-07" and str(dates.parse("2024")) == "2024"
    assert dates.parse("2025-02-17") == dt.date(2025, 2, 17)
    for typed in ("2023-13", "2023-02-30", "20245", "July 2023"):  # left for the schema to report
        assert dates.parse(typed) == typed
    # A month is not the first day of that month: a translation that adds a day changes a fact.
    assert PartialDate(2023, 7) != dt.date(2023, 7, 1) and dt.date(2023, 7, 1) != PartialDate(2023, 7)


def test_months_and_years_are_formatted_per_language():
    assert (RO.date(PartialDate(2023, 7)), EN.date(PartialDate(2023, 7))) == ("iulie 2023", "July 2023")
    assert (RO.date(PartialDate(2024, 12)), EN.date(PartialDate(2024, 12))) == ("decembrie 2024", "December 2024")
    assert (RO.date(PartialDate(2024)), EN.date(PartialDate(2024))) == ("2024", "2024")
    assert RO.date(dt.date(2024, 12, 5)) == "5 decembrie 2024"
    assert EN.date_parts(dt.date(2024, 2, 28)) == ("28", "Feb", "2024")
    assert RO.date_parts(PartialDate(2024, 12)) == (None, "dec.", "2024")


def test_sorting_puts_a_month_at_its_start_and_undated_items_last():
    items = [{"id": "undated"}, {"id": "day", "date": dt.date(2023, 7, 15)}, {"id": "month", "date": PartialDate(2023, 7)},
             {"id": "year", "date": PartialDate(2024)}, {"id": "old", "date": dt.date(2022, 1, 1)}]
    assert [i["id"] for i in dates.by_date(items)] == ["old", "month", "day", "year", "undated"]
    assert [i["id"] for i in dates.by_date(items, newest_first=True)] == ["year", "day", "month", "old", "undated"]


def test_an_event_known_to_the_month_is_upcoming_until_the_month_ends():
    event = {"start": PartialDate(2024, 12)}
    assert dates.is_upcoming(event, dt.date(2024, 12, 31))
    assert not dates.is_upcoming(event, dt.date(2025, 1, 1))
    assert dates.last(PartialDate(2024, 2)) == dt.date(2024, 2, 29)


def test_month_and_year_dates_on_the_built_pages(fixture_site):
    for prefix, month, year in ((fixture_site, "iulie 2023", "2022"), (fixture_site / "en", "July 2023", "2022")):
        page = Page(prefix / "news" / "month-only" / "index.html")
        assert page.find_all("time", datetime="2023-07") and month in page.text
        assert "1 " + month not in page.text
        page = Page(prefix / "news" / "year-only" / "index.html")
        assert page.find_all("time", datetime="2022")
        undated = Page(prefix / "news" / "undated" / "index.html")
        assert not undated.find_all("time")
        index = Page(prefix / "news" / "index.html")
        # Newest first; the undated item is listed, without a date, after all dated ones.
        order = [index.text.index(t) for t in (month, year)]
        assert order == sorted(order)
        assert index.source.index('href="undated/"') > index.source.index('href="year-only/"')
    event = Page(fixture_site / "en" / "events" / "month-event" / "index.html")
    assert event.find_all("time", datetime="2024-12") and "December 2024" in event.text
    assert not [a for a in event.links() if a.get("href", "").endswith("month-event.ics")]


def test_month_and_year_dates_in_feeds_calendars_and_open_data(fixture_site):
    feed = feedparser.parse((fixture_site / "en" / "feed.xml").read_bytes())
    titles = {entry.title for entry in feed.entries}
    assert "News dated to the month only" in titles and "Undated news" not in titles
    calendar = Calendar.from_ical((fixture_site / "en" / "events" / "calendar.ics").read_bytes())
    assert "The December peer review" not in {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert not (fixture_site / "en" / "events" / "month-event.ics").exists()
    data = json.loads((fixture_site / "en" / "data" / "content.json").read_text(encoding="utf-8"))
    by_id = {item["id"]: item for item in data["news"]}
    assert (by_id["month-only"]["date"], by_id["year-only"]["date"]) == ("2023-07", "2022")
    assert "date" not in by_id["undated"]
