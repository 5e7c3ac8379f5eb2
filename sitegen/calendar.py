"""Events as iCalendar files: one per event and one calendar per language, with `icalendar`."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from icalendar import Calendar, Event


def calendar(name: str, events: list[dict], event_url, today: dt.date) -> str:
    """All-day events; `event_url(event)` gives the absolute URL of an event's page."""
    cal = Calendar()
    cal.add("prodid", f"-//{name}//sitegen//")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for item in sorted(events, key=lambda e: e["start"]):
        cal.add_component(_event(item, event_url(item), today))
    return cal.to_ical().decode("utf-8")


def _event(item: dict, url: str, today: dt.date) -> Event:
    event = Event()
    # The same UID in every language: calendars treat the translations as one event.
    event.add("uid", f"{item['id']}@{urlsplit(url).hostname or 'localhost'}")
    # DTSTAMP is the build day, not the build second, so an unchanged event is an unchanged file.
    event.add("dtstamp", dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc))
    event.add("dtstart", item["start"])
    event.add("dtend", (item.get("end") or item["start"]) + dt.timedelta(days=1))  # exclusive end
    event.add("summary", item["title"])
    event.add("location", item["place"])
    event.add("url", url)
    event.add("description", url)
    return event
