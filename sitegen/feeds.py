"""One Atom feed of the news per language, written with feedgen."""
from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from . import dates

FEED_ITEMS = 50  # readers poll the feed; the newest items are what they need


def atom(title: str, subtitle: str, lang: str, home_url: str, feed_url: str, items: list[dict],
         item_url, author: dict) -> str:
    """`items` are news items of one language; `item_url(item)` gives each one's absolute URL;
    `author` ({"name", "uri"}) is who publishes them: RFC 4287 §4.1.1 wants an author on the feed
    unless every entry has its own."""
    feed = FeedGenerator()
    feed.id(home_url)
    feed.title(title)
    feed.author(author)
    feed.subtitle(subtitle)
    feed.language(lang)
    feed.link(href=home_url, rel="alternate")
    feed.link(href=feed_url, rel="self")
    # Atom needs an instant for every entry: an undated item stays out of the feed, and one known
    # to the month or year is entered at the start of it (the entry's text carries no day).
    newest = dates.by_date([i for i in items if i.get("date")], newest_first=True)[:FEED_ITEMS]
    feed.updated(_midnight(newest[0]["date"]) if newest else _midnight(dt.date(2000, 1, 1)))
    for item in reversed(newest):  # feedgen puts the last added entry first
        entry = feed.add_entry()
        entry.id(item_url(item))
        entry.title(item["title"])
        entry.link(href=item_url(item))
        entry.updated(_midnight(item["date"]))
        entry.published(_midnight(item["date"]))
        entry.summary(item["summary"])
    return feed.atom_str(pretty=True).decode("utf-8")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
