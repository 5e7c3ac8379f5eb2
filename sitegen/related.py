"""What goes with an item, computed from the content alone (plain Python, no MkDocs objects), so
that an item page leads on: an event and the news that report it, a partner and what names it,
a good practice and its partner, previous and next in the section's list.

How a news item is found to report an event: by its date. A news item reports an event when the
days its date stands for all lie within the event's days (`2025-02-17` within 17 February; a
month-only `2024-12` within an event known only to December 2024). The content already dates each
report on the day of its event, so no field has to be filled in, kept the same in every language
and kept in step when an event moves; a report dated later is not matched, and a month-only
event takes any news item dated on one of its days.

How an event or a news item names a partner: its text (title, place, summary, description, body;
addresses left out) contains one of the partner's names as a whole word, case as written: the
name in full, its part before a bracket, the part in brackets, or its city ("Jyväskylän kaupunki
(City of Jyväskylä)", "Jyväskylän kaupunki", "City of Jyväskylä", "Jyväskylä"). Forms shorter than
MIN_NAME are left out.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import cached_property

from . import dates

# Fields whose text may name a partner, per kind.
TEXT_FIELDS = {"events": ("title", "place", "description"), "news": ("title", "summary", "body")}
MIN_NAME = 4  # shorter names ("EU", an acronym) would be found inside unrelated text
_BRACKETED = re.compile(r"\s*\(([^)]*)\)\s*")
_ADDRESS = re.compile(r"\]\([^)]*\)|<[^>]*>|\bhttps?://\S+|\b[\w.+-]+@[\w.-]+")


def span(start, end=None) -> tuple:
    """The first and last day a date (or a start and an end) stands for."""
    return dates.first(start), dates.last(end or start)


def reports(news: dict, event: dict) -> bool:
    """Whether a news item's date lies within the event's days (see the module's docstring)."""
    if news.get("date") is None:
        return False
    first, last = span(news["date"])
    start, end = span(event["start"], event.get("end"))
    return start <= first and last <= end


def names(partner: dict) -> list[str]:
    """The forms of a partner's name that text may use, longest first: its name, the name before
    a bracket and the one in it (a translation), its city without a bracketed qualifier
    ("Naumburg (Saale)": not "Saale", a river's name too)."""
    name, city = partner.get("name", "").strip(), partner.get("city", "").strip()
    found = [name, _BRACKETED.sub(" ", name).strip(), *(inner.strip() for inner in _BRACKETED.findall(name)),
             city, _BRACKETED.sub(" ", city).strip()]
    return sorted({form for form in found if len(form) >= MIN_NAME}, key=lambda form: (-len(form), form))


def _pattern(partner: dict) -> re.Pattern | None:
    forms = names(partner)
    if not forms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, forms)) + r")(?!\w)")


def text_of(item: dict, key: str) -> str:
    """The item's words that may name a partner, without link addresses or e-mail addresses."""
    return _ADDRESS.sub(" ", "\n".join(str(item.get(name) or "") for name in TEXT_FIELDS[key]))


class Related:
    """Relations among the items of one language (each kind's list in list order, as
    `{"news": [...], "events": [...], ...}`); each computed once, then read by every page."""

    def __init__(self, items: dict[str, list[dict]]):
        self.items = items
        self._by_field: dict[tuple[str, str], dict] = {}  # (kind, field) -> value -> items

    def _of(self, key: str) -> list[dict]:
        return self.items.get(key, [])

    @cached_property
    def _news_of_event(self) -> dict[str, list[dict]]:
        """Event id -> the news reporting it. Events are filed under each day they cover, so a news
        item is compared only with the events of its first day (thousands of each stay fast)."""
        by_day: dict[dt.date, list[dict]] = {}
        for event in self._of("events"):
            start, end = span(event["start"], event.get("end"))
            for offset in range((end - start).days + 1):
                by_day.setdefault(start + dt.timedelta(days=offset), []).append(event)
        found: dict[str, list[dict]] = {e["id"]: [] for e in self._of("events")}
        for news in self._of("news"):  # newest first: each event's news in the news list's order
            if news.get("date") is not None:
                for event in by_day.get(dates.first(news["date"]), []):
                    if reports(news, event):
                        found[event["id"]].append(news)
        return found

    @cached_property
    def _named(self) -> dict[tuple[str, str], list[str]]:
        """(kind, item id) -> ids of the partners its text names, in the partners' order."""
        # A plain substring test first: the whole-word pattern is ten times slower, and most texts
        # name no partner at all.
        partners = [(p["id"], names(p), _pattern(p)) for p in self._of("partners")]
        found = {}
        for key in TEXT_FIELDS:
            for item in self._of(key):
                text = text_of(item, key)
                found[(key, item["id"])] = [pid for pid, forms, pattern in partners
                                            if any(form in text for form in forms) and pattern.search(text)]
        return found

    def news_of_event(self, event: dict) -> list[dict]:
        """The news items that report an event, newest first (the news list's order)."""
        return self._news_of_event.get(event["id"], [])

    @cached_property
    def _events_of_news(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for event in self._of("events"):  # in the events list's order
            for news in self._news_of_event[event["id"]]:
                found.setdefault(news["id"], []).append(event)
        return found

    def events_of_news(self, news: dict) -> list[dict]:
        """The events a news item reports, in the events list's order."""
        return self._events_of_news.get(news["id"], [])

    def partners_named(self, key: str, item: dict) -> list[dict]:
        """The partners an event's or a news item's text names."""
        ids = self._named.get((key, item["id"]), [])
        return [p for p in self._of("partners") if p["id"] in ids]

    def naming(self, key: str, partner: dict) -> list[dict]:
        """The events or news items whose text names a partner, in their list's order."""
        return [i for i in self._of(key) if partner["id"] in self._named.get((key, i["id"]), [])]

    def with_field(self, key: str, name: str, value: str, but: str | None = None) -> list[dict]:
        """The items of a kind whose `name` field is `value` (a good practice's partner, a result's
        or an event's activity), leaving out the item whose id is `but`."""
        index = self._by_field.get((key, name))
        if index is None:  # once per kind and field, not once per page
            index = self._by_field[(key, name)] = {}
            for item in self._of(key):
                index.setdefault(item.get(name), []).append(item)
        return [i for i in index.get(value, []) if i["id"] != but]

    @cached_property
    def _positions(self) -> dict[str, dict[str, int]]:
        return {key: {item["id"]: n for n, item in enumerate(listed)} for key, listed in self.items.items()}

    def item(self, key: str, item_id: str) -> dict | None:
        at = self._positions.get(key, {}).get(item_id)
        return None if at is None else self._of(key)[at]

    def neighbours(self, key: str, item_id: str) -> tuple[dict | None, dict | None]:
        """The items before and after one in its section's list."""
        listed, at = self._of(key), self._positions.get(key, {}).get(item_id)
        if at is None:
            return None, None
        return (listed[at - 1] if at > 0 else None), (listed[at + 1] if at + 1 < len(listed) else None)

    def groups(self, key: str, item: dict) -> list[tuple[str, str, list[dict]]]:
        """What an item's page shows under its text, as (heading's string, kind, items); only
        groups with items."""
        if key == "events":
            found = [("related_news_of_event", "news", self.news_of_event(item)),
                     ("related_partners_named", "partners", self.partners_named(key, item))]
        elif key == "news":
            found = [("related_events_of_news", "events", self.events_of_news(item)),
                     ("related_partners_named", "partners", self.partners_named(key, item))]
        elif key == "partners":
            found = [("good_practices_of_partner", "good_practices",
                      self.with_field("good_practices", "partner", item["id"])),
                     ("related_events_naming", "events", self.naming("events", item)),
                     ("related_news_naming", "news", self.naming("news", item))]
        elif key == "good_practices" and item.get("partner"):
            found = [("owner_partner", "partners", [p for p in self._of("partners") if p["id"] == item["partner"]]),
                     ("related_more_practices", "good_practices",
                      self.with_field(key, "partner", item["partner"], but=item["id"]))]
        elif key == "activities":
            found = [("results_of_activity", "results", self.with_field("results", "activity", item["id"])),
                     ("events_of_activity", "events", self.with_field("events", "activity", item["id"]))]
        else:
            found = []
        return [group for group in found if group[2]]
